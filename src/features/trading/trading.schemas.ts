import { z } from "@hono/zod-openapi";
import { isIsoDay } from "../../lib/instant";

const DeliveryDay = z
  .string()
  .refine(isIsoDay, { message: "expected a delivery day YYYY-MM-DD" })
  .openapi({ param: { name: "delivery_day", in: "query", description: "Delivery day, YYYY-MM-DD (UTC)." }, example: "2023-02-21" });

export const TraderParam = z.object({
  trader_id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "trader_id", in: "path", description: "The trader's id, as the exchange sends it." }, example: "flex_trader_4" }),
});

export const ReportQuery = z.object({ delivery_day: DeliveryDay });
export const PricesQuery = z.object({ delivery_day: DeliveryDay });

export const DealsQuery = z.object({
  trader_id: z.string().min(1).max(100).optional().openapi({ param: { name: "trader_id", in: "query", description: "Only this trader's deals." }, example: "flex_trader_4" }),
  delivery_day: DeliveryDay.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query", description: "Deals per page, 1–1000 (default 100)." }, example: 100 }),
  cursor: z.string().max(200).optional().openapi({ param: { name: "cursor", in: "query", description: "`next_cursor` of the previous page." }, example: "eyJ0IjoxfQ" }),
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
    avg_price: money(21.21, "Σ q·p / Σ q over all the trader's deals of the hour"),
    reference_price: money(27.74, "The market-data provider's price; null when unknown"),
    reference_last_update: z.string().nullable().openapi({ example: "2023-02-21T07:10:20+00:00" }),
    delta_vs_reference: money(-6.53, "avg_price − reference_price (the dashboard's green/red figure)"),
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
    }),
  })
  .openapi("TraderReport");
