import { parseInstant } from "../../../src/lib/instant";
import type { ApiClient } from "../../lib/api-client";
import type { ImportSummary, IngestCounts } from "../import-summary";
import type { Progress } from "../progress";
import { indexUnder, sendInBatches } from "../send-batches";

/** The server's ceiling per request, and the fastest size: fewer, larger D1 batches. */
export const INSIGHTS_BATCH_SIZE = 50_000;

/** One item of the monolith's time-series array, as POST /v1/insights/readings takes it. */
export interface TimeseriesReading {
  duid: string;
  circuit_number: number;
  timestamp: string;
  power_watts: number;
}

export interface ReadingsResult extends IngestCounts {
  received: number;
  circuits: number;
}

export interface ParsedReadings {
  readings: TimeseriesReading[];
  /** Names a reading by its place in the file, for rejections. */
  describe(reading: TimeseriesReading): string;
}

/** Why an item cannot be a reading, or the reading it is. */
export function toReading(item: unknown): TimeseriesReading | string {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "is not an object";
  const { duid, circuit_number, timestamp, power_watts } = item as Record<string, unknown>;
  if (typeof duid !== "string" || duid.trim() === "") return "duid is not a non-empty string";
  if (typeof circuit_number !== "number" || !Number.isInteger(circuit_number) || circuit_number < 0) {
    return `circuit_number ${JSON.stringify(circuit_number)} is not a non-negative integer`;
  }
  if (typeof timestamp !== "string" || parseInstant(timestamp) === undefined) {
    return `timestamp ${JSON.stringify(timestamp)} is not ISO 8601 with an offset (e.g. 2024-04-01T00:00:00Z)`;
  }
  if (typeof power_watts !== "number" || !Number.isFinite(power_watts) || power_watts < 0) {
    return `power_watts ${JSON.stringify(power_watts)} is not a non-negative number`;
  }
  return { duid, circuit_number, timestamp, power_watts };
}

/**
 * "<file> item N", N being the item's index in the file's array (what a
 * JSON pointer or `jq '.[N]'` names). The lookup is built only when a row is
 * refused, so a clean million-row import pays nothing for it.
 */
export function itemDescriber(
  readings: readonly TimeseriesReading[],
  file: string,
  positions?: readonly number[],
): (reading: TimeseriesReading) => string {
  let index: Map<TimeseriesReading, number> | undefined;
  return (reading) => {
    index ??= new Map(readings.map((r, i) => [r, positions?.[i] ?? i]));
    return `${file} item ${index.get(reading) ?? "?"}`;
  };
}

/**
 * The readings of a time-series file (one JSON array). Malformed items, and
 * items of sensors whose metadata row was rejected, are rejected here with
 * their index; a file that is not a JSON array cannot be imported at all.
 */
export function parseReadingsJson(
  text: string,
  file: string,
  summary: ImportSummary,
  rejectedDuids: ReadonlySet<string> = new Set(),
): ParsedReadings {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw new Error(`${file} must hold one JSON array of readings`);
  const readings: TimeseriesReading[] = [];
  const positions: number[] = [];
  items.forEach((item: unknown, i) => {
    const reading = toReading(item);
    if (typeof reading === "string") summary.reject(`${file} item ${i}`, reading);
    else if (rejectedDuids.has(reading.duid)) summary.reject(`${file} item ${i}`, `sensor ${reading.duid} was rejected with the metadata`);
    else {
      readings.push(reading);
      positions.push(i);
    }
  });
  return { readings, describe: itemDescriber(readings, file, positions) };
}

export interface SendReadingsOptions {
  batchSize?: number;
  concurrency?: number;
  progress?: Progress;
  describe?: (reading: TimeseriesReading) => string;
}

/** Sends readings in batches of at most 50,000; a 422 names items as "/<index>/<field>" of the batch. */
export async function sendReadings(
  client: ApiClient,
  readings: TimeseriesReading[],
  summary: ImportSummary,
  options: SendReadingsOptions = {},
): Promise<void> {
  await sendInBatches({
    rows: readings,
    batchSize: Math.min(options.batchSize ?? INSIGHTS_BATCH_SIZE, INSIGHTS_BATCH_SIZE),
    concurrency: options.concurrency,
    summary,
    progress: options.progress,
    describe: options.describe ?? itemDescriber(readings, "readings"),
    rowIndex: indexUnder(""),
    send: async (batch) => (await client.post<ReadingsResult>("/v1/insights/readings", batch)).body,
  });
}
