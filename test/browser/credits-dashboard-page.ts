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

/** The table's header cells as read, sort marks and what a screen reader hears of them included. */
export const headerTexts = async (page: Page): Promise<string[]> =>
  (await usageTable(page).getByRole("columnheader").allTextContents()).map((header) => header.trim());

/**
 * The headers for a `sort` parameter: the origin's four names, a sorted column's followed by its mark (▲ ascending,
 * ▼ descending, numbered by key when both columns sort) and the words a screen reader hears instead of the mark.
 */
export function expectedHeaderTexts(sort: string | null): string[] {
  const keys = (sort ?? "").split(",").filter(Boolean);
  return HEADERS.map((header) => {
    const column = (Object.keys(COLUMN_HEADERS) as SortColumn[]).find((name) => COLUMN_HEADERS[name] === header);
    const index = keys.findIndex((key) => key.replace(/^-/, "") === column);
    if (index < 0) return header;
    const descending = keys[index]!.startsWith("-");
    const key = keys.length > 1 ? String(index + 1) : "";
    return `${header}${descending ? "▼" : "▲"}${key}, sorted ${descending ? "descending" : "ascending"}${key && `, key ${key}`}`;
  });
}

/** The cells a row of the table (and a record of the CSV) shows for a /usage entry, in the origin's formats. */
export const usageCells = (entry: UsageEntry): string[] => [
  String(entry.message_id),
  originTimestamp(entry.timestamp),
  entry.report_name ?? "",
  entry.credits_used.toFixed(2),
];

/** The entries in the order a `sort` parameter asks for (see expectedOrder). */
export function sortedUsage(usage: readonly UsageEntry[], sort: string | null): UsageEntry[] {
  const byId = new Map(usage.map((entry) => [entry.message_id, entry]));
  return expectedOrder(usage, sort).map((id) => byId.get(id)!);
}

/**
 * Rows of the shown page are its /usage entries: the id, the origin's timestamp, the report name or nothing, credits
 * with two decimals. `view` says which page of which order the page should show (default: page 1 of the time order).
 */
export async function expectTableShowsUsage(page: Page, usage: readonly UsageEntry[], view: TableView = {}): Promise<void> {
  expect(await headerTexts(page)).toEqual(expectedHeaderTexts(view.sort ?? null));
  expect(
    usage.map((entry) => entry.message_id),
    "/usage in (timestamp, id) order",
  ).toEqual(expectedOrder(usage, null));
  const entries = pageOf(sortedUsage(usage, view.sort ?? null), view);
  const rows = await tableRows(page);
  expect(
    rows.map((cells) => Number(cells[0])),
    `rows of ${describeView(view)}`,
  ).toEqual(entries.map((entry) => entry.message_id));
  rows.forEach((cells, i) => {
    const entry = entries[i]!;
    const row = `row ${i + 1}, message ${entry.message_id}`;
    expect(cells, row).toHaveLength(4);
    expect(cells[1], row).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(cells[1], row).toBe(originTimestamp(entry.timestamp));
    expect(cells[2], row).toBe(entry.report_name ?? "");
    expect(cells[3], row).toMatch(/^\d+\.\d{2}$/);
    expect(cells[3], row).toBe(entry.credits_used.toFixed(2));
    expect(cells, row).toEqual(usageCells(entry));
  });
  expect(
    rows.some((cells) => cells[2] === ""),
    "messages without a report on this page",
  ).toBe(entries.some((entry) => entry.report_name === undefined));
  expect(
    usage.some((entry) => entry.report_name === undefined),
    "the sample has messages without a report",
  ).toBe(true);
  await expectPager(page, usage.length, view);
}

// ---- Pages of the table -------------------------------------------------------------------------------------------

/** The rows-per-page choices the dashboard offers, and the one a URL without `per_page` gets. */
export const ROWS_PER_PAGE = [25, 50, 100, 250, 500, 1000] as const;
export const DEFAULT_ROWS_PER_PAGE = 100;

/** Which page of which order a view of the table shows; absent fields are the defaults (time order, page 1, 100 rows). */
export interface TableView {
  sort?: string | null;
  /** 1-based, as asked for: a page past the end shows the last one. */
  page?: number;
  perPage?: number;
}

export const describeView = (view: TableView): string =>
  `sort=${view.sort ?? "(time order)"}, page ${view.page ?? 1}, ${view.perPage ?? DEFAULT_ROWS_PER_PAGE} rows per page`;

export const pageCount = (total: number, perPage = DEFAULT_ROWS_PER_PAGE): number => Math.max(1, Math.ceil(total / perPage));

/** The page a view really shows: the one asked for, or the last one when that is past the end. */
export const shownPage = (total: number, view: TableView): number => Math.min(Math.max(1, view.page ?? 1), pageCount(total, view.perPage));

/** The items of a whole order that one page shows, worked out here: [(page - 1) × perPage, page × perPage). */
export function pageOf<T>(order: readonly T[], view: TableView): T[] {
  const perPage = view.perPage ?? DEFAULT_ROWS_PER_PAGE;
  const start = (shownPage(order.length, view) - 1) * perPage;
  return order.slice(start, start + perPage);
}

/** The page (1-based) of an order on which a message appears. */
export function pageWith(order: readonly number[], id: number, perPage = DEFAULT_ROWS_PER_PAGE): number {
  const index = order.indexOf(id);
  expect(index, `message ${id} in the order`).toBeGreaterThanOrEqual(0);
  return Math.floor(index / perPage) + 1;
}

/** The fewest rows per page on offer that hold the whole sample on one page. */
export function wholeSamplePerPage(total: number): number {
  const perPage = ROWS_PER_PAGE.find((rows) => rows >= total);
  expect(perPage, `a rows-per-page choice holds all ${total} messages`).toBeDefined();
  return perPage!;
}

/** The URL query of a view (and a selected message), writing only what differs from the defaults. */
export function viewQuery(view: TableView, message?: number): string {
  const params = new URLSearchParams();
  if (view.sort) params.set("sort", view.sort);
  if (view.page !== undefined && view.page !== 1) params.set("page", String(view.page));
  if (view.perPage !== undefined && view.perPage !== DEFAULT_ROWS_PER_PAGE) params.set("per_page", String(view.perPage));
  if (message !== undefined) params.set("message", String(message));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The `page` and `per_page` parameters of the page's URL now (null when absent). */
export const pageParam = (page: Page): string | null => new URL(page.url()).searchParams.get("page");
export const perPageParam = (page: Page): string | null => new URL(page.url()).searchParams.get("per_page");

/** The URL says the view: its sort, page (none for page 1) and rows per page (none for the default), nothing else. */
export async function expectViewUrl(page: Page, view: TableView): Promise<void> {
  await expect
    .poll(
      () => {
        const url = new URL(page.url());
        return { path: url.pathname, params: Object.fromEntries(url.searchParams) };
      },
      { message: `the URL of ${describeView(view)}` },
    )
    .toEqual({ path: DASHBOARD_PATH, params: Object.fromEntries(new URLSearchParams(viewQuery(view))) });
}

/** The navigation below the table, by the name its landmark carries. */
export const pager = (page: Page): Locator => page.getByRole("navigation", { name: "Pages of the messages table" });

export type PagerStep = "First" | "Previous" | "Next" | "Last";

/** What a person reads on a step of the pager. */
export const PAGER_TEXT: Record<PagerStep, string> = { First: "« First", Previous: "‹ Previous", Next: "Next ›", Last: "Last »" };

/** A step of the pager as a link (only there while it leads somewhere). */
export const pagerLink = (page: Page, step: PagerStep): Locator => pager(page).getByRole("link", { name: PAGER_TEXT[step], exact: true });

/** The messages section's heading, where focus goes when the control used is gone. */
export const messagesHeading = (page: Page): Locator => page.getByRole("heading", { level: 2, name: "Messages", exact: true });

/** The form above the table that sets the rows per page, its select and its button. */
export const rowsPerPageForm = (page: Page): Locator => page.getByRole("form", { name: "Rows per page" });
export const rowsPerPageSelect = (page: Page): Locator => rowsPerPageForm(page).getByRole("combobox", { name: "Rows per page" });

/** Text with runs of white space made one space, as a reader (and a screen reader) takes it. */
const squash = (text: string | null): string => (text ?? "").replace(/\s+/g, " ").trim();

/** The table's caption as read. */
export const captionText = async (page: Page): Promise<string> => squash(await usageTable(page).locator("caption").textContent());

/**
 * The pager, the caption and the rows-per-page select say which page of how many this is: "Page 2 of 4 (rows
 * 101–200 of 400)"; each step leads to its page of the same view (rel prev/next on Previous/Next), or is marked
 * disabled, not a link, when it leads nowhere.
 */
export async function expectPager(page: Page, total: number, view: TableView = {}): Promise<void> {
  const perPage = view.perPage ?? DEFAULT_ROWS_PER_PAGE;
  const count = pageCount(total, perPage);
  const shown = shownPage(total, view);
  const first = total === 0 ? 0 : (shown - 1) * perPage + 1;
  const last = Math.min(total, shown * perPage);
  const nav = pager(page);
  expect(squash(await nav.textContent()), "the pager").toContain(`Page ${shown} of ${count} (rows ${first}–${last} of ${total})`);
  expect(await captionText(page), "the caption").toMatch(
    new RegExp(`^${total} messages, sorted [^;]+; page ${shown} of ${count}\\. Timestamps in UTC\\.$`),
  );
  expect(await usageTable(page).getAttribute("data-messages")).toBe(String(total));
  expect(await rowsPerPageSelect(page).inputValue(), "rows per page chosen").toBe(String(perPage));

  const steps = await nav.locator("a, [aria-disabled]").evaluateAll((elements) =>
    elements.map((element) => ({
      text: (element.textContent ?? "").trim(),
      tag: element.tagName.toLowerCase(),
      href: element.getAttribute("href"),
      rel: element.getAttribute("rel"),
      disabled: element.getAttribute("aria-disabled"),
    })),
  );
  const target: Record<PagerStep, number> = { First: 1, Previous: shown - 1, Next: shown + 1, Last: count };
  const expected = (["First", "Previous", "Next", "Last"] as const).map((step) => {
    const to = target[step];
    const leads = to >= 1 && to <= count && to !== shown;
    const rel = step === "Previous" ? "prev" : step === "Next" ? "next" : null;
    return leads
      ? { text: PAGER_TEXT[step], tag: "a", href: viewQuery({ ...view, page: to }), rel, disabled: null }
      : { text: PAGER_TEXT[step], tag: "span", href: null, rel: null, disabled: "true" };
  });
  expect(
    steps.map((step) => ({ ...step, href: step.href === null ? null : queryOf(step.href) })),
    `pager steps on page ${shown} of ${count}`,
  ).toEqual(expected);
}

/** A link's query with its parameters in the order viewQuery writes them, so two ways of writing one URL compare equal. */
function queryOf(href: string): string {
  const url = new URL(href, "http://dashboard.invalid");
  expect(url.pathname, href).toBe(DASHBOARD_PATH);
  const params = url.searchParams;
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const known = ["sort", "page", "per_page"];
  expect(
    [...params.keys()].filter((key) => !known.includes(key)),
    `other parameters of ${href}`,
  ).toEqual([]);
  return viewQuery({ sort: params.get("sort"), page: number("page"), perPage: number("per_page") });
}

/**
 * The page shows `view` of `usage` and its URL says so: rows, formats, pager, caption, rows per page. `url` false
 * when the URL is expected to differ from what the view would write (page=99 stays in the address bar).
 */
export async function expectView(page: Page, usage: readonly UsageEntry[], view: TableView, url = true): Promise<void> {
  if (url) await expectViewUrl(page, view);
  // The rows and the headers' sort marks together tell one view from another (two sorts may share a first page).
  const expected = { ids: pageOf(expectedOrder(usage, view.sort ?? null), view), headers: expectedHeaderTexts(view.sort ?? null) };
  await expect
    .poll(async () => ({ ids: await tableIds(page), headers: await headerTexts(page) }), { message: `rows of ${describeView(view)}` })
    .toEqual(expected);
  await expectTableShowsUsage(page, usage, view);
}

/** The live region outside the swapped regions says what the view now is: the new caption. */
export async function expectAnnounced(page: Page): Promise<void> {
  const announcer = page.locator("[data-announcer]");
  expect(await announcer.getAttribute("role")).toBe("status");
  await expect.poll(async () => squash(await announcer.textContent()), { message: "the announcement" }).toBe(await captionText(page));
}

/** What has focus: its tag, text and id, so a failure says where focus went. */
export const focused = (page: Page): Promise<{ tag: string; text: string; id: string }> =>
  page.evaluate(() => {
    type Focused = { tagName: string; textContent: string | null; id: string } | null;
    const element = (globalThis as unknown as { document: { activeElement: Focused } }).document.activeElement;
    return { tag: element?.tagName.toLowerCase() ?? "", text: (element?.textContent ?? "").trim(), id: element?.id ?? "" };
  });

/** Focus is on a step of the pager. */
export const focusOnStep = (step: PagerStep) => ({ tag: "a", text: PAGER_TEXT[step], id: "" });

/** Focus is on the Messages heading. */
export const FOCUS_ON_HEADING = { tag: "h2", text: "Messages", id: "messages-heading" };

/**
 * Every page of the view now shown, walked with its Next link (in place with JavaScript, by page loads without),
 * as the rows of each page in turn. Ends on the last page.
 */
export async function walkAllPages(page: Page, total: number, view: TableView): Promise<string[][][]> {
  const count = pageCount(total, view.perPage);
  const pages: string[][][] = [];
  for (let n = shownPage(total, view); ; n++) {
    await expectViewUrl(page, { ...view, page: n });
    await expect
      .poll(async () => squash(await pager(page).textContent()), { message: `pager on page ${n}` })
      .toContain(`Page ${n} of ${count} `);
    pages.push(await tableRows(page));
    if (n === count) break;
    await pagerLink(page, "Next").click();
  }
  expect(await pagerLink(page, "Next").count(), "a Next link on the last page").toBe(0);
  return pages;
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
