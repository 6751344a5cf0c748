import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { normalizeNaiveTimestamp } from "../../../src/features/peaks/naive-timestamp";
import { type ApiClient, ApiError } from "../../lib/api-client";
import { parseCsv } from "../csv";
import type { ImportSummary, IngestCounts } from "../import-summary";
import type { Importer } from "../importers";
import type { Progress } from "../progress";
import { indexUnder, sendInBatches } from "../send-batches";

export const PEAKS_BATCH_SIZE = 10_000;

export interface MarketInput {
  id: number;
  name: string;
  source: string;
}

export interface PeaksReadingRow {
  marketId: number;
  timestamp: string;
  usage_kw: number;
  source: string;
}

/** Markets of a `id,name` CSV; bad rows are rejected with their line. */
export function parseMarketsCsv(text: string, file: string, summary: ImportSummary): MarketInput[] {
  const { records, errors } = parseCsv(text);
  for (const error of errors) summary.reject(`${file} line ${error.line}`, error.reason);
  const markets: MarketInput[] = [];
  for (const { line, values } of records) {
    const id = Number(values.id);
    if (values.id === undefined || !/^\d+$/.test(values.id.trim()) || !Number.isSafeInteger(id)) {
      summary.reject(`${file} line ${line}`, `id '${values.id ?? ""}' is not a non-negative integer`);
    } else if (!values.name?.trim()) {
      summary.reject(`${file} line ${line}`, "name is empty");
    } else {
      markets.push({ id, name: values.name.trim(), source: `${file} line ${line}` });
    }
  }
  return markets;
}

/** Readings of a `market_id,timestamp,usage_kw` CSV, grouped by market; bad rows are rejected with their line. */
export function parseUsageCsv(text: string, file: string, knownMarkets: ReadonlySet<number>, summary: ImportSummary): PeaksReadingRow[] {
  const { records, errors } = parseCsv(text);
  for (const error of errors) summary.reject(`${file} line ${error.line}`, error.reason);
  const rows: PeaksReadingRow[] = [];
  for (const { line, values } of records) {
    const source = `${file} line ${line}`;
    const marketId = Number(values.market_id);
    const timestamp = normalizeNaiveTimestamp(values.timestamp ?? "");
    const usage = Number(values.usage_kw);
    if (!/^\d+$/.test(values.market_id ?? "") || !knownMarkets.has(marketId)) {
      summary.reject(source, `market_id '${values.market_id ?? ""}' is not a market of the markets file`);
    } else if (!timestamp) {
      summary.reject(source, `timestamp '${values.timestamp ?? ""}' is not YYYY-MM-DD HH:MM:SS`);
    } else if (values.usage_kw?.trim() === "" || !Number.isFinite(usage) || usage < 0) {
      summary.reject(source, `usage_kw '${values.usage_kw ?? ""}' is not a non-negative number`);
    } else {
      rows.push({ marketId, timestamp, usage_kw: usage, source });
    }
  }
  return rows.sort((a, b) => a.marketId - b.marketId);
}

/** Creates each market (idempotent); a market the server refuses is rejected, and its readings with it. */
export async function createMarkets(client: ApiClient, markets: readonly MarketInput[], summary: ImportSummary): Promise<Set<number>> {
  const created = new Set<number>();
  for (const market of markets) {
    try {
      const response = await client.post("/v1/markets", { id: market.id, name: market.name });
      summary.add(response.status === 201 ? { inserted: 1 } : { unchanged: 1 });
      created.add(market.id);
    } catch (error) {
      if (!(error instanceof ApiError) || ![409, 422].includes(error.status)) throw error;
      summary.reject(market.source, error.problem?.detail ?? error.message);
    }
  }
  return created;
}

export interface SendReadingsOptions {
  batchSize?: number;
  progress?: Progress;
  concurrency?: number;
}

export async function sendReadings(
  client: ApiClient,
  rows: PeaksReadingRow[],
  summary: ImportSummary,
  options: SendReadingsOptions = {},
): Promise<void> {
  await sendInBatches({
    rows,
    batchSize: options.batchSize ?? PEAKS_BATCH_SIZE,
    concurrency: options.concurrency,
    groupOf: (row) => row.marketId,
    summary,
    progress: options.progress,
    describe: (row) => row.source,
    rowIndex: indexUnder("readings"),
    send: async (batch) => {
      const readings = batch.map((row) => ({ timestamp: row.timestamp, usage_kw: row.usage_kw }));
      const response = await client.post<IngestCounts>(`/v1/markets/${batch[0]!.marketId}/readings`, { readings });
      return response.body;
    },
  });
}

/** The whole import of a markets file and a usage file. */
export async function importPeaksFiles(
  client: ApiClient,
  files: { markets: string; usage: string },
  summary: ImportSummary,
  options: { batchSize?: number; progressFor?: (label: string, total: number) => Progress | undefined } = {},
): Promise<void> {
  const markets = parseMarketsCsv(readFileSync(files.markets, "utf8"), basename(files.markets), summary);
  const created = await createMarkets(client, markets, summary);
  const rows = parseUsageCsv(readFileSync(files.usage, "utf8"), basename(files.usage), created, summary);
  const progress = options.progressFor?.("peaks readings", rows.length);
  await sendReadings(client, rows, summary, { batchSize: options.batchSize, progress });
  progress?.finish();
}

export const peaksImporter: Importer = {
  service: "peaks",
  usage: "<markets.csv> <usage.csv>   (id,name and market_id,timestamp,usage_kw; timestamps YYYY-MM-DD HH:MM:SS)",
  async run(ctx) {
    const [markets, usage, ...extra] = ctx.args.files;
    if (!markets || !usage || extra.length > 0) throw new Error(`peaks needs two files: ${this.usage}`);
    await importPeaksFiles(ctx.client, { markets, usage }, ctx.summary, { batchSize: ctx.args.batchSize, progressFor: ctx.progress });
  },
};
