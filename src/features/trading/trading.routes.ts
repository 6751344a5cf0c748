import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses, WebSocketUpgradeHeadersSchema } from "../../lib/openapi";
import {
  DayReferencePricesSchema,
  DealPageSchema,
  DealsQuerySchema,
  FeedStatusSchema,
  IfNoneMatchHeaderSchema,
  LiveQuerySchema,
  PricesQuerySchema,
  ReportQuerySchema,
  TraderListSchema,
  TraderParamSchema,
  TraderReportSchema,
} from "./trading.schemas";

const tags = ["trading"];

export const getTraderReport = createRoute({
  method: "get",
  path: "/v1/trading/traders/{trader_id}/report",
  tags,
  summary: "A trader's report of one delivery day, against the reference price",
  description:
    "One row per delivery hour with deals: volumes, VWAPs, the average price, PnL, and the market-data provider's " +
    "reference price (refreshed by the cron every 10 minutes) with two comparisons: `delta_vs_reference` = average " +
    'price − reference price (the origin\'s "how are we doing so far?"; its sign means different things to a buyer ' +
    "and a seller), and `vs_reference_eur` = Σ over sells q·(p − ref) − Σ over buys q·(p − ref), what the deals earned " +
    "against dealing at the reference price (positive is good either way). Both are null while the hour has no " +
    "reference price. Built from the exchange feed's aggregates, so it always agrees with /v1/trading/deals. Carries a " +
    "strong ETag: send it back in If-None-Match and an unchanged report costs a 304 with no body.",
  request: { params: TraderParamSchema, query: ReportQuerySchema, headers: IfNoneMatchHeaderSchema },
  responses: {
    200: jsonContent(TraderReportSchema, "The report, with ETag and Cache-Control: private, no-cache"),
    304: { description: "Not modified: the report is still the one your If-None-Match names" },
    ...problemResponses(404, 422),
  },
});

export type GetTraderReportRoute = typeof getTraderReport;

export const listTraders = createRoute({
  method: "get",
  path: "/v1/trading/traders",
  tags,
  summary: "Traders with their deal count and last deal time",
  responses: { 200: jsonContent(TraderListSchema, "Every trader seen on the feed") },
});

export type ListTradersRoute = typeof listTraders;

export const listDeals = createRoute({
  method: "get",
  path: "/v1/trading/deals",
  tags,
  summary: "Deals, paginated in a stable order (arrival)",
  request: { query: DealsQuerySchema },
  responses: {
    200: jsonContent(DealPageSchema, "One page"),
    ...problemResponses(422),
  },
});

export type ListDealsRoute = typeof listDeals;

export const listReferencePrices = createRoute({
  method: "get",
  path: "/v1/trading/reference-prices",
  tags,
  summary: "Reference prices of a delivery day held by this deployment",
  request: { query: PricesQuerySchema },
  responses: { 200: jsonContent(DayReferencePricesSchema, "The day's prices"), ...problemResponses(422) },
});

export type ListReferencePricesRoute = typeof listReferencePrices;

export const getFeedStatus = createRoute({
  method: "get",
  path: "/v1/trading/feed",
  tags,
  summary: "The exchange feed's health and the last cron run",
  description:
    "Whether the WebSocket to the exchange is open, the last frame time, deals stored, duplicates ignored, " +
    "malformed frames rejected, reconnects, the last error, and the last reference-price run.",
  responses: {
    200: jsonContent(FeedStatusSchema, "The feed's status"),
  },
});

export type GetFeedStatusRoute = typeof getFeedStatus;

export const subscribeTraderReport = createRoute({
  method: "get",
  path: "/v1/trading/live",
  tags,
  summary: "WebSocket: a trader's report rows as deals and reference prices change",
  description:
    "Upgrade to a WebSocket (`Upgrade: websocket`) with the trader and delivery day in the query. The server sends " +
    '`{"type":"hello","trader_id","delivery_day"}`, then, whenever the exchange feed stores a deal of that trader for ' +
    'that day or the cron publishes a reference price of that day, `{"type":"rows","trader_id","delivery_day","rows",' +
    '"totals","html"}`: the rows that changed and the day\'s totals, the same objects as the report (and `html`, each ' +
    "as the trader dashboard renders it). Pushes only say what changed since the last one: after connecting or " +
    "reconnecting, read the report (with If-None-Match) so nothing is missed. Send `ping` to get `pong`; any other " +
    "message closes the socket with 1008, one over 256 bytes with 1009.",
  request: { query: LiveQuerySchema, headers: WebSocketUpgradeHeadersSchema },
  responses: {
    101: { description: "Switching to the WebSocket protocol" },
    ...problemResponses(422, 426),
  },
});

export type SubscribeTraderReportRoute = typeof subscribeTraderReport;
