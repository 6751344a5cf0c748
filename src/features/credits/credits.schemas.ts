import { z } from "@hono/zod-openapi";
import { digitsToNumber } from "../../lib/decimal-digits";
import { instantString, instantWindow } from "../../lib/instant-window";
import { wellFormedString } from "../../lib/well-formed-string";
import { writeVersionField } from "../../lib/write-version";

export const MAX_MESSAGES_PER_BATCH = 10_000;
export const MAX_TEXT_LENGTH = 100_000;

const instant = (description: string, example: string) => instantString(example).openapi({ description, example });

/** Credits with at most two decimals (hundredths are stored exactly). */
const CreditAmountSchema = z
  .number()
  .finite()
  .min(0)
  .max(1_000_000_000)
  // Exact: n / 100 is the double nearest to the decimal n/100, so any amount with at most two decimals passes and
  // anything else (4.9e-23, which a tolerance would have stored as 0) is refused rather than changed.
  .refine((value) => Math.round(value * 100) / 100 === value, { message: "at most two decimals" });

export const MessageInputSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 1000 }),
    timestamp: instant("When the message was sent; stored and returned exactly as given", "2024-04-29T02:08:29.375Z"),
    text: wellFormedString().max(MAX_TEXT_LENGTH).openapi({ example: "Generate a Tenant Obligations Report for the new lease terms." }),
    report_id: z.number().int().min(0).nullable().optional().openapi({ example: 5392 }),
  })
  .openapi("MessageInput");

export const MessageBatchSchema = z
  .object({ messages: z.array(MessageInputSchema).min(1).max(MAX_MESSAGES_PER_BATCH) })
  .openapi("MessageBatch", {
    example: {
      messages: [
        {
          id: 1000,
          timestamp: "2024-04-29T02:08:29.375Z",
          text: "Generate a Tenant Obligations Report for the new lease terms.",
          report_id: 5392,
        },
        { id: 1001, timestamp: "2024-04-29T03:25:03.613Z", text: "Are there any restrictions on alterations or improvements?" },
      ],
    },
  });

export const IngestCountsSchema = z
  .object({
    received: z.number().int().openapi({ example: 2 }),
    inserted: z.number().int().openapi({ example: 2 }),
    updated: z.number().int().openapi({ example: 0 }),
    unchanged: z.number().int().openapi({ example: 0 }),
    version: writeVersionField("credits"),
  })
  .openapi("CreditsIngestResult");

export const ReportInputSchema = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 5392 }),
    name: wellFormedString().trim().min(1).max(200).openapi({ example: "Tenant Obligations Report" }),
    credit_cost: CreditAmountSchema.openapi({ example: 79 }),
  })
  .openapi("ReportInput");

export const ReportBatchSchema = z
  .object({ reports: z.array(ReportInputSchema).min(1).max(MAX_MESSAGES_PER_BATCH) })
  .openapi("ReportBatch", { example: { reports: [{ id: 5392, name: "Tenant Obligations Report", credit_cost: 79 }] } });

export const ReportUpdateSchema = ReportInputSchema.omit({ id: true }).openapi("ReportUpdate", {
  example: { name: "Tenant Obligations Report", credit_cost: 79 },
});

/**
 * A path id: only a string of decimal digits becomes a number (`z.coerce` also took `""`, `0x10` and `1e3`), and
 * because `z.coerce` accepts null the generated parameter was `integer | null` and not `required` (OpenAPI 3.1, Parameter
 * Object: a path parameter must be `required: true`).
 */
function pathIdParam(description: string, example: number) {
  return z.object({
    id: z
      .preprocess(digitsToNumber, z.number({ error: "expected a non-negative integer" }).int().min(0).max(Number.MAX_SAFE_INTEGER))
      .openapi({ param: { name: "id", in: "path", description }, example }),
  });
}

export const ReportIdParamSchema = pathIdParam("The report's id.", 5392);

export const MessageIdParamSchema = pathIdParam("The message's id.", 1001);

export const ReportSchema = z
  .object({
    id: z.number().int().openapi({ example: 5392 }),
    name: z.string().openapi({ example: "Tenant Obligations Report" }),
    credit_cost: z.number().openapi({ example: 79 }),
    messages: z.number().int().openapi({ example: 12, description: "Messages that name this report" }),
  })
  .openapi("Report");

export const ReportListSchema = z.object({ reports: z.array(ReportSchema) });

export const ReportWriteResultSchema = z
  .object({
    inserted: z.number().int().openapi({ example: 1 }),
    updated: z.number().int().openapi({ example: 0 }),
    unchanged: z.number().int().openapi({ example: 0 }),
    repriced_messages: z.number().int().openapi({ example: 3, description: "Messages whose credits changed" }),
    version: writeVersionField("credits"),
  })
  .openapi("ReportWriteResult");

export const BillingPeriodInputSchema = z
  .object({
    start: instant("Start of the period, inclusive", "2024-04-29T00:00:00Z"),
    end: instant("End of the period, exclusive", "2024-05-29T00:00:00Z"),
  })
  .superRefine(instantWindow("start", "end"))
  .openapi("BillingPeriodInput", { example: { start: "2024-04-29T00:00:00Z", end: "2024-05-29T00:00:00Z" } });

export const BillingPeriodSchema = z
  .object({
    start: z.string().openapi({ example: "2024-04-29T00:00:00Z" }),
    end: z.string().openapi({ example: "2024-05-29T00:00:00Z" }),
  })
  .openapi("BillingPeriod");

export const BillingPeriodWriteResultSchema = BillingPeriodSchema.extend({ version: writeVersionField("credits") }).openapi(
  "BillingPeriodWriteResult",
);

export const UsageRowSchema = z
  .object({
    message_id: z.number().int().openapi({ example: 1000 }),
    timestamp: z.string().openapi({ example: "2024-04-29T02:08:29.375Z" }),
    report_name: z
      .string()
      .optional()
      .openapi({ example: "Tenant Obligations Report", description: "Only when the message has a known report" }),
    credits_used: z.number().openapi({ example: 79 }),
  })
  .openapi("UsageRow");

export const CompatUsageSchema = z.object({ usage: z.array(UsageRowSchema) }).openapi("Usage");

const windowQuery = (name: "from" | "to", description: string, example: string) =>
  instantString(example).openapi({ param: { name, in: "query", description }, example });

export const MAX_WINDOW_DAYS = 3660;

export const UsageWindowQuerySchema = z
  .object({
    from: windowQuery("from", "Window start, inclusive (ISO 8601 with an offset).", "2024-04-29T00:00:00Z"),
    to: windowQuery("to", `Window end, exclusive; after \`from\`, at most ${MAX_WINDOW_DAYS} days later.`, "2024-05-06T00:00:00Z"),
  })
  .superRefine(instantWindow("from", "to", MAX_WINDOW_DAYS));

export const UsageTotalsSchema = z
  .object({
    messages: z.number().int().openapi({ example: 19 }),
    credits: z.number().openapi({ example: 712.4 }),
    by_report: z.array(
      z.object({
        report_name: z.string().nullable().openapi({ example: "Tenant Obligations Report", description: "null: priced from text" }),
        messages: z.number().int().openapi({ example: 2 }),
        credits: z.number().openapi({ example: 158 }),
      }),
    ),
  })
  .openapi("UsageTotals");

export const WindowUsageSchema = z
  .object({
    from: z.string().openapi({ example: "2024-04-29T00:00:00Z" }),
    to: z.string().openapi({ example: "2024-05-06T00:00:00Z" }),
    totals: UsageTotalsSchema,
    usage: z.array(UsageRowSchema),
  })
  .openapi("WindowUsage");

export const DailyUsageSchema = z
  .object({
    from: z.string().openapi({ example: "2024-04-29T00:00:00Z" }),
    to: z.string().openapi({ example: "2024-05-06T00:00:00Z" }),
    days: z.array(
      z.object({
        date: z.string().openapi({ example: "2024-04-29" }),
        messages: z.number().int().openapi({ example: 17 }),
        credits: z.number().openapi({ example: 402.35 }),
      }),
    ),
  })
  .openapi("DailyUsage");

export const QuoteInputSchema = z
  .object({
    text: wellFormedString().max(MAX_TEXT_LENGTH).optional().openapi({ example: "orbital latibro" }),
    report_id: z.number().int().min(0).nullable().optional().openapi({ example: 5392 }),
  })
  .refine((q) => q.text !== undefined || (q.report_id !== undefined && q.report_id !== null), {
    message: "give `text`, `report_id`, or both",
    path: ["text"],
  })
  .openapi("QuoteInput", { example: { text: "orbital latibro" } });

const RuleSchema = z.object({
  rule: z.string().openapi({ example: "characters" }),
  description: z.string().openapi({ example: "+0.05 per character (15 characters)" }),
  credits: z.number().openapi({ example: 0.75 }),
});

export const QuoteSchema = z
  .object({
    credits: z.number().openapi({ example: 2.1 }),
    priced_by: z.enum(["report", "text"]).openapi({ example: "text" }),
    report: z.object({ id: z.number().int(), name: z.string(), credit_cost: z.number() }).optional(),
    unknown_report_id: z.number().int().optional().openapi({ description: "The report id given, unknown, so the text was priced" }),
    rules: z.array(RuleSchema).openapi({ description: "Each text rule's amount, in order; empty when a report sets the price" }),
  })
  .openapi("CreditQuote");

export const MessageDetailSchema = z
  .object({
    id: z.number().int().openapi({ example: 1104 }),
    timestamp: z.string().openapi({ example: "2024-04-30T11:50:00.000Z" }),
    text: z.string().openapi({ example: "orbital latibro" }),
    report_id: z.number().int().nullable().openapi({ example: null }),
    credits_used: z.number().openapi({ example: 2.1 }),
    quote: QuoteSchema,
  })
  .openapi("Message");

export type MessageInput = z.infer<typeof MessageInputSchema>;
export type ReportInput = z.infer<typeof ReportInputSchema>;
