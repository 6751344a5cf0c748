import { beforeAll, describe, expect, it } from "vitest";
import { call, fixture, postJson, TEST_INGEST_TOKEN } from "../helpers";

interface Message {
  id: number;
  timestamp: string;
  text: string;
  report_id?: number;
}

const { messages } = JSON.parse(fixture("credits/messages.json")) as { messages: Message[] };
const { reports } = JSON.parse(fixture("credits/reports.json")) as { reports: Array<{ id: number; name: string; credit_cost: number }> };
const put = (path: string, body: unknown) =>
  call(path, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TEST_INGEST_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

type UsageEntry = { message_id: number; timestamp: string; report_name?: string; credits_used: number };
const usage = async () => ((await (await call("/usage")).json()) as { usage: UsageEntry[] }).usage;

beforeAll(async () => {
  expect((await postJson("/v1/reports", { reports })).status).toBe(200);
  expect((await postJson("/v1/messages", { messages })).status).toBe(200);
  expect((await put("/v1/billing-periods/current", { start: "2024-04-29T00:00:00Z", end: "2024-05-29T00:00:00Z" })).status).toBe(200);
});

describe("credits over the fixture", () => {
  it("prices the known answers", async () => {
    const byId = new Map((await usage()).map((entry) => [entry.message_id, entry]));
    expect(byId.get(1001)?.credits_used).toBe(5.2);
    expect(byId.get(1056)?.credits_used).toBe(1.85);
    expect(byId.get(1104)?.credits_used).toBe(2.1);
    expect(byId.get(1009)).toEqual({
      message_id: 1009,
      timestamp: "2024-04-29T16:02:31.649Z",
      report_name: "Maintenance Responsibilities Report",
      credits_used: 94,
    });
  });

  it("answers /usage with one entry per message of the period, ordered by timestamp then id, in the origin's shape", async () => {
    const response = await call("/usage");
    expect(response.headers.get("Cache-Control")).toBe("max-age=60");
    const text = await response.text();
    const body = JSON.parse(text) as { usage: UsageEntry[] };
    expect(Object.keys(body)).toEqual(["usage"]);
    const expectedOrder = [...messages].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.id - b.id).map((m) => m.id);
    expect(body.usage.map((e) => e.message_id)).toEqual(expectedOrder);
    const reportNames = new Map(reports.map((r) => [r.id, r.name]));
    for (const entry of body.usage) {
      const message = messages.find((m) => m.id === entry.message_id)!;
      expect(entry.timestamp).toBe(message.timestamp);
      const known = message.report_id === undefined ? undefined : reportNames.get(message.report_id);
      expect(Object.keys(entry)).toEqual(
        known ? ["message_id", "timestamp", "report_name", "credits_used"] : ["message_id", "timestamp", "credits_used"],
      );
      if (known) expect(entry.report_name).toBe(known);
    }
    expect(text).not.toContain("null");
    expect(text).toContain('{"message_id":1001,"timestamp":"2024-04-29T03:25:03.613Z","credits_used":5.2}');
  });

  it("answers gzip when the client accepts it, the same JSON either way", async () => {
    const plain = await call("/usage", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    const text = await plain.text();
    for (const [accept, expected] of [
      ["gzip, deflate, br", "gzip"],
      ["gzip", "gzip"],
      ["gzip;q=0", null],
      ["br", null],
    ] as const) {
      const response = await call("/usage", { headers: { "Accept-Encoding": accept } });
      expect(response.headers.get("Content-Encoding"), accept).toBe(expected);
      expect(response.headers.get("Vary")).toBe("Accept-Encoding");
      expect(await response.text(), accept).toBe(text);
    }
  });

  it("keeps messages outside the period out of /usage, and re-prices when a report arrives after its messages", async () => {
    const late = [
      { id: 5001, timestamp: "2024-05-30T10:00:00Z", text: "after the period" },
      { id: 5002, timestamp: "2024-05-01T10:00:00+02:00", text: "Make the Holdover Report.", report_id: 777 },
    ];
    expect(await (await postJson("/v1/messages", { messages: late })).json()).toEqual({
      received: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      version: expect.any(Number),
    });
    let entries = await usage();
    expect(entries.some((e) => e.message_id === 5001)).toBe(false);
    const textPriced = entries.find((e) => e.message_id === 5002)!;
    expect(textPriced.report_name).toBeUndefined();
    expect(textPriced.timestamp).toBe("2024-05-01T10:00:00+02:00");
    const quote = (await (await postJson("/v1/credits/quote", { text: "Make the Holdover Report." })).json()) as { credits: number };
    expect(textPriced.credits_used).toBe(quote.credits);

    const result = await put("/v1/reports/777", { name: "Holdover Report", credit_cost: 12.5 });
    expect(await result.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, repriced_messages: 1, version: expect.any(Number) });
    entries = await usage();
    expect(entries.find((e) => e.message_id === 5002)).toEqual({
      message_id: 5002,
      timestamp: "2024-05-01T10:00:00+02:00",
      report_name: "Holdover Report",
      credits_used: 12.5,
    });

    await put("/v1/reports/777", { name: "Holdover Report v2", credit_cost: 13 });
    entries = await usage();
    expect(entries.find((e) => e.message_id === 5002)).toMatchObject({ report_name: "Holdover Report v2", credits_used: 13 });
  });

  it("is idempotent by id", async () => {
    const again = (await (await postJson("/v1/messages", { messages })).json()) as Record<string, number>;
    expect(again).toEqual({ received: messages.length, inserted: 0, updated: 0, unchanged: messages.length, version: expect.any(Number) });
  });

  it("answers any window with totals, and a daily series with empty days", async () => {
    const body = (await (await call("/v1/usage?from=2024-04-29T00:00:00Z&to=2024-05-02T00:00:00Z")).json()) as {
      totals: { messages: number; credits: number; by_report: Array<{ report_name: string | null; messages: number; credits: number }> };
      usage: UsageEntry[];
    };
    const inWindow = body.usage;
    expect(body.totals.messages).toBe(inWindow.length);
    expect(body.totals.credits).toBeCloseTo(
      inWindow.reduce((sum, e) => sum + e.credits_used, 0),
      9,
    );
    expect(body.totals.by_report.reduce((sum, g) => sum + g.messages, 0)).toBe(inWindow.length);
    expect(body.totals.by_report.find((g) => g.report_name === "Tenant Obligations Report")?.messages).toBe(2);

    const daily = (await (await call("/v1/usage/daily?from=2024-04-28T00:00:00Z&to=2024-05-03T00:00:00Z")).json()) as {
      days: Array<{ date: string; messages: number; credits: number }>;
    };
    expect(daily.days.map((d) => d.date)).toEqual(["2024-04-28", "2024-04-29", "2024-04-30", "2024-05-01", "2024-05-02"]);
    expect(daily.days[0]).toEqual({ date: "2024-04-28", messages: 0, credits: 0 });
    const perDay = new Map<string, number>();
    for (const e of ((await (await call("/v1/usage?from=2024-04-28T00:00:00Z&to=2024-05-03T00:00:00Z")).json()) as { usage: UsageEntry[] })
      .usage) {
      const day = new Date(Date.parse(e.timestamp)).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + e.credits_used);
    }
    for (const day of daily.days) expect(day.credits).toBeCloseTo(perDay.get(day.date) ?? 0, 9);
  });

  it("quotes a text rule by rule, and a report by its cost", async () => {
    const text = (await (await postJson("/v1/credits/quote", { text: "orbital latibro" })).json()) as {
      credits: number;
      priced_by: string;
      rules: Array<{ rule: string; credits: number }>;
    };
    expect(text.credits).toBe(2.1);
    expect(text.priced_by).toBe("text");
    expect(Object.fromEntries(text.rules.map((r) => [r.rule, r.credits]))).toEqual({
      base: 1,
      characters: 0.75,
      words: 0.4,
      third_vowels: 0.9,
      length_penalty: 0,
      unique_words: -2,
      minimum: 0,
      palindrome: 1.05,
    });
    const report = (await (await postJson("/v1/credits/quote", { report_id: 8806, text: "ignored" })).json()) as Record<string, unknown>;
    expect(report).toEqual({
      credits: 94,
      priced_by: "report",
      report: { id: 8806, name: "Maintenance Responsibilities Report", credit_cost: 94 },
      rules: [],
    });
    const unknown = (await (await postJson("/v1/credits/quote", { report_id: 999999, text: "a" })).json()) as Record<string, unknown>;
    expect(unknown).toMatchObject({ credits: 2, priced_by: "text", unknown_report_id: 999999 });
    const message = (await (await call("/v1/messages/1104")).json()) as { credits_used: number; quote: { credits: number } };
    expect(message.credits_used).toBe(2.1);
    expect(message.quote.credits).toBe(2.1);
  });

  it("lists reports with their message counts", async () => {
    const body = (await (await call("/v1/reports")).json()) as { reports: Array<{ id: number; messages: number; credit_cost: number }> };
    expect(body.reports.find((r) => r.id === 5392)).toMatchObject({ credit_cost: 79, messages: 2 });
  });
});
