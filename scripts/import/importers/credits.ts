import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type ApiClient, ApiError } from "../../lib/api-client";
import type { ImportSummary, IngestCounts } from "../import-summary";
import type { Importer } from "../importers";
import type { Progress } from "../progress";
import { indexUnder, sendInBatches } from "../send-batches";

export const MESSAGES_BATCH_SIZE = 5_000;

interface MessageRow {
  message: unknown;
  source: string;
}

export interface CreditsFiles {
  messages?: string;
  reports?: string;
  /** `{start, end}` of the billing period to set, if any. */
  period?: string;
}

/** The origin's files say what they hold by their top-level key, so their order on the command line does not matter. */
export function classifyCreditsFiles(paths: string[]): CreditsFiles {
  const files: CreditsFiles = {};
  for (const path of paths) {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    if (Array.isArray(parsed.messages)) files.messages = path;
    else if (Array.isArray(parsed.reports)) files.reports = path;
    else if (typeof parsed.start === "string" && typeof parsed.end === "string") files.period = path;
    else throw new Error(`${path} holds neither {"messages": [...]}, {"reports": [...]} nor {"start", "end"}`);
  }
  return files;
}

/** Sends messages in the origin's format in batches; rows the server refuses are rejected by their index in the file. */
export async function sendMessages(
  client: ApiClient,
  messages: readonly unknown[],
  summary: ImportSummary,
  options: { batchSize?: number; progress?: Progress; sourceName?: string; concurrency?: number } = {},
): Promise<void> {
  const rows: MessageRow[] = messages.map((message, i) => ({ message, source: `${options.sourceName ?? "messages"} message ${i}` }));
  await sendInBatches({
    rows,
    batchSize: options.batchSize ?? MESSAGES_BATCH_SIZE,
    concurrency: options.concurrency,
    summary,
    progress: options.progress,
    describe: (row) => row.source,
    rowIndex: indexUnder("messages"),
    send: async (batch) => (await client.post<IngestCounts>("/v1/messages", { messages: batch.map((row) => row.message) })).body,
  });
}

/** Reports first, so messages that name them are priced by report at ingest; then messages in batches. */
export async function importCreditsFiles(
  client: ApiClient,
  files: CreditsFiles,
  summary: ImportSummary,
  options: { batchSize?: number; progressFor?: (label: string, total: number) => Progress | undefined } = {},
): Promise<void> {
  if (files.reports) {
    const { reports } = JSON.parse(readFileSync(files.reports, "utf8")) as { reports: unknown[] };
    try {
      const result = await client.post<{ inserted: number; updated: number; unchanged: number }>("/v1/reports", { reports });
      summary.add(result.body);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 422) throw error;
      for (const item of error.problem?.errors ?? []) summary.reject(`${basename(files.reports)} ${item.pointer}`, item.detail);
    }
  }
  if (files.messages) {
    const name = basename(files.messages);
    const { messages } = JSON.parse(readFileSync(files.messages, "utf8")) as { messages: unknown[] };
    const progress = options.progressFor?.("credits messages", messages.length);
    await sendMessages(client, messages, summary, { batchSize: options.batchSize, progress, sourceName: name });
    progress?.finish();
  }
  if (files.period) {
    const period = JSON.parse(readFileSync(files.period, "utf8")) as { start: string; end: string };
    await client.put("/v1/billing-periods/current", period);
  }
}

export const creditsImporter: Importer = {
  service: "credits",
  usage:
    "<messages.json> [reports.json] [period.json]   " +
    '(the origin\'s {"messages": [...]} and {"reports": [...]}; {start, end} sets the billing period)',
  async run(ctx) {
    if (ctx.args.files.length === 0) throw new Error(`credits needs files: ${this.usage}`);
    await importCreditsFiles(ctx.client, classifyCreditsFiles(ctx.args.files), ctx.summary, {
      batchSize: ctx.args.batchSize,
      progressFor: ctx.progress,
    });
  },
};
