import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { exchangeFeed } from "../../../src/features/trading/exchange-feed/exchange-feed-stub";
import type { Report, ReportRow } from "../../trading-shapes";
import { dealMaker, frameOf, ingestFrame, type SentDeal } from "../deal-frames";
import { call } from "../helpers";
import { price, storePrices } from "../reference-prices";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";

/**
 * The trading desk and trader pages against the JSON API: the same figures as GET /v1/trading/traders/{id}/report,
 * ETag and 304, error pages, and "—" with a reason where a figure is undefined.
 */

const TODAY = new Date().toISOString().slice(0, 10);
const DAY = "2023-02-06";
const ETAG_DAY = "2023-02-07";
const ALPHA = "dash_alpha";
const BETA = "dash_beta";
/** Spaces, a slash, a letter beyond ASCII and markup: encoded in links, escaped in the page. */
const GAMMA = "dash gamma/ü<i>";
const decodeHtml = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const deal = dealMaker("da5b0a");

async function ingest(deals: SentDeal[]): Promise<void> {
  const feed = exchangeFeed(env);
  for (const d of deals) expect(await ingestFrame(feed, frameOf(d))).toMatchObject({ outcome: "stored" });
}

const traderPath = (trader: string, day?: string) =>
  `/dashboards/trading/${encodeURIComponent(trader)}${day ? `?delivery_day=${day}` : ""}`;
const page = async (path: string, init: RequestInit = {}) => {
  const response = await call(path, asBrowser(init));
  return { response, html: await response.text() };
};

async function apiReport(trader: string, day: string): Promise<Report> {
  const response = await call(`/v1/trading/traders/${encodeURIComponent(trader)}/report?delivery_day=${day}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}

// Formatted here, independently of the page's code: MW to a tenth, money to the cent with thousands grouped.
const mw = (value: number) => value.toFixed(1);
const money = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const maybe = (value: number | null) => (value === null ? "—" : money(value));
const versus = (value: number | null) => {
  if (value === null) return "—";
  if (value === 0) return `±${money(0)} level`;
  return `${value > 0 ? "+" : "−"}${money(Math.abs(value))} ${value > 0 ? "ahead" : "behind"}`;
};

/** The start tag and the cells' text of each `<tr …>` in a piece of HTML that matches `filter`. */
function rowsOf(html: string, filter: RegExp): Array<{ tag: string; cells: string[]; html: string }> {
  return [...html.matchAll(/(<tr\b[^>]*>)([\s\S]*?)<\/tr>/g)]
    .filter((m) => filter.test(m[1]!))
    .map((m) => ({
      tag: m[1]!,
      html: m[2]!,
      cells: [...m[2]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decodeHtml(textOf(cell[1]!))),
    }));
}

/** The cell text a report row must show, from the API's row; the reference cell starts with the price. */
function expectedCells(row: ReportRow): string[] {
  return [
    row.delivery_period,
    String(row.trades),
    mw(row.bought_mw),
    mw(row.sold_mw),
    mw(row.net_mw),
    maybe(row.buy_vwap),
    maybe(row.sell_vwap),
    money(row.avg_price),
    maybe(row.reference_price),
    versus(row.delta_vs_reference),
    money(row.pnl_eur),
    versus(row.vs_reference_eur),
  ];
}

beforeAll(async () => {
  await ingest([
    deal(ALPHA, DAY, "07-08", "buy", 2, 30),
    deal(ALPHA, DAY, "07-08", "sell", 0.7, 28.13),
    deal(ALPHA, DAY, "08-09", "sell", 2.5, 41.2),
    deal(ALPHA, DAY, "15-16", "buy", 1200.5, 1020.64),
    deal(ALPHA, DAY, "15-16", "sell", 0.3, 19.99),
    deal(ALPHA, ETAG_DAY, "09-10", "buy", 3.2, 45.67),
    deal(ALPHA, TODAY, "10-11", "buy", 1.5, 55.5),
    deal(ALPHA, TODAY, "11-12", "sell", 2, 60.25),
    deal(BETA, TODAY, "10-11", "sell", 4, 50),
    deal(BETA, DAY, "07-08", "buy", 1, 10),
    deal(GAMMA, DAY, "07-08", "sell", 1, 12),
  ]);
  // 07-08 and 15-16 of DAY priced, 08-09 not; today's 10-11 priced. Stored before any page reads those days.
  const prices = [price(DAY, "07-08", 27.74), price(DAY, "15-16", 1000), price(TODAY, "10-11", 52.1)];
  await storePrices(prices);
});

describe("the trader page", () => {
  it("is a safe page showing every figure of GET /v1/trading/traders/{id}/report", async () => {
    const { response, html } = await page(traderPath(ALPHA, DAY));
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    const report = await apiReport(ALPHA, DAY);
    const table = sectionById(html, "report-table");
    const rows = rowsOf(table, /data-hour=/);
    expect(rows.map((row) => row.cells[0])).toEqual(report.rows.map((row) => row.delivery_period));
    for (const [i, row] of report.rows.entries()) {
      const cells = rows[i]!.cells;
      const expected = expectedCells(row);
      // The reference cell goes on with when the price was updated.
      expect([...cells.slice(0, 8), cells[8]!.split(" updated ")[0], ...cells.slice(9)], row.delivery_hour).toEqual(expected);
      expect(rows[i]!.tag).toContain(`data-trades="${row.trades}"`);
      if (row.reference_price !== null) expect(cells[8]).toMatch(/updated 04:10 UTC ?, \d+ days old$/);
    }
    // Thousands grouped: 1,200.5 MW bought at 1,020.64 €/MWh in 15-16.
    expect(rows.at(-1)!.cells[2]).toBe("1200.5");
    expect(rows.at(-1)!.cells).toContain("1,020.64");
    const [totals] = rowsOf(table, /data-totals/);
    const t = report.totals;
    expect(totals!.cells.slice(0, 5)).toEqual(["Day total", String(t.trades), mw(t.bought_mw), mw(t.sold_mw), mw(t.net_mw)]);
    expect(totals!.cells[10]).toBe(money(t.pnl_eur));
    expect(totals!.cells[11]).toBe(`${versus(t.vs_reference_eur)} 1 unpriced hour left out`);
    // Headers: column scope and units, row headers scope=row.
    expect(table).toMatch(/<th scope="col"[^>]*>Bought<span class="unit"> \(MW\)<\/span><\/th>/);
    expect(table).toContain("(€/MWh)");
    expect(rowsOf(table, /data-hour=|data-totals/).every((row) => row.html.trimStart().startsWith('<th scope="row">'))).toBe(true);
    expect(html).toContain("UTC");
  });

  it("shows “—” with a title saying why for an hour without a reference price", async () => {
    const { html } = await page(traderPath(ALPHA, DAY));
    const [unpriced] = rowsOf(sectionById(html, "report-table"), /data-hour="08-09"/);
    // One sell of 2.5 MW at 41.20 €/MWh: PnL 103.00 €, nothing to compare with.
    expect(unpriced!.cells.slice(8)).toEqual(["—", "—", "103.00", "—"]);
    const titled = [...unpriced!.html.matchAll(/<span class="[^"]*undefined-figure[^"]*" title="([^"]+)">—<\/span>/g)].map((m) => m[1]);
    // No buys (buy VWAP), then the reference, avg − ref and vs reference: each says why.
    expect(titled).toEqual([
      "No buys in this hour",
      "No reference price for this hour yet",
      "No reference price for this hour yet",
      "No reference price for this hour yet",
    ]);
  });

  it("defaults to today (UTC) and links today, tomorrow and every day the trader has deals", async () => {
    const { response, html } = await page(traderPath(ALPHA));
    expect(response.status).toBe(200);
    const report = await apiReport(ALPHA, TODAY);
    const rows = rowsOf(sectionById(html, "report-table"), /data-hour=/);
    expect(rows.map((row) => row.cells[0])).toEqual(report.rows.map((row) => row.delivery_period));
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const days = [...html.matchAll(/<a href="\/dashboards\/trading\/dash_alpha\?delivery_day=(\d{4}-\d\d-\d\d)"( aria-current="page")?/g)];
    expect(days.map((m) => m[1])).toEqual([DAY, ETAG_DAY, TODAY, tomorrow].sort());
    expect(days.filter((m) => m[2]).map((m) => m[1])).toEqual([TODAY]);
    // The trader selector: a GET form listing every trader, which the desk turns into a trader page.
    for (const trader of [ALPHA, BETA, GAMMA]) expect(html).toContain(`<option value="${escapeHtml(trader)}"`);
    expect(html).not.toContain("ü<i>");
    const choose = `/dashboards/trading?trader_id=${encodeURIComponent(GAMMA)}&delivery_day=${DAY}`;
    const chosen = await call(choose, asBrowser({ redirect: "manual" }));
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("Location")).toBe(traderPath(GAMMA, DAY));
    const gamma = await page(traderPath(GAMMA, DAY));
    expect(gamma.response.status).toBe(200);
    expect(rowsOf(gamma.html, /data-hour=/)).toHaveLength(1);
    expect(gamma.html).not.toContain("ü<i>");
  });

  it("carries a strong ETag and answers 304 to If-None-Match, with the security headers", async () => {
    const first = await page(traderPath(ALPHA, ETAG_DAY));
    const etag = first.response.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.response.headers.get("Cache-Control")).toBe("private, no-cache");
    // The page holds its own tag, so its script's first re-read is conditional too.
    expect(first.html).toContain(`data-page-etag="${etag!.replaceAll('"', "&quot;")}"`);
    const again = await call(traderPath(ALPHA, ETAG_DAY), asBrowser({ headers: { "If-None-Match": etag! } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(again.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const reread = await page(traderPath(ALPHA, ETAG_DAY), { headers: { "If-None-Match": '"stale", W/"other"' } });
    expect(reread.response.status).toBe(200);
    expect(reread.html).toBe(first.html);
  });

  it("changes its ETag when the report changes", async () => {
    const before = (await call(traderPath(ALPHA, ETAG_DAY), asBrowser())).headers.get("ETag")!;
    await ingest([deal(ALPHA, ETAG_DAY, "09-10", "sell", 1.1, 47.01)]);
    const after = await call(traderPath(ALPHA, ETAG_DAY), asBrowser({ headers: { "If-None-Match": before } }));
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(before);
    const [row] = rowsOf(sectionById(await after.text(), "report-table"), /data-hour="09-10"/);
    expect(row!.cells[1]).toBe("2");
    expect(row!.cells.slice(1, 5)).toEqual(["2", "3.2", "1.1", "2.1"]);
  });

  it("shows an empty day as the table's headers and a sentence", async () => {
    const { response, html } = await page(traderPath(BETA, ETAG_DAY));
    expect(response.status).toBe(200);
    const table = sectionById(html, "report-table");
    expect(rowsOf(table, /data-hour=|data-totals/)).toEqual([]);
    expect(table).toContain('<th scope="col"');
    expect(textOf(html)).toContain(`No deals of ${BETA} for delivery on ${ETAG_DAY} yet.`);
  });

  it("answers an unknown trader with a 404 page and a bad day with a 422 page", async () => {
    const unknown = await page(traderPath("nobody_here", DAY));
    expect(unknown.response.status).toBe(404);
    expectSafePage(unknown.response, unknown.html);
    expect(textOf(unknown.html)).toContain("No deal of trader “nobody_here” has reached the exchange feed.");
    expect(unknown.html).toContain('href="/dashboards/trading"');
    for (const day of ["2023-02-30", "yesterday", "2023-2-6"]) {
      const bad = await page(`${traderPath(ALPHA)}?delivery_day=${day}`);
      expect(bad.response.status, day).toBe(422);
      expectSafePage(bad.response, bad.html);
      expect(textOf(bad.html)).toContain("delivery_day: expected a delivery day YYYY-MM-DD (UTC)");
    }
  });
});

describe("the trading desk", () => {
  it("is a safe page listing every trader with a link and today's figures from their report", async () => {
    const { response, html } = await page("/dashboards/trading");
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]+"$/);
    expect(html).toContain("Updates every 5 s");
    const { traders } = (await (await call("/v1/trading/traders")).json()) as { traders: Array<{ trader_id: string }> };
    const rows = rowsOf(sectionById(html, "desk-table"), /data-trader=/);
    expect(rows.map((row) => row.cells[0])).toEqual(traders.map((trader) => trader.trader_id));
    for (const [i, { trader_id }] of traders.entries()) {
      expect(rows[i]!.html).toContain(`<a href="${traderPath(trader_id)}">${escapeHtml(trader_id)}</a>`);
      const { totals } = await apiReport(trader_id, TODAY);
      expect(rows[i]!.cells.slice(1, 6), trader_id).toEqual([
        String(totals.trades),
        mw(totals.bought_mw),
        mw(totals.sold_mw),
        mw(totals.net_mw),
        money(totals.pnl_eur),
      ]);
      expect(rows[i]!.cells[6], trader_id).toBe(totals.trades === 0 ? "—" : versus(totals.vs_reference_eur));
    }
  });

  it("shows the feed's health as GET /v1/trading/feed reports it, and answers 304 while nothing changed", async () => {
    const { response, html } = await page("/dashboards/trading");
    type Feed = { deals_stored: number; duplicates_ignored: number; connected: boolean };
    const feed = (await (await call("/v1/trading/feed")).json()) as Feed;
    const health = sectionById(html, "feed-health");
    expect(health).toContain(`data-connected="${feed.connected}"`);
    expect(textOf(/data-figure="deals-stored">([\s\S]*?)<\/dd>/.exec(health)![1]!)).toBe(String(feed.deals_stored));
    expect(textOf(/data-figure="duplicates">([\s\S]*?)<\/dd>/.exec(health)![1]!)).toBe(String(feed.duplicates_ignored));
    const again = await call("/dashboards/trading", asBrowser({ headers: { "If-None-Match": response.headers.get("ETag")! } }));
    expect(again.status).toBe(304);
  });
});
