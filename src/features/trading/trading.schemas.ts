import { z } from "@hono/zod-openapi";
import { isIsoDay } from "../../lib/instant";

const DeliveryDaySchema = z
  .string()
  .refine(isIsoDay, { message: "expected a delivery day YYYY-MM-DD" })
  .openapi({ param: { name: "delivery_day", in: "query", description: "Delivery day, YYYY-MM-DD (UTC)." }, example: "2023-02-21" });

export const TraderParamSchema = z.object({
  trader_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: "trader_id", in: "path", description: "The trader's id, as the exchange sends it." },
      example: "flex_trader_4",
    }),
});

export const ReportQuerySchema = z.object({ delivery_day: DeliveryDaySchema });

export const LiveQuerySchema = z.object({
  trader_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: "trader_id", in: "query", description: "The trader whose report the page shows." },
      example: "flex_trader_4",
    }),
  delivery_day: DeliveryDaySchema,
});

export const IfNoneMatchHeaderSchema = z.object({
  "if-none-match": z
    .string()
    .optional()
    .openapi({
      param: { name: "if-none-match", in: "header", description: "If-None-Match: the ETag of the report you hold." },
      example: '"3f2a9c…"',
    }),
});
export const PricesQuerySchema = z.object({ delivery_day: DeliveryDaySchema });

export const DealsQuerySchema = z.object({
  trader_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: "trader_id", in: "query", description: "Only this trader's deals." }, example: "flex_trader_4" }),
  delivery_day: DeliveryDaySchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query", description: "Deals per page, 1–1000 (default 100)." }, example: 100 }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "cursor", in: "query", description: "`next_cursor` of the previous page." }, example: "eyJ0IjoxfQ" }),
});

const money = (example: number, description?: string) => z.number().nullable().openapi({ example, description });

export const ReportRowSchema = z
  .object({
    delivery_period: z.string().openapi({ example: "2023-02-21 15-16" }),
    delivery_hour: z.string().openapi({ example: "15-16" }),
    trades: z.number().int().openapi({ example: 4 }),
    bought_mw: z.number().openapi({ example: 3.5 }),
    sold_mw: z.number().openapi({ example: 1.2 }),
    net_mw: z.number().openapi({ example: 2.3, description: "bought − sold" }),
    buy_vwap: money(21.4, "Σ q·p / Σ q over buys; null without buys"),
    sell_vwap: money(20.64, "Σ q·p / Σ q over sells; null without sells"),
    avg_price: z.number().openapi({ example: 21.21, description: "Σ q·p / Σ q over all the trader's deals of the hour" }),
    reference_price: money(27.74, "The market-data provider's price; null when unknown"),
    reference_last_update: z.string().nullable().openapi({ example: "2023-02-21T07:10:20+00:00" }),
    delta_vs_reference: money(
      -6.53,
      "avg_price − reference_price (the origin's figure: green when positive); null without a reference price",
    ),
    vs_reference_eur: money(
      -12.4,
      "Σ over sells q·(p − ref) − Σ over buys q·(p − ref): what the hour's deals earned against dealing at the reference " +
        "price, for buyers and sellers alike (positive is good); null without a reference price",
    ),
    pnl_eur: z.number().openapi({ example: -50.13, description: "Σ sells q·p − Σ buys q·p" }),
  })
  .openapi("TraderReportRow");

export const TraderReportSchema = z
  .object({
    trader_id: z.string().openapi({ example: "flex_trader_4" }),
    delivery_day: z.string().openapi({ example: "2023-02-21" }),
    rows: z.array(ReportRowSchema),
    totals: z.object({
      trades: z.number().int().openapi({ example: 12 }),
      bought_mw: z.number().openapi({ example: 8.1 }),
      sold_mw: z.number().openapi({ example: 4.4 }),
      net_mw: z.number().openapi({ example: 3.7 }),
      pnl_eur: z.number().openapi({ example: -75.2 }),
      vs_reference_eur: money(-18.05, "Σ of the rows' vs_reference_eur over the hours with a reference price; null when none has one"),
      hours_without_reference: z
        .number()
        .int()
        .openapi({ example: 0, description: "Hours with deals but no reference price yet, left out of vs_reference_eur" }),
    }),
  })
  .openapi("TraderReport");

const TraderSummarySchema = z.object({
  trader_id: z.string().openapi({ example: "flex_trader_4" }),
  deals: z.number().int().openapi({ example: 117 }),
  last_deal_at: z.string().openapi({ example: "2023-02-21T06:13:43.000Z" }),
});

export const TraderListSchema = z.object({ traders: z.array(TraderSummarySchema) });

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

export const DealPageSchema = z.object({ deals: z.array(DealSchema), next_cursor: z.string().nullable().openapi({ example: null }) });

const ReferencePriceSchema = z.object({
  delivery_day: z.string().openapi({ example: "2023-02-21" }),
  delivery_hour: z.string().openapi({ example: "08-09" }),
  value: z.number().openapi({ example: 27.74 }),
  unit: z.string().openapi({ example: "euro/mwh" }),
  last_update: z.string().openapi({ example: "2023-02-21T07:10:20+00:00" }),
  fetched_at: z.string().openapi({ example: "2023-02-21T07:11:00.000Z" }),
});

export const DayReferencePricesSchema = z.object({ delivery_day: z.string(), prices: z.array(ReferencePriceSchema) });

export const FeedStatusSchema = z.object({
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
});
