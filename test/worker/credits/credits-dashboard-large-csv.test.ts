import { beforeAll, describe, expect, it } from "vitest";
import { call, postJson } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";
import { DASHBOARD, decodeEntities, expectDashboardHref, tableIds, type UsageEntry } from "./dashboard-html";

/**
 * Windows beyond the table's 20,000 rows: the CSV still holds every message, in time order straight from D1 or sorted
 * whole; past 200,000 messages a sorted CSV is refused (422) and the page offers the time-order CSV instead.
 * Each part has a window of its own, so the other part's messages never fall in it.
 */

const HEADER = "Message ID,Timestamp,Report Name,Credits Used";
/** The API's largest batch (MAX_MESSAGES_PER_BATCH); batches of distinct new ids are sent a few at a time. */
const BATCH = 10_000;
const PARALLEL_BATCHES = 4;

interface MessageInput {
  id: number;
  timestamp: string;
  text: string;
  report_id?: number | null;
}

async function ingest(messages: readonly MessageInput[]): Promise<void> {
  const batches: MessageInput[][] = [];
  for (let start = 0; start < messages.length; start += BATCH) batches.push(messages.slice(start, start + BATCH));
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    const answers = await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map((batch) => postJson("/v1/messages", { messages: batch })));
    for (const answer of answers) expect(answer.status, await answer.clone().text()).toBe(200);
  }
}

const page = async (search: string) => {
  const response = await call(`${DASHBOARD}${search}`, asBrowser());
  return { response, html: await response.text() };
};

const csv = (search: string) => call(`${DASHBOARD}${search}`, asBrowser());

const pad = (n: number) => String(n).padStart(2, "0");
/** DD-MM-YYYY HH:mm in UTC, written here from the instant (the offset the message was sent with does not matter). */
function dayMonthYearTime(timestamp: string): string {
  const d = new Date(timestamp);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled. */
const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The CSV line of a /v1/usage entry, without its CRLF. */
const expectedLine = (entry: UsageEntry) =>
  [String(entry.message_id), dayMonthYearTime(entry.timestamp), field(entry.report_name ?? ""), entry.credits_used.toFixed(2)].join(",");

/** A CSV body's lines: every line ends in CRLF, no bare LF anywhere. */
function csvLines(text: string): string[] {
  expect(text.endsWith("\r\n"), "the last line ends in CRLF").toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  expect(lines.findIndex((line) => line.includes("\n") || line.includes("\r"))).toBe(-1);
  return lines;
}

/** Asserts equal line lists, naming the first line that differs (a diff of 20,000 lines says little). */
function expectSameLines(actual: readonly string[], expected: readonly string[], what: string): void {
  const first = expected.findIndex((line, i) => actual[i] !== line);
  expect(first === -1 ? undefined : { line: first, actual: actual[first], expected: expected[first] }, what).toBeUndefined();
  expect(actual.length, what).toBe(expected.length);
}

/**
 * Reads a CSV response line by line without holding it: `visit` gets each data line and its index (0 = first message).
 * Returns the number of data lines, after checking the header and that every line ends in CRLF.
 */
async function eachCsvLine(response: Response, visit: (line: string, index: number) => void): Promise<number> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  let index = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const lines = (rest + value).split("\r\n");
    rest = lines.pop()!;
    for (const line of lines) {
      if (index === -1) expect(line).toBe(HEADER);
      else visit(line, index);
      index++;
    }
  }
  expect(rest, "the last line ends in CRLF").toBe("");
  return index;
}

/** The table's order, written from the spec: names as a person reads them (then code units), no name last; ties in time. */
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
function byName(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}
function sortedBy(entries: readonly UsageEntry[], sort: string): UsageEntry[] {
  const keys = sort.split(",").map((part) => ({ column: part.replace(/^-/, ""), sign: part.startsWith("-") ? -1 : 1 }));
  return [...entries].sort((a, b) => {
    for (const { column, sign } of keys) {
      const order = column === "report" ? byName(a.report_name, b.report_name) : a.credits_used - b.credits_used;
      if (order !== 0) return sign * order;
    }
    return Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.message_id - b.message_id;
  });
}

/** The notice above the table and the CSV link (href decoded, text), as a person reads them. */
function csvOffer(html: string): { notice: string; href: string; text: string } {
  const messages = sectionById(html, "messages");
  const notice = /<div class="notice" role="status">\s*<p>([\s\S]*?)<\/p>/.exec(messages);
  const link = /<a class="button button-quiet" href="([^"]+)" download="credit-usage.csv">([\s\S]*?)<\/a>/.exec(messages);
  expect(link, "the CSV link").not.toBeNull();
  return { notice: notice ? textOf(notice[1]!) : "", href: decodeEntities(link![1]!), text: textOf(link![2]!) };
}

describe("the CSV of a window with more messages than the table holds", () => {
  // 20,050 messages from 2023-03-01, two per instant with their ids out of time order.
  const COUNT = 20_050;
  const WINDOW = { from: "2023-03-01", to: "2023-03-15" };
  const IN_WINDOW = `from=${WINDOW.from}&to=${WINDOW.to}`;
  const reports = [
    { id: 1, name: "Report 2", credit_cost: 3 },
    { id: 2, name: "Report 10", credit_cost: 3 },
    // Equal to "Report 2" for a person: ties broken by code units.
    { id: 3, name: "report 2", credit_cost: 7.25 },
    { id: 4, name: "Ärger", credit_cost: 1.5 },
    { id: 5, name: "alpha", credit_cost: 12 },
    // Quoted in the CSV.
    { id: 6, name: 'Smith, "Jones" & Co', credit_cost: 2.1 },
  ];
  /** Named reports, no report (absent and null), and an unknown id (priced from the text). */
  const REPORT_CYCLE = [1, 2, 3, 4, 5, 6, undefined, null, 42, undefined, undefined] as const;
  const START = Date.UTC(2023, 2, 1, 0, 0, 7, 375);
  const messages: MessageInput[] = Array.from({ length: COUNT }, (_, i) => {
    const reportId = REPORT_CYCLE[i % REPORT_CYCLE.length];
    const ms = START + Math.floor(i / 2) * 60_000 + (Math.floor(i / 2) % 7) * 1000;
    // Some instants sent with an offset: the CSV shows them in UTC.
    const timestamp = i % 13 === 0 ? `${new Date(ms + 19_800_000).toISOString().slice(0, 23)}+05:30` : new Date(ms).toISOString();
    return {
      id: 1_000_000 + ((i * 7919) % COUNT),
      timestamp,
      text: `Message ${i % 50} about ${"meter ".repeat(i % 6)}readings`,
      ...(reportId === undefined ? {} : { report_id: reportId }),
    };
  });
  // Just outside the window: the last instant before it, and its (exclusive) end.
  const outside: MessageInput[] = [
    { id: 999_998, timestamp: "2023-02-28T23:59:59.999Z", text: "before", report_id: 1 },
    { id: 999_999, timestamp: "2023-03-15T00:00:00Z", text: "at the end", report_id: 1 },
  ];

  let usage: UsageEntry[];

  beforeAll(async () => {
    expect((await postJson("/v1/reports", { reports })).status).toBe(200);
    await ingest([...messages, ...outside]);
    const response = await call(`/v1/usage?from=${WINDOW.from}T00:00:00Z&to=${WINDOW.to}T00:00:00Z`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totals: { messages: number }; usage: UsageEntry[] };
    usage = body.usage;
    expect(body.totals.messages).toBe(COUNT);
    // /v1/usage lists exactly the messages sent into the window, in (timestamp, id) order.
    const sent = [...messages].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.id - b.id);
    expect(usage.map((entry) => entry.message_id)).toEqual(sent.map((message) => message.id));
    // The data has what the sorts must get right: equal credits, names equal but for case, a quoted name, no name.
    const names = new Set(usage.map((entry) => entry.report_name));
    for (const report of reports) expect(names).toContain(report.name);
    expect(names).toContain(undefined);
    expect(new Set(usage.map((entry) => entry.credits_used)).size).toBeGreaterThan(10);
  }, 60_000);

  it("holds every message in (timestamp, id) order without a sort, formatted as the table shows it", async () => {
    const response = await csv(`?${IN_WINDOW}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="credit-usage.csv"');
    const lines = csvLines(await response.text());
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(COUNT + 1);
    expectSameLines(lines.slice(1), usage.map(expectedLine), "time order");
    // Spot checks written by hand: the first message (ids 1,000,000 and 1,007,919 share its instant), sent at +05:30.
    expect(lines[1]).toBe("1000000,01-03-2023 00:00,Report 2,3.00");
    expect(lines.some((line) => line.includes(',"Smith, ""Jones"" & Co",2.10'))).toBe(true);
  });

  it("holds every message sorted whole, not just the table's 20,000 rows", async () => {
    for (const sort of ["report,-credits", "-credits", "-report"]) {
      const response = await csv(`?${IN_WINDOW}&sort=${sort}&page=7&per_page=25&format=csv`);
      expect(response.status, sort).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
      const lines = csvLines(await response.text());
      expect(lines[0]).toBe(HEADER);
      expect(lines, sort).toHaveLength(COUNT + 1);
      expectSameLines(lines.slice(1), sortedBy(usage, sort).map(expectedLine), sort);
    }
  });

  it("says on the page that the table holds the first 20,000 messages and the CSV all of them, in the table's order", async () => {
    for (const sort of ["", "report,-credits"]) {
      const search = `?${IN_WINDOW}${sort ? `&sort=${sort}` : ""}`;
      const { response, html } = await page(search);
      expect(response.status).toBe(200);
      expectSafePage(response, html);
      const offer = csvOffer(html);
      expect(offer.notice).toBe(
        "The table holds the first 20,000 of 20,050 messages in time order, and sorts those; narrow the window to see the rest here. " +
          "The CSV holds all of them in this order.",
      );
      expect(offer.text).toBe("Download CSV (all 20,050 messages, this order)");
      expectDashboardHref(offer.href, { ...WINDOW, ...(sort ? { sort } : {}), format: "csv" });
      // The link gives the CSV of every message in the page's order.
      const lines = csvLines(await (await call(offer.href, asBrowser())).text());
      expectSameLines(lines.slice(1), (sort ? sortedBy(usage, sort) : usage).map(expectedLine), `the link of ${search}`);
    }
    // The table's first page: the first rows in time order.
    expect(tableIds((await page(`?${IN_WINDOW}`)).html)).toEqual(usage.slice(0, 100).map((entry) => entry.message_id));
  });
});

describe("the CSV of a window too large to sort", () => {
  // 200,001 messages from 2023-05-01, six seconds apart, ids in time order; the last one on 2023-05-20, so the
  // window to 2023-05-20 (end exclusive) holds exactly MAX_SORTED_CSV_ROWS = 200,000 of them.
  const COUNT = 200_001;
  const FIRST_ID = 10_000_000;
  const LARGE = { from: "2023-05-01", to: "2023-06-01" };
  const LIMIT = { from: "2023-05-01", to: "2023-05-20" };
  const search = (window: { from: string; to: string }, rest: string) => `?from=${window.from}&to=${window.to}${rest}`;
  const reports = [
    { id: 101, name: "Large Report", credit_cost: 4 },
    { id: 102, name: "large report", credit_cost: 1.25 },
  ];
  const START = Date.UTC(2023, 4, 1, 0, 0, 3);
  const messages: MessageInput[] = Array.from({ length: COUNT }, (_, i) => {
    const report = i % 5 === 0 ? { report_id: 101 } : i % 5 === 1 ? { report_id: 102 } : {};
    const timestamp = i === COUNT - 1 ? "2023-05-20T00:00:00Z" : new Date(START + i * 6_000).toISOString();
    return { id: FIRST_ID + i, timestamp, text: `m${i % 97} ${"x".repeat(i % 11)}`, ...report };
  });

  beforeAll(async () => {
    expect((await postJson("/v1/reports", { reports })).status).toBe(200);
    await ingest(messages);
  }, 120_000);

  it("answers a sorted CSV of more than 200,000 messages with a 422 page naming the CSV in time order", async () => {
    for (const sort of ["report,-credits", "-credits"]) {
      const { response, html } = await page(search(LARGE, `&sort=${sort}&format=csv`));
      expect(response.status, sort).toBe(422);
      expectSafePage(response, html);
      expect(response.headers.get("Content-Disposition")).toBeNull();
      expect(html).toContain("<title>This CSV is too large to sort · Energy Edge</title>");
      expect(html).toContain("<h1>This CSV is too large to sort</h1>");
      const alert = decodeEntities(textOf(/<div class="notice notice-error" role="alert"><p>([\s\S]*?)<\/p>/.exec(html)![1]!));
      expect(alert).toContain("A sorted CSV holds at most 200,000 messages, and this window has 200,001.");
      const url = /The CSV in time order holds all of them: (\S+?);/.exec(alert)?.[1];
      expectDashboardHref(url, { ...LARGE, format: "csv" });
      expect(html).toMatch(/Request id: \S+/);
    }
  });

  it("streams the time-order CSV of all 200,001 messages", async () => {
    const response = await csv(search(LARGE, "&format=csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="credit-usage.csv"');
    let outOfOrder: { index: number; line: string } | undefined;
    const count = await eachCsvLine(response, (line, index) => {
      // Ids rise with time here: line k is message FIRST_ID + k.
      if (!outOfOrder && !line.startsWith(`${FIRST_ID + index},`)) outOfOrder = { index, line };
    });
    expect(outOfOrder).toBeUndefined();
    expect(count).toBe(COUNT);
  });

  it("sorts a CSV of exactly 200,000 messages whole", async () => {
    const daily = (await (await call(`/v1/usage/daily?from=${LIMIT.from}T00:00:00Z&to=${LIMIT.to}T00:00:00Z`)).json()) as {
      days: Array<{ messages: number; credits: number }>;
    };
    expect(daily.days.reduce((sum, day) => sum + day.messages, 0)).toBe(200_000);
    const hundredths = daily.days.reduce((sum, day) => sum + Math.round(day.credits * 100), 0);

    const response = await csv(search(LIMIT, "&sort=-credits&format=csv"));
    expect(response.status).toBe(200);
    let previous = { id: -1, credits: Number.POSITIVE_INFINITY };
    let problem: string | undefined;
    let idSum = 0;
    let creditSum = 0;
    const count = await eachCsvLine(response, (line) => {
      const match = /^(\d+),\d{2}-\d{2}-2023 \d{2}:\d{2},([^,]*),(\d+)\.(\d{2})$/.exec(line);
      if (!match) {
        problem ??= `malformed: ${line}`;
        return;
      }
      const row = { id: Number(match[1]), credits: Number(match[3]) * 100 + Number(match[4]) };
      // Credits descending, ties in time order (ids rise with time here).
      if (row.credits > previous.credits || (row.credits === previous.credits && row.id <= previous.id))
        problem ??= `${line} after ${previous.id}`;
      idSum += row.id;
      creditSum += row.credits;
      previous = row;
    });
    expect(problem).toBeUndefined();
    expect(count).toBe(200_000);
    // Every message once: ids FIRST_ID … FIRST_ID + 199,999, and the credits of the window.
    expect(idSum).toBe(200_000 * FIRST_ID + (199_999 * 200_000) / 2);
    expect(creditSum).toBe(hundredths);
  });

  it("offers the CSV in time order on the page of a sorted view, and in the page's order up to 200,000 messages", async () => {
    const cases = [
      { window: LARGE, sort: "report,-credits", count: "200,001", inOrder: false },
      { window: LARGE, sort: "", count: "200,001", inOrder: true },
      { window: LIMIT, sort: "-credits", count: "200,000", inOrder: true },
    ];
    for (const { window, sort, count, inOrder } of cases) {
      const { response, html } = await page(search(window, sort ? `&sort=${sort}&per_page=50` : ""));
      expect(response.status).toBe(200);
      const offer = csvOffer(html);
      expect(offer.notice).toBe(
        `The table holds the first 20,000 of ${count} messages in time order, and sorts those; narrow the window to see the rest here. ` +
          `The CSV holds all of them in ${inOrder ? "this order" : "time order"}.`,
      );
      expect(offer.text).toBe(`Download CSV (all ${count} messages, ${inOrder ? "this order" : "time order"})`);
      const params: Record<string, string> = { ...window, format: "csv" };
      if (sort) params.per_page = "50";
      if (sort && inOrder) params.sort = sort;
      expectDashboardHref(offer.href, params);
    }
  });
});
