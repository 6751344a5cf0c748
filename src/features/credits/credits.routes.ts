import { createRoute } from "@hono/zod-openapi";
import { requireIngestToken } from "../../lib/auth";
import { jsonBody, jsonContent, problemResponses, WRITE_SECURITY } from "../../lib/openapi";
import {
  BillingPeriodInputSchema,
  BillingPeriodSchema,
  BillingPeriodWriteResultSchema,
  CompatUsageSchema,
  DailyUsageSchema,
  IngestCountsSchema,
  MessageBatchSchema,
  MessageDetailSchema,
  MessageIdParamSchema,
  QuoteInputSchema,
  QuoteSchema,
  ReportBatchSchema,
  ReportIdParamSchema,
  ReportListSchema,
  ReportUpdateSchema,
  ReportWriteResultSchema,
  UsageWindowQuerySchema,
  WindowUsageSchema,
} from "./credits.schemas";

const tags = ["credits"];

export const getCompatUsage = createRoute({
  method: "get",
  path: "/usage",
  tags,
  summary: "Credits used by each message of the current billing period (origin contract)",
  description:
    "One entry per message of the current billing period (set with PUT /v1/billing-periods/current), ordered by " +
    "timestamp then id. `report_name` appears only for messages with a known report. Credits are computed at ingest. " +
    "`Cache-Control: max-age=60`; gzip when the client accepts it.",
  responses: {
    200: jsonContent(CompatUsageSchema, "The period's usage"),
    ...problemResponses(404),
  },
});

export type GetCompatUsageRoute = typeof getCompatUsage;

export const getUsage = createRoute({
  method: "get",
  path: "/v1/usage",
  tags,
  summary: "Usage rows and totals of any window",
  description: "The same rows as /usage for `[from, to)`, with totals by report (null: priced from text). Streamed for large windows.",
  request: { query: UsageWindowQuerySchema },
  responses: { 200: jsonContent(WindowUsageSchema, "The window's usage"), ...problemResponses(422) },
});

export type GetUsageRoute = typeof getUsage;

export const getDailyUsage = createRoute({
  method: "get",
  path: "/v1/usage/daily",
  tags,
  summary: "Credits per UTC day of a window, days without messages included",
  request: { query: UsageWindowQuerySchema },
  responses: { 200: jsonContent(DailyUsageSchema, "One entry per UTC day"), ...problemResponses(422) },
});

export type GetDailyUsageRoute = typeof getDailyUsage;

export const computeQuote = createRoute({
  method: "post",
  path: "/v1/credits/quote",
  tags,
  summary: "Price a text or a report, with the amount of each rule",
  description:
    "Stores nothing (so it needs no token). A known `report_id` sets the price; otherwise the text rules apply, each " +
    "listed with its amount.",
  request: { body: jsonBody(QuoteInputSchema, "What to price") },
  responses: { 200: jsonContent(QuoteSchema, "The price and why"), ...problemResponses(400, 404, 422) },
});

export type ComputeQuoteRoute = typeof computeQuote;

export const getMessage = createRoute({
  method: "get",
  path: "/v1/messages/{id}",
  tags,
  summary: "One message with its credits and why",
  request: { params: MessageIdParamSchema },
  responses: { 200: jsonContent(MessageDetailSchema, "The message"), ...problemResponses(404, 422) },
});

export type GetMessageRoute = typeof getMessage;

export const ingestMessages = createRoute({
  method: "post",
  path: "/v1/messages",
  tags,
  summary: "Ingest messages in the origin's format",
  description:
    "Up to 10,000 messages, priced once at ingest. Idempotent by id: the same message again changes nothing; the same " +
    "id with a different timestamp, text or report id is a 409 and nothing is written.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(MessageBatchSchema, "The messages") },
  responses: { 200: jsonContent(IngestCountsSchema, "What the batch changed"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type IngestMessagesRoute = typeof ingestMessages;

export const listReports = createRoute({
  method: "get",
  path: "/v1/reports",
  tags,
  summary: "Known reports with their cost",
  responses: { 200: jsonContent(ReportListSchema, "Every report") },
});

export type ListReportsRoute = typeof listReports;

export const ingestReports = createRoute({
  method: "post",
  path: "/v1/reports",
  tags,
  summary: "Create or update reports",
  description: "Upserts each report; messages naming a report whose cost is new or changed are re-priced in the same write.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(ReportBatchSchema, "The reports") },
  responses: { 200: jsonContent(ReportWriteResultSchema, "What changed"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type IngestReportsRoute = typeof ingestReports;

export const putReport = createRoute({
  method: "put",
  path: "/v1/reports/{id}",
  tags,
  summary: "Create or update one report",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { params: ReportIdParamSchema, body: jsonBody(ReportUpdateSchema, "The report") },
  responses: { 200: jsonContent(ReportWriteResultSchema, "What changed"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type PutReportRoute = typeof putReport;

export const getBillingPeriod = createRoute({
  method: "get",
  path: "/v1/billing-periods/current",
  tags,
  summary: "The current billing period",
  responses: { 200: jsonContent(BillingPeriodSchema, "The period"), ...problemResponses(404) },
});

export type GetBillingPeriodRoute = typeof getBillingPeriod;

export const putBillingPeriod = createRoute({
  method: "put",
  path: "/v1/billing-periods/current",
  tags,
  summary: "Set the current billing period",
  description: "The period `/usage` reports: data, not the calendar.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(BillingPeriodInputSchema, "The period, [start, end)") },
  responses: { 200: jsonContent(BillingPeriodWriteResultSchema, "The period as stored"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type PutBillingPeriodRoute = typeof putBillingPeriod;
