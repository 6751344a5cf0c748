import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers";
import { asBrowser, expectSafePage, sectionById } from "../web/page-html";
import { decodeEntities, loadJune2024, pagerOf, tableRows, type UsageEntry } from "./dashboard-html";

const XSS = "<img src=x onerror=alert(1)>";

const reports = [
  { id: 1, name: "Alpha Review", credit_cost: 79 },
  { id: 2, name: XSS, credit_cost: 5.2 },
  { id: 3, name: "beta audit", credit_cost: 12.5 },
];

// Three days with messages around an empty one (2024-06-03), and one message with an unknown report id.
const messages = [
  { id: 10, timestamp: "2024-06-01T02:08:29.375Z", text: "Hello there", report_id: 1 },
  { id: 11, timestamp: "2024-06-01T09:00:00Z", text: "A short note about meters" },
  { id: 12, timestamp: "2024-06-02T23:59:59Z", text: "racecar", report_id: 2 },
  { id: 13, timestamp: "2024-06-04T00:00:00Z", text: "Report please", report_id: 3 },
  { id: 14, timestamp: "2024-06-04T12:30:00Z", text: "Another text priced message with several words", report_id: 1 },
  { id: 15, timestamp: "2024-06-04T12:30:00Z", text: "Unknown report", report_id: 99 },
  { id: 16, timestamp: "2024-06-04T13:00:00Z", text: XSS },
];

let usage: UsageEntry[];

const page = async (query = "") => {
  const response = await call(`/dashboards/credits${query}`, asBrowser());
  return { response, html: await response.text() };
};

const pad = (n: number) => String(n).padStart(2, "0");
const originFormat = (iso: string) => {
  const d = new Date(iso);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

beforeAll(async () => {
  await loadJune2024(reports, messages);
  usage = ((await (await call("/usage")).json()) as { usage: UsageEntry[] }).usage;
  expect(usage).toHaveLength(messages.length);
});

describe("the Credit Usage dashboard", () => {
  it("is a safe HTML page with the origin's four headers in order", async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    const headers = [...sectionById(html, "usage-table").matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) =>
      m[1]!
        .replace(/<span[^>]*>[^<]*<\/span>/g, "")
        .replace(/<[^>]+>/g, "")
        .trim(),
    );
    expect(headers).toEqual(["Message ID", "Timestamp", "Report Name", "Credits Used"]);
    expect(html).toContain("UTC");
  });

  it("shows every message of the period as /usage does: DD-MM-YYYY HH:mm, empty report names, two decimals", async () => {
    const rows = tableRows((await page("?per_page=500")).html);
    expect(rows.map((cells) => Number(cells[0]))).toEqual(usage.map((u) => u.message_id));
    // The default page is the first 100 rows of the same order (all of them here), and says so.
    const first = await page();
    expect(tableRows(first.html)).toEqual(rows.slice(0, 100));
    expect(pagerOf(first.html).where).toEqual({ page: 1, pageCount: 1, from: 1, to: usage.length, total: usage.length });
    rows.forEach((cells, i) => {
      const entry = usage[i]!;
      expect(cells[1]).toBe(originFormat(entry.timestamp));
      expect(decodeEntities(cells[2]!)).toBe(entry.report_name ?? "");
      expect(cells[3]).toBe(entry.credits_used.toFixed(2));
      expect(cells[3]).toMatch(/^\d+\.\d{2}$/);
    });
    expect(rows[0]![1]).toBe("01-06-2024 02:08");
  });

  it("escapes data: a report named like markup and a message text like markup render as text", async () => {
    const { html } = await page();
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain(XSS);
    const selected = await page("?message=16");
    expect(sectionById(selected.html, "breakdown")).toContain("<blockquote>&lt;img src=x onerror=alert(1)&gt;</blockquote>");
    expect(selected.html).not.toContain(XSS);
  });

  it("sorts by the URL, keeps the column clicked first as primary, and links the next step of each column's cycle", async () => {
    const { html } = await page("?sort=report&per_page=1000");
    const names = tableRows(html).map((cells) => decodeEntities(cells[2]!));
    const named = names.filter(Boolean);
    expect(names.slice(named.length).every((name) => name === "")).toBe(true);
    expect(named).toEqual([...named].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })));
    const report = /<th scope="col" aria-sort="([a-z]+)">\s*<a class="sort-link" href="([^"]+)" data-focus-key="sort-report"/.exec(html)!;
    expect(report[1]).toBe("ascending");
    // Header links keep the rows per page but go back to page 1.
    expect(decodeEntities(report[2]!)).toBe("/dashboards/credits?sort=-report&per_page=1000");
    const credits =
      /<th scope="col" class="num" aria-sort="([a-z]+)">\s*<a class="sort-link" href="([^"]+)" data-focus-key="sort-credits"/.exec(html)!;
    expect(credits[1]).toBe("none");
    expect(decodeEntities(credits[2]!)).toBe("/dashboards/credits?sort=report%2Ccredits&per_page=1000");

    const both = tableRows((await page("?sort=-credits,report&per_page=1000")).html);
    expect(both).toHaveLength(usage.length);
    const pairs = both.map((cells) => [Number(cells[3]), decodeEntities(cells[2]!)] as const);
    for (let i = 1; i < pairs.length; i++) {
      const [credits, name] = pairs[i]!;
      const [previousCredits, previousName] = pairs[i - 1]!;
      expect(credits).toBeLessThanOrEqual(previousCredits);
      if (credits === previousCredits && previousName && name)
        expect(previousName.localeCompare(name, "en", { sensitivity: "base" })).toBeLessThanOrEqual(0);
    }
    // The third click of a column gives back time order: its link drops the column.
    const descending = await page("?sort=-report&page=2");
    expect(decodeEntities(/<a class="sort-link" href="([^"]+)" data-focus-key="sort-report"/.exec(descending.html)![1]!)).toBe(
      "/dashboards/credits",
    );
  });

  it("draws one bar per UTC day from the first to the last day, zero days included, each the sum of /usage", async () => {
    const { html } = await page();
    const bars = [...html.matchAll(/<rect class="bar(?:-zero)?"[^>]*data-key="([^"]+)" data-value="([^"]+)"/g)].map(
      (m) => [m[1]!, Number(m[2])] as const,
    );
    const sums = new Map<string, number>();
    for (const entry of usage) sums.set(entry.timestamp.slice(0, 10), (sums.get(entry.timestamp.slice(0, 10)) ?? 0) + entry.credits_used);
    expect(bars.map(([day]) => day)).toEqual(["2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04"]);
    for (const [day, value] of bars) expect(value).toBeCloseTo(sums.get(day) ?? 0, 9);
    expect(bars.find(([day]) => day === "2024-06-03")![1]).toBe(0);
  });

  it("explains a selected message: rules for a text-priced one, the fixed cost for a report-priced one", async () => {
    const text = await page("?message=11");
    expect(text.response.status).toBe(200);
    const textPanel = sectionById(text.html, "breakdown");
    expect(textPanel).toContain("Message 11");
    expect(textPanel).toContain("priced from its text");
    expect(textPanel).toContain("+0.05 per character");
    expect(text.html).toMatch(/<tr aria-selected="true"><td><a href="\?message=11#breakdown">11<\/a>/);
    expect(text.html.match(/aria-selected="true"/g)).toHaveLength(1);
    expect(text.html).not.toContain("data-ts=");

    const report = sectionById((await page("?message=10")).html, "breakdown");
    expect(report).toContain("Alpha Review");
    expect(report).toContain("fixed cost of 79.00 credits");

    const unknown = await page("?message=424242");
    expect(unknown.response.status).toBe(404);
    expect(sectionById(unknown.html, "breakdown")).toContain("No message with id 424242");
  });

  it("downloads exactly the table as CSV, in the table's order", async () => {
    const query = "?sort=-credits,report";
    const rows = tableRows((await page(`${query}&per_page=1000`)).html).map((cells) => [
      cells[0],
      cells[1],
      decodeEntities(cells[2]!),
      cells[3],
    ]);
    const csv = await call(`/dashboards/credits${query}&format=csv`, asBrowser());
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Message ID,Timestamp,Report Name,Credits Used");
    const parsed = lines.slice(1).map((line) => {
      const quoted = /^(\d+),([^,]+),"((?:[^"]|"")*)",(.+)$/.exec(line);
      if (quoted) return [quoted[1], quoted[2], quoted[3]!.replaceAll('""', '"'), quoted[4]];
      return line.split(",");
    });
    expect(parsed).toEqual(rows);
    expect(parsed).toHaveLength(usage.length);
  });

  it("shows any window from the URL, and says what is wrong with a bad one", async () => {
    const window = await page("?from=2024-06-04&to=2024-06-05");
    expect(window.response.status).toBe(200);
    expect(tableRows(window.html).map((cells) => Number(cells[0]))).toEqual([13, 14, 15, 16]);
    expect(window.html).toContain("Current billing period");

    const half = await page("?from=2024-06-04");
    expect(half.response.status).toBe(422);
    expect(half.html).toContain("give both from and to");
    expectSafePage(half.response, half.html);

    const empty = await page("?from=2023-01-01&to=2023-01-02");
    expect(empty.response.status).toBe(200);
    expect(empty.html).toContain("No messages in this window.");
  });
});
