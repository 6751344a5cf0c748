import type { Context } from "hono";
import { findRepeats } from "../../lib/batch-repeats";
import { database } from "../../lib/db";
import { declaredBody } from "../../lib/http-cache";
import { formatInstant, parseInstant } from "../../lib/instant";
import { type FieldError, ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { isWriteConflict } from "../../lib/write-conflict";
import type { NewMessage, ReportRow } from "./credits.repository";
import * as repository from "./credits.repository";
import type {
  ComputeQuoteRoute,
  GetBillingPeriodRoute,
  GetCompatUsageRoute,
  GetDailyUsageRoute,
  GetMessageRoute,
  GetUsageRoute,
  IngestMessagesRoute,
  IngestReportsRoute,
  ListReportsRoute,
  PutBillingPeriodRoute,
  PutReportRoute,
} from "./credits.routes";
import type { MessageInput, ReportInput } from "./credits.schemas";
import { creditsCacheFor, type RenderedUsage } from "./credits-cache";
import { dayOf, everyDay } from "./daily-usage";
import { messageDetail } from "./message-detail";
import { quoteMessage } from "./quote";
import { priceText, toCredits, toHundredths } from "./text-pricing";
import { CACHEABLE_MESSAGES, chooseEncoding, collect, compress, streamOf, usageChunks } from "./usage-body";

/** The origin's client-side cache time for /usage. */
const USAGE_CACHE_CONTROL = "max-age=60";

function respondUsage(c: Context, rendered: RenderedUsage): Response {
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": USAGE_CACHE_CONTROL, Vary: "Accept-Encoding" };
  const encoding = chooseEncoding(c.req.header("Accept-Encoding"));
  if (encoding) {
    // Compressed once per data version; "manual" tells workerd the body is already encoded.
    return new Response(rendered.encoded[encoding], { headers: { ...headers, "Content-Encoding": encoding }, encodeBody: "manual" });
  }
  return new Response(rendered.json, { headers });
}

export const getCompatUsage: AppRouteHandler<GetCompatUsageRoute> = async (c) => {
  const cache = creditsCacheFor(c.env.DB);
  const snapshot = await cache.get(c.env.DB);
  const period = snapshot.period;
  if (!period)
    throw new ProblemError("not-found", { detail: "No current billing period is set: PUT /v1/billing-periods/current sets one" });
  const rendered = await cache.renderedFor(snapshot, "usage", async () => {
    if ((await repository.countInWindow(c.env.DB, period.startMs, period.endMs)) > CACHEABLE_MESSAGES) return null;
    const json = await collect(usageChunks(c.env.DB, period.startMs, period.endMs, '{"usage":[', "]}"));
    return { json, encoded: compress(json) };
  });
  if (rendered) return declaredBody(respondUsage(c, rendered));
  return declaredBody(
    new Response(streamOf(usageChunks(c.env.DB, period.startMs, period.endMs, '{"usage":[', "]}")), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": USAGE_CACHE_CONTROL },
    }),
  );
};

function windowOf(query: { from: string; to: string }) {
  const from = parseInstant(query.from)!;
  const to = parseInstant(query.to)!;
  return { from, to, fromText: formatInstant(from), toText: formatInstant(to) };
}

export const getUsage: AppRouteHandler<GetUsageRoute> = async (c) => {
  const window = windowOf(c.req.valid("query"));
  const groups = await repository.usageTotals(c.env.DB, window.from, window.to);
  const totals = {
    messages: groups.reduce((sum, g) => sum + g.messages, 0),
    credits: toCredits(groups.reduce((sum, g) => sum + g.credits, 0)),
    by_report: groups.map((g) => ({ report_name: g.reportName, messages: g.messages, credits: toCredits(g.credits) })),
  };
  const bounds = `"from":${JSON.stringify(window.fromText)},"to":${JSON.stringify(window.toText)}`;
  const prefix = `{${bounds},"totals":${JSON.stringify(totals)},"usage":[`;
  return declaredBody(
    new Response(streamOf(usageChunks(c.env.DB, window.from, window.to, prefix, "]}")), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" },
    }),
  );
};

export const getDailyUsage: AppRouteHandler<GetDailyUsageRoute> = async (c) => {
  const window = windowOf(c.req.valid("query"));
  const totals = await repository.dailyTotals(c.env.DB, window.from, window.to);
  const days = everyDay(totals, dayOf(window.from), dayOf(window.to - 1));
  return c.json({ from: window.fromText, to: window.toText, days }, 200);
};

export const computeQuote: AppRouteHandler<ComputeQuoteRoute> = async (c) => {
  const { text, report_id } = c.req.valid("json");
  const reports = report_id === undefined || report_id === null ? new Map() : await repository.reportsById(database(c.env.DB), [report_id]);
  const quoted = quoteMessage(text, report_id, report_id === undefined || report_id === null ? undefined : reports.get(report_id));
  if (!quoted) throw new ProblemError("not-found", { detail: `No report with id ${report_id}, and no text to price instead` });
  return c.json(quoted, 200);
};

export const getMessage: AppRouteHandler<GetMessageRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const detail = await messageDetail(c.env.DB, id);
  if (!detail) throw new ProblemError("not-found", { detail: `No message with id ${id}` });
  return c.json(detail, 200);
};

const sameMessage = (a: MessageInput, b: MessageInput) =>
  a.timestamp === b.timestamp && a.text === b.text && (a.report_id ?? null) === (b.report_id ?? null);

export const ingestMessages: AppRouteHandler<IngestMessagesRoute> = async (c) => {
  const { messages } = c.req.valid("json");
  const { unique, firstIndex, clashes } = findRepeats(messages, (message) => message.id, sameMessage);
  const errors: FieldError[] = clashes.map(({ index, first }) => ({
    pointer: `/messages/${index}/id`,
    location: "body",
    detail: `id ${messages[index]!.id} also at /messages/${first} with other content`,
  }));
  if (errors.length > 0)
    throw new ProblemError("validation", { detail: "the batch repeats ids with different content; nothing was written", errors });

  const rows: NewMessage[] = unique.map((m) => ({
    id: m.id,
    timestamp: m.timestamp,
    ts: parseInstant(m.timestamp)!,
    text: m.text,
    reportId: m.report_id ?? null,
    textCredits: priceText(m.text).total,
  }));
  let written: { inserted: number; version: number };
  try {
    written = await repository.insertMessages(c.env.DB, rows);
  } catch (error) {
    if (!isWriteConflict(error)) throw error;
    const conflicts = await repository.conflictingMessages(c.env.DB, rows);
    throw new ProblemError("conflict", {
      detail: `${conflicts.length || "Some"} message ids are already stored with other content; nothing was written`,
      errors: conflicts.map((id) => ({
        pointer: `/messages/${firstIndex.get(id)}/id`,
        location: "body",
        detail: `message ${id} is stored with another timestamp, text or report id`,
      })),
    });
  }
  creditsCacheFor(c.env.DB).invalidate();
  return c.json(
    {
      received: messages.length,
      inserted: written.inserted,
      updated: 0,
      unchanged: messages.length - written.inserted,
      version: written.version,
    },
    200,
  );
};

async function writeReports(c: Context, input: ReportInput[]) {
  const rows: ReportRow[] = input.map((r) => ({ id: r.id, name: r.name, creditCost: toHundredths(r.credit_cost) }));
  const { repriced, ...counts } = await repository.upsertReports(c.env.DB, rows);
  creditsCacheFor(c.env.DB).invalidate();
  return { ...counts, repriced_messages: repriced };
}

export const ingestReports: AppRouteHandler<IngestReportsRoute> = async (c) => {
  const { reports } = c.req.valid("json");
  const { clashes } = findRepeats(
    reports,
    (report) => report.id,
    (first, later) => first.name === later.name && first.credit_cost === later.credit_cost,
  );
  const errors: FieldError[] = clashes.map(({ index, first }) => ({
    pointer: `/reports/${index}/id`,
    location: "body",
    detail: `report ${reports[index]!.id} also at /reports/${first} with other content`,
  }));
  if (errors.length > 0)
    throw new ProblemError("validation", { detail: "the batch repeats report ids with different content; nothing was written", errors });
  return c.json(await writeReports(c, reports), 200);
};

export const putReport: AppRouteHandler<PutReportRoute> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await writeReports(c, [{ id, ...c.req.valid("json") }]), 200);
};

export const listReports: AppRouteHandler<ListReportsRoute> = async (c) => {
  const reports = await repository.listReports(c.env.DB);
  return c.json(
    { reports: reports.map((r) => ({ id: r.id, name: r.name, credit_cost: toCredits(r.creditCost), messages: r.messages })) },
    200,
  );
};

export const getBillingPeriod: AppRouteHandler<GetBillingPeriodRoute> = async (c) => {
  const period = await repository.currentPeriod(database(c.env.DB));
  if (!period) throw new ProblemError("not-found", { detail: "No current billing period is set" });
  return c.json({ start: period.start, end: period.end }, 200);
};

export const putBillingPeriod: AppRouteHandler<PutBillingPeriodRoute> = async (c) => {
  const { start, end } = c.req.valid("json");
  const version = await repository.setCurrentPeriod(c.env.DB, { start, end, startMs: parseInstant(start)!, endMs: parseInstant(end)! });
  creditsCacheFor(c.env.DB).invalidate();
  return c.json({ start, end, version }, 200);
};
