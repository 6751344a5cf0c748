import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../lib/openapi";
import { DealsQuery, PricesQuery, ReportQuery, TraderParam, TraderReportSchema } from "./trading.schemas";

const tags = ["trading"];

export const traderReport = createRoute({
  method: "get",
  path: "/v1/trading/traders/{trader_id}/report",
  tags,
  summary: "A trader's report of one delivery day, against the reference price",
  description:
    "One row per delivery hour with deals: volumes, VWAPs, the average price, PnL, and the market-data provider's " +
    "reference price (refreshed by the cron every 10 minutes) with the difference. Built from the exchange feed's " +
    "aggregates, so it always agrees with /v1/trading/deals.",
  request: { params: TraderParam, query: ReportQuery },
  responses: { 200: jsonContent(TraderReportSchema, "The report"), ...problemResponses(404, 422) },
});

const TraderSummarySchema = z.object({
  trader_id: z.string().openapi({ example: "flex_trader_4" }),
  deals: z.number().int().openapi({ example: 117 }),
  last_deal_at: z.string().openapi({ example: "2023-02-21T06:13:43.000Z" }),
});

export const listTraders = createRoute({
  method: "get",
  path: "/v1/trading/traders",
  tags,
  summary: "Traders with their deal count and last deal time",
  responses: { 200: jsonContent(z.object({ traders: z.array(TraderSummarySchema) }), "Every trader seen on the feed") },
});

const DealSchema = z
  .object({
    id: z.string().openapi({ example: "3624e95119f04b7bb054b2f91a980a83" }),
    trader_id: z.string().openapi({ example: "flex_trader_4" }),
    delivery_day: z.string().openapi({ example: "2023-02-21" }),
    delivery_hour: z.string().openapi({ example: "15-16" }),
    direction: z.enum(["buy", "sell"]).openapi({ example: "sell" }),
    price: z.number().openapi({ example: 20.64 }),
    quantity: z.number().openapi({ example: 1.2 }),
    execution_time: z.string().openapi({ example: "2023-02-21T06:13:43+00:00" }),
    received_at: z.string().openapi({ example: "2023-02-21T06:13:43.512Z" }),
  })
  .openapi("Deal");

export const listDeals = createRoute({
  method: "get",
  path: "/v1/trading/deals",
  tags,
  summary: "Deals, paginated in a stable order (arrival)",
  request: { query: DealsQuery },
  responses: {
    200: jsonContent(z.object({ deals: z.array(DealSchema), next_cursor: z.string().nullable().openapi({ example: null }) }), "One page"),
    ...problemResponses(422),
  },
});

const ReferencePriceSchema = z.object({
  delivery_day: z.string().openapi({ example: "2023-02-21" }),
  delivery_hour: z.string().openapi({ example: "08-09" }),
  value: z.number().openapi({ example: 27.74 }),
  unit: z.string().openapi({ example: "euro/mwh" }),
  last_update: z.string().openapi({ example: "2023-02-21T07:10:20+00:00" }),
  fetched_at: z.string().openapi({ example: "2023-02-21T07:11:00.000Z" }),
});

export const referencePrices = createRoute({
  method: "get",
  path: "/v1/trading/reference-prices",
  tags,
  summary: "Reference prices of a delivery day held by this deployment",
  request: { query: PricesQuery },
  responses: { 200: jsonContent(z.object({ delivery_day: z.string(), prices: z.array(ReferencePriceSchema) }), "The day's prices"), ...problemResponses(422) },
});

export const feedStatus = createRoute({
  method: "get",
  path: "/v1/trading/feed",
  tags,
  summary: "The exchange feed's health and the last cron run",
  description: "Whether the WebSocket to the exchange is open, the last frame time, deals stored, duplicates ignored, malformed frames rejected, reconnects, the last error, and the last reference-price run.",
  responses: {
    200: jsonContent(
      z.object({
        connected: z.boolean().openapi({ example: true }),
        exchange_url: z.string().openapi({ example: "ws://127.0.0.1:5050" }),
        connected_since: z.string().nullable(),
        last_frame_at: z.string().nullable(),
        frames: z.number().int(),
        deals_stored: z.number().int().openapi({ example: 1234 }),
        duplicates_ignored: z.number().int().openapi({ example: 12 }),
        malformed_rejected: z.number().int().openapi({ example: 3 }),
        reconnects: z.number().int().openapi({ example: 2 }),
        last_error: z.string().nullable(),
        last_error_at: z.string().nullable(),
        next_retry_at: z.string().nullable(),
        last_cron_run: z.unknown().openapi({ description: "The last reference-price run: fetched, failures, budget used" }),
      }),
      "The feed's status",
    ),
  },
});
