import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../../lib/env";
import { RenderCache } from "../../../lib/render-cache";
import { errorPageResponse, type RenderedPage, renderedHtml, respond } from "../../../web/rendered-page";
import { exchangeFeed } from "../exchange-feed/exchange-feed-stub";
import type { TraderReport } from "../exchange-feed/feed-types";
import { dayPrices } from "../reference-prices/day-prices-cache";
import { LAST_PRICE_RUN_KEY, type PriceRunOutcome } from "../reference-prices/reference-price-refresh";
import { type TraderReportView, traderReportView } from "../trader-report";
import { type DayChoice, TraderDashboardPage } from "./trader-dashboard.page";
import { DeskQuerySchema, MAX_TRADER_ID_LENGTH, TraderPageQuerySchema, tradableDays } from "./trading-dashboard.schemas";
import { DESK_PATH, InvalidAddressMessage, TradingDeskPage, traderHref, UnknownTraderMessage } from "./trading-desk.page";

/**
 * Per isolate: the pages of the last few (trader, day, report) contents, keyed by the data they show, so a reload or
 * a re-read of an unchanged report costs neither a render nor a hash. One generation: the key is the content itself.
 */
const pages = new RenderCache<RenderedPage>(64);

function errorPage(c: Context<AppEnv>, status: 404 | 422, title: string, message: Child): Promise<Response> {
  return errorPageResponse(c, { status, title, message, current: DESK_PATH });
}

function invalidAddress(c: Context<AppEnv>, issues: Array<{ path: PropertyKey[]; message: string }>): Promise<Response> {
  const problems = issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; ");
  return errorPage(c, 422, "This trading dashboard address is not valid", InvalidAddressMessage({ problems }));
}

/** The latest deal or reference price in a report, as ISO; null for a day without deals. */
function lastChangeOf(report: TraderReport, view: TraderReportView): string | null {
  let latest = Number.NEGATIVE_INFINITY;
  for (const hour of report.hours) latest = Math.max(latest, Date.parse(hour.last_deal_at));
  for (const row of view.rows) if (row.reference_last_update) latest = Math.max(latest, Date.parse(row.reference_last_update));
  return Number.isFinite(latest) ? new Date(latest).toISOString() : null;
}

/** Today and tomorrow (tradable now), every day the trader has deals for, and the day shown, in order. */
function dayChoices(now: number, tradedDays: string[], shown: string): DayChoice[] {
  const { today, tomorrow } = tradableDays(now);
  const days = [...new Set([...tradedDays, today, tomorrow, shown])].sort();
  return days.map((day) => ({ day, note: day === today ? "today" : day === tomorrow ? "tomorrow" : undefined }));
}

export const tradingDashboardRouter = new Hono<AppEnv>();

tradingDashboardRouter.get(DESK_PATH, async (c) => {
  const parsed = DeskQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return invalidAddress(c, parsed.error.issues);
  // The trader selector's GET form, for a browser without the page's script: on to that trader's page.
  if (parsed.data.trader_id) return c.redirect(traderHref(parsed.data.trader_id, parsed.data.delivery_day), 303);
  const { today } = tradableDays(Date.now());
  const [desk, priceRun, prices] = await Promise.all([
    exchangeFeed(c.env).desk(today),
    c.env.PRICES.get<PriceRunOutcome>(LAST_PRICE_RUN_KEY, "json"),
    dayPrices(c.env.PRICES, today),
  ]);
  const views = new Map(desk.reports.map((report) => [report.trader_id, traderReportView(report, prices)]));
  const traders = desk.traders.flatMap((summary) => {
    const view = views.get(summary.trader_id);
    return view ? [{ summary, view }] : [];
  });
  const props = { today, traders, status: desk.status, priceRun };
  const page = await pages.get(0, JSON.stringify(["desk", props]), () => renderedHtml(TradingDeskPage(props)));
  return respond(c, page);
});

tradingDashboardRouter.get(`${DESK_PATH}/:trader_id`, async (c) => {
  const traderId = c.req.param("trader_id");
  const parsed = TraderPageQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return invalidAddress(c, parsed.error.issues);
  const now = Date.now();
  const day = parsed.data.delivery_day ?? tradableDays(now).today;
  const data = traderId.length <= MAX_TRADER_ID_LENGTH ? await exchangeFeed(c.env).traderDashboard(traderId, day) : null;
  if (!data) {
    return errorPage(c, 404, "No such trader", UnknownTraderMessage({ traderId }));
  }
  const view = traderReportView(data.report, await dayPrices(c.env.PRICES, day));
  // Ages of reference prices are given to the minute: the page changes once a minute at most for them.
  const minute = now - (now % 60_000);
  const content = {
    view,
    traders: data.traders,
    days: dayChoices(now, data.delivery_days, day),
    lastChange: lastChangeOf(data.report, view),
  };
  const aged = view.rows.some((row) => row.reference_last_update !== null);
  const key = JSON.stringify(["trader", traderId, day, aged ? minute : 0, content]);
  const page = await pages.get(0, key, () => renderedHtml(TraderDashboardPage({ ...content, now: minute })));
  return respond(c, page);
});
