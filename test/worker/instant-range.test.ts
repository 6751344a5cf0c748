import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, postJson, TEST_INGEST_TOKEN } from "./helpers";

const put = (path: string, body: unknown) =>
  call(path, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TEST_INGEST_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

const SENSOR = "dddddddd-0000-4000-8000-000000000004";
let circuit = "";

beforeAll(async () => {
  const response = await postJson("/v1/insights/metadata", {
    brands: [{ id: "dddddddd-0000-4000-8000-000000000001", name: "Old brand" }],
    organizations: [{ id: "dddddddd-0000-4000-8000-000000000002", brand_id: "dddddddd-0000-4000-8000-000000000001", name: "Old org" }],
    locations: [{ id: "dddddddd-0000-4000-8000-000000000003", organization_id: "dddddddd-0000-4000-8000-000000000002", name: "Old site" }],
    electric_sensors: [{ id: SENSOR, duid: "ROMAN", name: "Old panel", location_id: "dddddddd-0000-4000-8000-000000000003" }],
    circuits: [{ sensor_id: SENSOR, circuit_number: 1, name: "Old circuit" }],
  });
  circuit = ((await response.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids[0]!.id;
});

describe("instants of years 0000–0099", () => {
  it("are echoed as given by /v1/usage, not moved to 19xx", async () => {
    const response = await call("/v1/usage?from=0050-06-01T00:00:00Z&to=0050-07-01T00:00:00Z");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ from: "0050-06-01T00:00:00Z", to: "0050-07-01T00:00:00Z" });
  });

  it("store an insights reading at 0050, read back at 0050", async () => {
    expect(
      (await postJson("/v1/insights/readings", [{ duid: "ROMAN", circuit_number: 1, timestamp: "0050-06-01T00:00:00Z", power_watts: 9 }]))
        .status,
    ).toBe(200);
    const body = (await (await call(`/v1/circuits/${circuit}/usage?start=0050-05-31T00:00:00Z&end=0050-06-02T00:00:00Z`)).json()) as {
      window: { start: string };
      usage: { sample_count: number; max_at: string };
    };
    expect(body.window.start).toBe("0050-05-31T00:00:00Z");
    expect(body.usage).toMatchObject({ sample_count: 1, max_at: "0050-06-01T00:00:00Z" });
    const modern = (await (await call(`/v1/circuits/${circuit}/usage?start=1950-05-31T00:00:00Z&end=1950-06-02T00:00:00Z`)).json()) as {
      usage: { sample_count: number };
    };
    expect(modern.usage.sample_count).toBe(0);
  });

  it("keep a message and a billing period at 0050, counted on the right day", async () => {
    expect((await postJson("/v1/messages", { messages: [{ id: 50, timestamp: "0050-06-01T12:00:00Z", text: "ave" }] })).status).toBe(200);
    expect(((await (await call("/v1/messages/50")).json()) as { timestamp: string }).timestamp).toBe("0050-06-01T12:00:00Z");
    const daily = (await (await call("/v1/usage/daily?from=0050-06-01T00:00:00Z&to=0050-06-02T00:00:00Z")).json()) as {
      days: Array<{ date: string; messages: number }>;
    };
    expect(daily.days).toEqual([expect.objectContaining({ date: "0050-06-01", messages: 1 })]);
    expect((await put("/v1/billing-periods/current", { start: "0050-06-01T00:00:00Z", end: "0050-07-01T00:00:00Z" })).status).toBe(200);
    expect(await (await call("/v1/billing-periods/current")).json()).toMatchObject({
      start: "0050-06-01T00:00:00Z",
      end: "0050-07-01T00:00:00Z",
    });
    const usage = (await (await call("/usage")).json()) as { usage: Array<{ message_id: number }> };
    expect(usage.usage.map((row) => row.message_id)).toEqual([50]);
  });

  it("keep a peaks reading at 0000-02-29, a leap day", async () => {
    expect((await postJson("/v1/markets", { name: "ancient" })).status).toBe(201);
    expect((await postJson("/v1/markets/ancient/readings", { readings: [{ timestamp: "0000-02-29 23:59:59", usage_kw: 4 }] })).status).toBe(
      200,
    );
    const body = (await (await call("/v1/markets/ancient/peaks?from=0000-02-29&to=0000-03-01")).json()) as {
      from: string;
      peaks: Array<{ timestamp: string }>;
    };
    expect(body.from).toBe("0000-02-29T00:00:00");
    expect(body.peaks.map((p) => p.timestamp)).toEqual(["0000-02-29T23:59:59"]);
  });
});

describe("instants the API cannot keep exactly", () => {
  it("refuse digits finer than a millisecond with a 422 naming the field", async () => {
    const message = await expectProblem(
      await postJson("/v1/messages", { messages: [{ id: 51, timestamp: "2024-04-29T00:00:00.0001Z", text: "x" }] }),
      422,
    );
    expect(message.errors).toEqual([
      { pointer: "/messages/0/timestamp", location: "body", detail: expect.stringContaining("at most millisecond precision") },
    ]);
    await expectProblem(await call("/v1/messages/51"), 404);
    const window = await expectProblem(await call("/v1/usage?from=2024-04-29T00:00:00.1234Z&to=2024-04-30T00:00:00Z"), 422);
    expect(window.errors).toEqual([
      { pointer: "/from", location: "query", detail: expect.stringContaining("at most millisecond precision") },
    ]);
    const reading = await expectProblem(
      await postJson("/v1/insights/readings", [
        { duid: "ROMAN", circuit_number: 1, timestamp: "2024-04-01T00:00:00.000001Z", power_watts: 1 },
      ]),
      422,
    );
    expect(reading.errors?.map((e) => e.pointer)).toEqual(["/0/timestamp"]);
    expect((await postJson("/v1/messages", { messages: [{ id: 52, timestamp: "2024-04-29T00:00:00.123000Z", text: "x" }] })).status).toBe(
      200,
    );
  });

  it("refuse instants whose UTC time falls outside 0000–9999, never shifting them", async () => {
    const early = await expectProblem(
      await postJson("/v1/messages", { messages: [{ id: 53, timestamp: "0000-01-01T00:30:00+01:00", text: "x" }] }),
      422,
    );
    expect(early.errors).toEqual([
      { pointer: "/messages/0/timestamp", location: "body", detail: expect.stringContaining("outside the supported range") },
    ]);
    const late = await expectProblem(
      await put("/v1/billing-periods/current", { start: "9999-12-31T00:00:00Z", end: "9999-12-31T23:00:00-02:00" }),
      422,
    );
    expect(late.errors?.map((e) => e.pointer)).toEqual(["/end"]);
  });
});
