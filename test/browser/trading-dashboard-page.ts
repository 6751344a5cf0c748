import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { Deal, Report, ReportRow, ReportTotals } from "../trading-shapes";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";

export type { Deal, Report, ReportRow, ReportTotals };

/**
 * The trading desk and a trader's page as the browser tests read them, the deals and prices the tests feed the shared
 * system, and what the pages should show worked out from the JSON API (the report) with formats written out here, not
 * with the product's own formatting code, so a test fails when the page and the API disagree.
 *
 * Deals go to the test exchange (exchange-server.global-setup.ts) on channel "/", the path of the system's
 * EXCHANGE_URL; reference prices to the market-data stub (market-data-stub.ts), which answers only what a test
 * published. Each test uses trader ids and delivery hours of its own: reference prices belong to a (day, hour) whoever
 * dealt in it, so two tests never share an hour.
 */

export const DESK_PATH = "/dashboards/trading";

export const traderPath = (traderId: string, day?: string): string =>
  `${DESK_PATH}/${encodeURIComponent(traderId)}${day ? `?delivery_day=${day}` : ""}`;

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today and tomorrow (UTC) as the server reckons them; read once per test, so a test that spans midnight is the only risk. */
export function tradingDays(): { today: string; tomorrow: string } {
  const now = Date.now();
  return { today: utcDay(now), tomorrow: utcDay(now + DAY_MS) };
}

// ---- Deals, as the exchange sends them ----------------------------------------------------------------------------

/** A deal confirmation with a fresh id and the exchange's timestamp format (whole seconds, explicit offset). */
export function deal(fields: Omit<Deal, "id" | "execution_time">): Deal {
  const execution_time = `${new Date().toISOString().slice(0, 19)}+00:00`;
  return { id: randomUUID().replaceAll("-", ""), execution_time, ...fields };
}

/** The exchange sends each deal as its own text frame, `{"deal_confirmation": {...}}`. */
export async function sendDeals(deals: readonly Deal[]): Promise<void> {
  const response = await fetch(`${inject("exchangeControlUrl")}/send`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channel: "/", frames: deals.map((d) => JSON.stringify({ deal_confirmation: d })) }),
  });
  expect(response.status).toBe(200);
  const { clients } = (await response.json()) as { clients: number };
  expect(clients, "exchange feed connections on channel /").toBeGreaterThan(0);
}

/**
 * Reads until `done` holds or `timeout` ms pass, then throws with the last value read. Unlike expect.poll it also works
 * in beforeAll, where the trading tests set up their deals.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout / 1000} s (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The system's feed is connected to the test exchange (the first cron run connects it, soon after the start). */
export async function waitForFeed(base: string): Promise<void> {
  const feed = () => getJson<{ connected: boolean }>(base, "/v1/trading/feed");
  await pollUntil(feed, (status) => status.connected, "the trading feed connected to the test exchange", 30_000);
}

// ---- The API ------------------------------------------------------------------------------------------------------

export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** A trader's report of a day, or null while no deal of theirs has reached the feed. */
export async function fetchReport(base: string, traderId: string, day: string): Promise<Report | null> {
  const response = await fetch(`${base}/v1/trading/traders/${encodeURIComponent(traderId)}/report?delivery_day=${day}`);
  if (response.status === 404) return null;
  expect(response.status, `report of ${traderId} on ${day}`).toBe(200);
  return (await response.json()) as Report;
}

/** Waits until the feed has stored `trades` deals of the trader for the day, and returns the report then. */
export async function waitForTrades(base: string, traderId: string, day: string, trades: number): Promise<Report> {
  const report = await pollUntil(
    () => fetchReport(base, traderId, day),
    (read) => read?.totals.trades === trades,
    `${trades} deals of ${traderId} on ${day} stored`,
  );
  return report!;
}

/** Sends the deals and waits until the feed has stored them (the trader's count for the day reaches `total`). */
export async function dealAndWait(base: string, deals: readonly Deal[], total: number): Promise<Report> {
  await sendDeals(deals);
  return waitForTrades(base, deals[0]!.trader_id, deals[0]!.delivery_day, total);
}

// ---- Reference prices -----------------------------------------------------------------------------------------------

/** From now on the market-data stub answers this price for the hour; returns its `last_update`. */
export async function publishPrice(day: string, hour: string, value: number): Promise<string> {
  const response = await fetch(`${inject("marketDataControlUrl")}/publish`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ delivery_day: day, delivery_hour: hour, value }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { published: { last_update: string } }).published.last_update;
}

/** Runs the system's Cron Trigger now, as the cron driver of `npm start` does (wrangler dev --test-scheduled). */
export async function runCron(base: string): Promise<void> {
  const response = await fetch(`${base}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
  await response.arrayBuffer();
  expect(response.status, "GET /__scheduled").toBe(200);
}

// ---- Expected figures -----------------------------------------------------------------------------------------------

const cents = (value: number) => Math.round(value * 100) / 100;

/** Figures of one delivery hour worked out from the deals sent, in floating point: an independent check of the API. */
export function expectedHour(deals: readonly Deal[]): { trades: number; bought: number; sold: number; avg: number; pnl: number } {
  const sum = (items: readonly Deal[], f: (d: Deal) => number) => items.reduce((s, d) => s + f(d), 0);
  const buys = deals.filter((d) => d.direction === "buy");
  const sells = deals.filter((d) => d.direction === "sell");
  const bought = sum(buys, (d) => d.quantity);
  const sold = sum(sells, (d) => d.quantity);
  const buyValue = sum(buys, (d) => d.quantity * d.price);
  const sellValue = sum(sells, (d) => d.quantity * d.price);
  return { trades: deals.length, bought, sold, avg: (buyValue + sellValue) / (bought + sold), pnl: sellValue - buyValue };
}

/** The API's row of an hour agrees with the deals sent for it (within half a cent, the rounding of the answer). */
export function expectRowFromDeals(row: ReportRow | undefined, deals: readonly Deal[]): void {
  const want = expectedHour(deals);
  expect(row, `a report row for ${deals[0]?.delivery_hour}`).toBeDefined();
  expect(row!.trades).toBe(want.trades);
  expect(row!.bought_mw).toBeCloseTo(want.bought, 6);
  expect(row!.sold_mw).toBeCloseTo(want.sold, 6);
  expect(Math.abs(row!.avg_price - want.avg)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(Math.abs(row!.pnl_eur - want.pnl)).toBeLessThanOrEqual(0.005 + 1e-9);
}

/**
 * avg − ref and what the deals earned against the reference, worked out from the deals: the average rounded to the
 * cent first (the row's figure), and Σ sells q·(p − ref) − Σ buys q·(p − ref).
 */
export function expectedVersus(deals: readonly Deal[], reference: number): { delta: number; vs: number } {
  const vs = deals.reduce((s, d) => s + (d.direction === "sell" ? 1 : -1) * d.quantity * (d.price - reference), 0);
  return { delta: cents(cents(expectedHour(deals).avg) - reference), vs: cents(vs) };
}

// ---- The page's formats, written out --------------------------------------------------------------------------------

const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** Money and prices: two decimals, thousands grouped, a hyphen-minus when negative. */
export const money = (value: number): string => twoDecimals.format(value);
/** MW: one decimal, as the exchange deals them. */
export const mw = (value: number): string => value.toFixed(1);

/** A comparison with the reference: "+1.67 ahead", "−7.00 behind" (U+2212), "±0.00 level"; "—" when undefined. */
export function versusText(value: number | null): string {
  if (value === null) return "—";
  const [sign, word] = value > 0 ? ["+", "ahead"] : value < 0 ? ["−", "behind"] : ["±", "level"];
  return `${sign}${money(Math.abs(value))} ${word}`;
}

const orDash = (value: number | null) => (value === null ? "—" : money(value));

/**
 * The cells of a report row as a reader sees them, the figure below a price (its update time and age) left out; in
 * column order: period, trades, bought, sold, net, buy VWAP, sell VWAP, average, reference, avg − ref, PnL, vs reference.
 */
export function rowCells(row: ReportRow, day: string): string[] {
  return [
    `${day} ${row.delivery_hour}`,
    String(row.trades),
    mw(row.bought_mw),
    mw(row.sold_mw),
    mw(row.net_mw),
    orDash(row.buy_vwap),
    orDash(row.sell_vwap),
    money(row.avg_price),
    orDash(row.reference_price),
    versusText(row.delta_vs_reference),
    money(row.pnl_eur),
    versusText(row.vs_reference_eur),
  ];
}

/** The day total's cells: the figures that add up, empty cells under the prices. */
export function totalsCells(totals: ReportTotals): string[] {
  return [
    "Day total",
    String(totals.trades),
    mw(totals.bought_mw),
    mw(totals.sold_mw),
    mw(totals.net_mw),
    "",
    "",
    "",
    "",
    "",
    money(totals.pnl_eur),
    versusText(totals.vs_reference_eur),
  ];
}

/** What the day total says below its vs-reference figure: how many unpriced hours it leaves out. */
export const unpricedNote = (hours: number): string => (hours === 0 ? "" : `${hours} unpriced hour${hours === 1 ? "" : "s"} left out`);

// ---- Reading the trader page --------------------------------------------------------------------------------------------

export const reportTable = (page: Page): Locator => page.locator("#report-table");

/** A row of the table as read: its cells (figures below a price, and the brief "updated" mark, left out) and those figures. */
export interface ShownRow {
  hour: string;
  cells: string[];
  /** The text below each cell's figure ("updated 10:15 UTC, under a minute old"), "" for none. */
  subs: string[];
}

function readRows(rows: Locator): Promise<ShownRow[]> {
  return rows.evaluateAll((elements) => {
    type Node = { textContent: string | null; remove(): void };
    type Cell = Node & {
      cloneNode(deep: boolean): Cell;
      querySelectorAll(selector: string): Node[];
      querySelector(s: string): Node | null;
    };
    const squash = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();
    return elements.map((element) => {
      const row = element as unknown as { getAttribute(name: string): string | null; querySelectorAll(selector: string): Cell[] };
      const cells = Array.from(row.querySelectorAll("th, td"));
      return {
        hour: row.getAttribute("data-hour") ?? "",
        cells: cells.map((cell) => {
          const copy = cell.cloneNode(true);
          for (const added of copy.querySelectorAll(".figure-sub, .row-mark")) added.remove();
          return squash(copy.textContent);
        }),
        subs: cells.map((cell) => squash(cell.querySelector(".figure-sub")?.textContent ?? "")),
      };
    });
  });
}

/** The body rows, in page order. */
export const shownRows = (page: Page): Promise<ShownRow[]> => readRows(reportTable(page).locator("tbody tr"));

/** The day total, or undefined while the table has none (an empty day). */
export const shownTotals = async (page: Page): Promise<ShownRow | undefined> =>
  (await readRows(reportTable(page).locator("tfoot tr[data-totals]")))[0];

/** The page shows the report: the API's rows in delivery order, cell for cell, and its day total. */
export async function expectPageShowsReport(page: Page, report: Report): Promise<void> {
  const rows = await shownRows(page);
  expect(
    rows.map((row) => row.hour),
    "rows by delivery hour",
  ).toEqual(report.rows.map((row) => row.delivery_hour));
  rows.forEach((shown, i) => {
    expect(shown.cells, `row ${shown.hour}`).toEqual(rowCells(report.rows[i]!, report.delivery_day));
  });
  const totals = await shownTotals(page);
  expect(totals?.cells, "day total").toEqual(totalsCells(report.totals));
  expect(totals?.subs.at(-1), "day total's unpriced note").toBe(unpricedNote(report.totals.hours_without_reference));
}

/** Polls until the page shows the report as the API has it now (both read afresh each time), within `timeout`. */
export async function expectPageCatchesUp(page: Page, base: string, traderId: string, day: string, timeout = 2_000): Promise<Report> {
  const snapshot = async () => {
    const report = await fetchReport(base, traderId, day);
    return {
      page: { rows: (await shownRows(page)).map((row) => row.cells), totals: (await shownTotals(page))?.cells },
      api: { rows: report?.rows.map((row) => rowCells(row, day)), totals: report && totalsCells(report.totals) },
    };
  };
  await expect
    .poll(
      async () => {
        const { page: shown, api } = await snapshot();
        return JSON.stringify(shown) === JSON.stringify(api) ? "same" : JSON.stringify({ shown, api });
      },
      { timeout, interval: 50, message: `the page of ${traderId} on ${day} shows the API's report` },
    )
    .toBe("same");
  return (await fetchReport(base, traderId, day))!;
}

/** The live status line: its state (static, connecting, live, reconnecting, offline) and what it says. */
export async function liveStatus(page: Page): Promise<{ state: string | null; text: string }> {
  const status = page.locator("[data-live-status]");
  return { state: await status.getAttribute("data-state"), text: ((await status.textContent()) ?? "").replace(/\s+/g, " ").trim() };
}

export async function expectLiveState(page: Page, state: string, timeout = 10_000): Promise<void> {
  await expect.poll(async () => (await liveStatus(page)).state, { timeout, message: `the live status becomes ${state}` }).toBe(state);
}

/** The brief "updated" marks are gone (they last 2 s), so the table's HTML is what the rows are, nothing passing. */
export async function waitForMarksGone(page: Page): Promise<void> {
  await expect
    .poll(() => reportTable(page).locator(".row-mark, .row-updated").count(), { timeout: 5_000, message: "update marks gone" })
    .toBe(0);
}

/** A trader's page in a fresh page, collecting console errors from before the first byte. */
export async function openTraderPage(
  browser: Browser,
  base: string,
  traderId: string,
  day: string,
  options: PageOptions & { before?: (page: Page) => Promise<void> } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  await options.before?.(page);
  const response = await page.goto(`${base}${traderPath(traderId, day)}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
  return { page, errors };
}

/** The desk in a fresh page, collecting console errors from before the first byte. */
export async function openDesk(browser: Browser, base: string, options: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${DESK_PATH}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
  return { page, errors };
}
