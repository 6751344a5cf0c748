import { ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { exchangeFeed } from "./exchange-feed/exchange-feed-stub";
import { dayPrices } from "./reference-prices/day-prices-cache";
import { LAST_PRICE_RUN_KEY } from "./reference-prices/reference-price-refresh";
import { listDayPrices } from "./reference-prices/reference-price-store";
import type {
  GetFeedStatusRoute,
  GetTraderReportRoute,
  ListDealsRoute,
  ListReferencePricesRoute,
  ListTradersRoute,
} from "./trading.routes";

const cents = (value: number) => Math.round(value * 100) / 100;

export const getTraderReport: AppRouteHandler<GetTraderReportRoute> = async (c) => {
  const { trader_id } = c.req.valid("param");
  const { delivery_day } = c.req.valid("query");
  const report = await exchangeFeed(c.env).traderReport(trader_id, delivery_day);
  if (!report) throw new ProblemError("not-found", { detail: `No deal of trader ${trader_id} has reached the feed` });
  const prices = await dayPrices(c.env.PRICES, delivery_day);
  const rows = report.hours.map((hour) => {
    const price = prices[hour.delivery_hour];
    return {
      delivery_period: `${delivery_day} ${hour.delivery_hour}`,
      delivery_hour: hour.delivery_hour,
      trades: hour.trades,
      bought_mw: hour.bought_mw,
      sold_mw: hour.sold_mw,
      net_mw: hour.net_mw,
      buy_vwap: hour.buy_vwap,
      sell_vwap: hour.sell_vwap,
      avg_price: hour.avg_price,
      reference_price: price?.value ?? null,
      reference_last_update: price?.last_update ?? null,
      delta_vs_reference: price ? cents(hour.avg_price - price.value) : null,
      pnl_eur: hour.pnl_eur,
    };
  });
  return c.json({ trader_id, delivery_day, rows, totals: report.totals }, 200);
};

export const listTraders: AppRouteHandler<ListTradersRoute> = async (c) => c.json({ traders: await exchangeFeed(c.env).traders() }, 200);

export const listDeals: AppRouteHandler<ListDealsRoute> = async (c) => {
  const query = c.req.valid("query");
  const page = await exchangeFeed(c.env).deals({
    traderId: query.trader_id,
    deliveryDay: query.delivery_day,
    limit: query.limit,
    cursor: query.cursor,
  });
  if ("error" in page) {
    const pointer = page.error === "invalid_cursor" ? "/cursor" : "/limit";
    throw new ProblemError("validation", { detail: page.detail, errors: [{ pointer, location: "query", detail: page.detail }] });
  }
  return c.json(page, 200);
};

export const listReferencePrices: AppRouteHandler<ListReferencePricesRoute> = async (c) => {
  const { delivery_day } = c.req.valid("query");
  const prices = await listDayPrices(c.env.PRICES, delivery_day);
  return c.json(
    {
      delivery_day,
      prices: prices.map((p) => ({
        delivery_day: p.delivery_day,
        delivery_hour: p.delivery_hour,
        value: p.value,
        unit: p.unit,
        last_update: p.last_update,
        fetched_at: new Date(p.fetched_at).toISOString(),
      })),
    },
    200,
  );
};

export const getFeedStatus: AppRouteHandler<GetFeedStatusRoute> = async (c) => {
  const [status, lastRun] = await Promise.all([exchangeFeed(c.env).status(), c.env.PRICES.get(LAST_PRICE_RUN_KEY, "json")]);
  return c.json({ ...status, last_cron_run: lastRun }, 200);
};
