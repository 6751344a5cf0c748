import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../lib/openapi";
import {
  DayReferencePricesSchema,
  DealPageSchema,
  DealsQuerySchema,
  FeedStatusSchema,
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
    "reference price (refreshed by the cron every 10 minutes) with the difference. Built from the exchange feed's " +
    "aggregates, so it always agrees with /v1/trading/deals.",
  request: { params: TraderParamSchema, query: ReportQuerySchema },
  responses: { 200: jsonContent(TraderReportSchema, "The report"), ...problemResponses(404, 422) },
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
