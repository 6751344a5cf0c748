import { ApiError } from "../lib/api-client";
import type { ImportSummary, IngestCounts } from "./import-summary";
import type { Progress } from "./progress";

export interface BatchSenderOptions<Row> {
  rows: Row[];
  batchSize: number;
  /** Sends one batch to the ingest endpoint and returns what it reports. */
  send(batch: Row[]): Promise<Partial<IngestCounts>>;
  /** Where a row came from, for rejection reasons ("usage.csv line 12"). */
  describe(row: Row): string;
  /** The batch index a problem's JSON pointer refers to ("/readings/7/usage_kw" → 7), if any. */
  rowIndex(pointer: string): number | undefined;
  summary: ImportSummary;
  progress?: Progress;
  /** Batches in flight at once (default 2: one encodes while the other is stored). */
  concurrency?: number;
  /** Rows of different groups (e.g. markets) never share a batch; rows must arrive grouped. */
  groupOf?: (row: Row) => string | number;
}

/** Consecutive rows cut into batches of at most `size`, never mixing groups. */
export function toBatches<Row>(rows: readonly Row[], size: number, groupOf?: (row: Row) => string | number): Row[][] {
  const batches: Row[][] = [];
  let current: Row[] = [];
  for (const row of rows) {
    const full = current.length >= size;
    const newGroup = groupOf !== undefined && current.length > 0 && groupOf(current[0]!) !== groupOf(row);
    if (full || newGroup) {
      batches.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Status codes the server uses to refuse specific rows: the rest of the batch can still go in. */
const ROW_LEVEL = new Set([409, 422]);

/**
 * Sends rows in batches. When the server refuses a batch naming its bad
 * rows, those rows are recorded as rejected and the rest is sent again, so
 * one bad row never costs its neighbours. A batch too large for the server
 * (413) is split in two. Any other failure aborts the import.
 */
export async function sendInBatches<Row>(options: BatchSenderOptions<Row>): Promise<void> {
  const batches = toBatches(options.rows, options.batchSize, options.groupOf);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await sendOne(batch, options);
      options.progress?.advance(batch.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
}

async function sendOne<Row>(batch: Row[], options: BatchSenderOptions<Row>): Promise<void> {
  let pending = batch;
  // Each round either stores the batch or removes the rows the server named (it may list only some of them), so this ends.
  while (pending.length > 0) {
    try {
      options.summary.add(await options.send(pending));
      return;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 413 && pending.length > 1) {
        const half = Math.ceil(pending.length / 2);
        await sendOne(pending.slice(0, half), options);
        await sendOne(pending.slice(half), options);
        return;
      }
      if (!ROW_LEVEL.has(error.status)) throw error;
      pending = rejectNamedRows(pending, error, options);
    }
  }
}

function rejectNamedRows<Row>(batch: Row[], error: ApiError, options: BatchSenderOptions<Row>): Row[] {
  const reasons = new Map<number, string[]>();
  for (const item of error.problem?.errors ?? []) {
    const index = options.rowIndex(item.pointer);
    if (index === undefined || index < 0 || index >= batch.length) continue;
    reasons.set(index, [...(reasons.get(index) ?? []), `${item.pointer}: ${item.detail}`]);
  }
  if (reasons.size === 0) {
    // The server named no row: the whole batch is refused for one reason.
    const reason = error.problem?.detail ?? error.message;
    for (const row of batch) options.summary.reject(options.describe(row), reason);
    return [];
  }
  for (const [index, why] of reasons) options.summary.reject(options.describe(batch[index]!), why.join("; "));
  return batch.filter((_, index) => !reasons.has(index));
}

/** rowIndex for endpoints whose rows live in an array property: "/readings/7/x" → 7. */
export function indexUnder(property: string): (pointer: string) => number | undefined {
  const prefix = property ? `/${property}/` : "/";
  return (pointer) => {
    if (!pointer.startsWith(prefix)) return undefined;
    const index = Number(pointer.slice(prefix.length).split("/")[0]);
    return Number.isInteger(index) ? index : undefined;
  };
}
