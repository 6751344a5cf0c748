import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";

/**
 * The Credit Usage dashboard as the browser tests read it, and what it should show worked out from the JSON API
 * alone: the expected order, formats and daily sums are computed here, never with the product's own sort or
 * formatting code, so a test fails when the page and the API disagree.
 */

export const DASHBOARD_PATH = "/dashboards/credits";

/** The origin's table headers, in the order it shows them. */
export const HEADERS = ["Message ID", "Timestamp", "Report Name", "Credits Used"];

export type SortColumn = "report" | "credits";

/** A column's header as a person reads it. */
export const COLUMN_HEADERS: Record<SortColumn, string> = { report: "Report Name", credits: "Credits Used" };

/** One row of `GET /usage`. */
export interface UsageEntry {
  message_id: number;
  timestamp: string;
  report_name?: string;
  credits_used: number;
}

/** `GET /v1/messages/{id}`, as far as the breakdown shows it. */
export interface MessageDetail {
  id: number;
  credits_used: number;
  quote: {
    priced_by: "report" | "text";
    report?: { name: string; credit_cost: number };
    rules: Array<{ description: string; credits: number }>;
  };
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The current period's usage, read fresh so a test compares the page with the data as it is now. */
export async function fetchUsage(base: string): Promise<UsageEntry[]> {
  const { usage } = await getJson<{ usage: UsageEntry[] }>(base, "/usage");
  expect(usage.length, "messages in the sample period").toBeGreaterThan(0);
  return usage;
}

/** A dashboard in a fresh page, collecting console errors (CSP violations among them) from before the first byte. */
export async function openDashboard(
  browser: Browser,
  base: string,
  query = "",
  options: PageOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${DASHBOARD_PATH}${query}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
  return { page, errors };
}

/** The messages table, found by its role and the caption that names it. */
export const usageTable = (page: Page): Locator => page.getByRole("table", { name: /messages, sorted/ });

export const columnHeader = (page: Page, column: SortColumn): Locator =>
  usageTable(page).getByRole("columnheader", { name: new RegExp(`^${COLUMN_HEADERS[column]}`) });

/** Table rows as their cells' text, in page order. */
export function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((elements) =>
    elements.map((row) =>
      Array.from(row.querySelectorAll("td"), (cell) => ((cell as { textContent: string | null }).textContent ?? "").trim()),
    ),
  );
}

/** The messages table's body rows as their cells' text, in page order. */
export const tableRows = (page: Page): Promise<string[][]> => cellTexts(usageTable(page).locator("tbody tr"));

export async function tableIds(page: Page): Promise<number[]> {
  return (await tableRows(page)).map((cells) => Number(cells[0]));
}

/** Sets a value on the page's window that only a page load can take away: call before an action, then expectNoPageLoad. */
export const markWindow = (page: Page): Promise<void> =>
  page.evaluate(() => {
    (globalThis as unknown as { pageMarker?: string }).pageMarker = "still the same document";
  });

/** The action since markWindow changed the page in place: no navigation replaced the document. */
export async function expectNoPageLoad(page: Page): Promise<void> {
  const marker = await page.evaluate(() => (globalThis as unknown as { pageMarker?: string }).pageMarker);
  expect(marker, "a page load happened").toBe("still the same document");
}

/** The `sort` parameter of the page's URL now (null when the URL has none). */
export const sortParam = (page: Page): string | null => new URL(page.url()).searchParams.get("sort");

/** `2024-04-29T02:08:29.375Z` → `29-04-2024 02:08`: the origin's format, in UTC. */
export function originTimestamp(iso: string): string {
  const utc = new Date(iso).toISOString();
  return `${utc.slice(8, 10)}-${utc.slice(5, 7)}-${utc.slice(0, 4)} ${utc.slice(11, 16)}`;
}

const byTime = (a: UsageEntry, b: UsageEntry) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.message_id - b.message_id;

/** Ascending by one column: named reports alphabetically, then the messages without a report. */
function byColumn(column: SortColumn, a: UsageEntry, b: UsageEntry): number {
  if (column === "credits") return a.credits_used - b.credits_used;
  const [nameA, nameB] = [a.report_name ?? "", b.report_name ?? ""];
  if (nameA === nameB) return 0;
  if (nameA === "") return 1;
  if (nameB === "") return -1;
  return nameA.localeCompare(nameB, "en");
}

/**
 * The message ids in the order a `sort` parameter asks for (`report,-credits`: report ascending, then credits
 * descending); a descending column is its ascending order reversed, and ties keep the original (timestamp, id) order.
 */
export function expectedOrder(usage: readonly UsageEntry[], sort: string | null): number[] {
  const keys = (sort ?? "")
    .split(",")
    .filter(Boolean)
    .map((part) => ({ column: part.replace(/^-/, "") as SortColumn, sign: part.startsWith("-") ? -1 : 1 }));
  return [...usage]
    .sort((a, b) => {
      for (const { column, sign } of keys) {
        const order = byColumn(column, a, b);
        if (order !== 0) return sign * order;
      }
      return byTime(a, b);
    })
    .map((entry) => entry.message_id);
}

/** Every row shows its /usage entry: the id, the origin's timestamp, the report name or nothing, credits with two decimals. */
export async function expectTableShowsUsage(page: Page, usage: readonly UsageEntry[]): Promise<void> {
  const headers = await usageTable(page).getByRole("columnheader").allTextContents();
  expect(headers.map((header) => header.trim())).toEqual(HEADERS);
  const rows = await tableRows(page);
  expect(
    rows.map((cells) => Number(cells[0])),
    "rows in /usage order",
  ).toEqual(usage.map((entry) => entry.message_id));
  expect(
    usage.map((entry) => entry.message_id),
    "/usage in (timestamp, id) order",
  ).toEqual(expectedOrder(usage, null));
  rows.forEach((cells, i) => {
    const entry = usage[i]!;
    const row = `row ${i + 1}, message ${entry.message_id}`;
    expect(cells, row).toHaveLength(4);
    expect(cells[1], row).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(cells[1], row).toBe(originTimestamp(entry.timestamp));
    expect(cells[2], row).toBe(entry.report_name ?? "");
    expect(cells[3], row).toMatch(/^\d+\.\d{2}$/);
    expect(cells[3], row).toBe(entry.credits_used.toFixed(2));
  });
  expect(
    rows.some((cells) => cells[2] === ""),
    "the sample has messages without a report",
  ).toBe(true);
}

const DAY_MS = 86_400_000;

/** Credits per UTC day in cents, for every day from the first to the last day of the usage (zero days included). */
export function dailyCents(usage: readonly UsageEntry[]): Array<[day: string, cents: number]> {
  const cents = new Map<string, number>();
  for (const entry of usage) {
    const day = new Date(entry.timestamp).toISOString().slice(0, 10);
    cents.set(day, (cents.get(day) ?? 0) + Math.round(entry.credits_used * 100));
  }
  const days = [...cents.keys()].sort();
  const span: Array<[string, number]> = [];
  for (let ms = Date.parse(days[0]!); ms <= Date.parse(days.at(-1)!); ms += DAY_MS) {
    const day = new Date(ms).toISOString().slice(0, 10);
    span.push([day, cents.get(day) ?? 0]);
  }
  return span;
}

/** One bar per consecutive UTC day of the data, zero days drawn as zero marks, each bar the day's sum to the cent. */
export async function expectChartShowsDailySums(page: Page, usage: readonly UsageEntry[]): Promise<void> {
  const chart = page.getByRole("img", { name: /^Bar chart of credits used per day/ });
  const bars = await chart.locator("rect.bar, rect.bar-zero").evaluateAll((rects) =>
    rects.map((rect) => ({
      kind: rect.getAttribute("class"),
      day: rect.getAttribute("data-key") ?? "",
      value: rect.getAttribute("data-value") ?? "",
    })),
  );
  const expected = dailyCents(usage);
  expect(bars.map((bar) => bar.day)).toEqual(expected.map(([day]) => day));
  for (let i = 1; i < bars.length; i++) {
    expect(Date.parse(bars[i]!.day) - Date.parse(bars[i - 1]!.day), `${bars[i - 1]!.day} → ${bars[i]!.day}`).toBe(DAY_MS);
  }
  expect(
    bars.map((bar) => [bar.day, Math.round(Number(bar.value) * 100), bar.kind]),
    "bars in cents",
  ).toEqual(expected.map(([day, cents]) => [day, cents, cents === 0 ? "bar-zero" : "bar"]));
  // The same figures as text, for those who cannot see the chart: a table behind a disclosure, opened as a person would.
  const figuresTable = page.getByRole("table", { name: "Credits used per UTC day" });
  await page.getByText("Credits per day as a table").click();
  await figuresTable.waitFor();
  const figures = await cellTexts(figuresTable.locator("tbody tr"));
  expect(figures.map(([day, , credits]) => [day, credits])).toEqual(expected.map(([day, cents]) => [day, (cents / 100).toFixed(2)]));
}

/** RFC 4180 records: quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}
