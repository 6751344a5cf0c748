import { JSON_TYPE, render, respondCached } from "../../lib/http-cache";
import { ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { exchangeFeed } from "./exchange-feed/exchange-feed-stub";
import { dayPrices } from "./reference-prices/day-prices-cache";
import { LAST_PRICE_RUN_KEY } from "./reference-prices/reference-price-refresh";
import { listDayPrices } from "./reference-prices/reference-price-store";
import { traderReportView } from "./trader-report";
import type {
  GetFeedStatusRoute,
  GetTraderReportRoute,
  ListDealsRoute,
  ListReferencePricesRoute,
  ListTradersRoute,
  SubscribeTraderReportRoute,
} from "./trading.routes";
import { tradingBoard } from "./trading-board/trading-board-stub";

/** Reports change with every deal and price: a client revalidates each time, and a 304 costs it no body. */
const REPORT_CACHE_CONTROL = "private, no-cache";

export const getTraderReport: AppRouteHandler<GetTraderReportRoute> = async (c) => {
  const { trader_id } = c.req.valid("param");
  const { delivery_day } = c.req.valid("query");
  const report = await exchangeFeed(c.env).traderReport(trader_id, delivery_day);
  if (!report) throw new ProblemError("not-found", { detail: `No deal of trader ${trader_id} has reached the feed` });
  const view = traderReportView(report, await dayPrices(c.env.PRICES, delivery_day));
  return respondCached(c, await render(JSON.stringify(view), JSON_TYPE), REPORT_CACHE_CONTROL);
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

export const subscribeTraderReport: AppRouteHandler<SubscribeTraderReportRoute> = async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ProblemError("upgrade-required", {
      detail: "This is a WebSocket endpoint: connect with `Upgrade: websocket`",
      headers: { Upgrade: "websocket" },
    });
  }
  const { trader_id, delivery_day } = c.req.valid("query");
  // The board reads only the validated subscription, never the caller's raw query.
  const url = new URL("https://board/subscribe");
  url.searchParams.set("trader_id", trader_id);
  url.searchParams.set("delivery_day", delivery_day);
  return tradingBoard(c.env).fetch(new Request(url, c.req.raw));
};
