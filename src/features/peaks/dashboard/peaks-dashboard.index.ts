import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { database } from "../../../lib/db";
import type { AppEnv } from "../../../lib/env";
import { ProblemError } from "../../../lib/problem";
import { RenderCache } from "../../../lib/render-cache";
import { perBinding } from "../../../lib/snapshot-cache";
import { errorPageResponse, type RenderedPage, renderedCsv, renderedHtml, respond } from "../../../web/rendered-page";
import { allTimePeaks, marketIn, marketTopPeaks } from "../market-peaks-query";
import { marketReadings } from "../market-readings-query";
import type { MarketRow } from "../peaks.repository";
import { type PeaksSnapshot, peaksCacheFor } from "../peaks-cache";
import { peaksCsv } from "../peaks-csv";
import { InvalidAddressMessage, UnknownMarketMessage } from "./address-messages";
import { latestChange } from "./last-change";
import { MarketPage } from "./market-page.page";
import { chartSpan } from "./market-window";
import { BOARD_PEAKS, type BoardMarket, PeaksBoardPage } from "./peaks-board.page";
import { BoardQuerySchema, MarketPageQuerySchema } from "./peaks-dashboard.schemas";
import { BOARD_PATH, type MarketView, marketHref } from "./peaks-dashboard-links";

/** The chart asks the readings route for at most this many points: about one per pixel of its width. */
const CHART_POINTS = 1_000;

/** Per isolate: the board and a few market views of the current peaks data, rendered once per data generation. */
const pagesFor = perBinding(() => new RenderCache<RenderedPage>(32));

function errorPage(c: Context<AppEnv>, status: 404 | 422, title: string, message: Child): Promise<Response> {
  return errorPageResponse(c, { status, title, message, current: BOARD_PATH });
}

function invalidAddress(c: Context<AppEnv>, issues: Array<{ path: PropertyKey[]; message: string }>, page: "board" | "market") {
  const problems = issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; ");
  return errorPage(c, 422, "This peak usage address is not valid", InvalidAddressMessage({ problems, page }));
}

/** Markets by name as a person reads them (case and digit runs), then by code units so the order is total. */
const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "en", { sensitivity: "base", numeric: true }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function boardMarkets(snapshot: PeaksSnapshot): BoardMarket[] {
  return [...snapshot.markets].sort(byName).map((market) => ({
    name: market.name,
    readingCount: market.readingCount,
    firstTs: market.firstTs,
    lastTs: market.lastTs,
    peaks: allTimePeaks(snapshot, market, BOARD_PEAKS),
  }));
}

async function renderBoard(snapshot: PeaksSnapshot): Promise<RenderedPage> {
  const markets = boardMarkets(snapshot);
  return renderedHtml(PeaksBoardPage({ markets, changedAt: latestChange(snapshot.markets) }));
}

async function renderMarketPage(d1: D1Database, snapshot: PeaksSnapshot, market: MarketRow, view: MarketView): Promise<RenderedPage> {
  const db = database(d1);
  const window = { from: view.from, to: view.to };
  const [peaks, readings] = await Promise.all([
    marketTopPeaks(db, snapshot, market, view.n, window),
    marketReadings(db, market.id, window, "auto", CHART_POINTS),
  ]);
  const facts = { name: market.name, readingCount: market.readingCount, firstTs: market.firstTs, lastTs: market.lastTs };
  const shown = { market: facts, view, peaks, readings, span: chartSpan(window, market.firstTs, market.lastTs) };
  return renderedHtml(MarketPage({ ...shown, changedAt: market.changedAt }));
}

export const peaksDashboardRouter = new Hono<AppEnv>();

peaksDashboardRouter.get(BOARD_PATH, async (c) => {
  const parsed = BoardQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return invalidAddress(c, parsed.error.issues, "board");
  const d1 = c.env.DB;
  const snapshot = await peaksCacheFor(d1).get(database(d1));
  const csv = parsed.data.format === "csv";
  const page = await pagesFor(d1).get(snapshot.generation, csv ? "board.csv" : "board", () => {
    if (!csv) return renderBoard(snapshot);
    const groups = boardMarkets(snapshot).map((market) => ({ market: market.name, peaks: market.peaks }));
    return renderedCsv(peaksCsv(groups), "peaks.csv");
  });
  return respond(c, page);
});

peaksDashboardRouter.get(`${BOARD_PATH}/:market`, async (c) => {
  const ref = c.req.param("market");
  const parsed = MarketPageQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return invalidAddress(c, parsed.error.issues, "market");
  const d1 = c.env.DB;
  const snapshot = await peaksCacheFor(d1).get(database(d1));
  const market = marketIn(snapshot, ref);
  if (!market) return errorPage(c, 404, "No such market", UnknownMarketMessage({ market: ref }));
  const { n, from, to, format } = parsed.data;
  const view: MarketView = { n, from, to };
  const csv = format === "csv";
  const key = `${csv ? "csv" : "html"}|${marketHref(market.name, view)}`;
  try {
    const page = await pagesFor(d1).get(snapshot.generation, key, async () => {
      if (!csv) return renderMarketPage(d1, snapshot, market, view);
      const peaks = await marketTopPeaks(database(d1), snapshot, market, n, { from, to });
      return renderedCsv(peaksCsv([{ market: market.name, peaks }]), `peaks-${market.name}.csv`);
    });
    return respond(c, page);
  } catch (error) {
    // The readings route refuses more points than any chart can take: only a window of centuries gets there.
    if (!(error instanceof ProblemError) || error.kind !== "validation") throw error;
    return invalidAddress(c, [{ path: ["from"], message: "the window is too long to chart (at most 10,000 weeks)" }], "market");
  }
});
