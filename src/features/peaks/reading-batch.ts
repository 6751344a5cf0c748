import { findRepeats } from "../../lib/batch-repeats";
import type { FieldError } from "../../lib/problem";
import { normalizeNaiveTimestamp } from "./naive-timestamp";
import type { PeakReading } from "./peak-order";
import type { ReadingInput } from "./peaks.schemas";

/**
 * Normalizes timestamps and folds exact repeats within the batch; the same
 * timestamp twice with different values is ambiguous, so it is a 422.
 */
export function uniqueReadings(rows: readonly ReadingInput[]): { rows: PeakReading[]; repeats: number; errors: FieldError[] } {
  const readings = rows.map((row) => ({ timestamp: normalizeNaiveTimestamp(row.timestamp)!, usage_kw: row.usage_kw }));
  const { unique, repeats, clashes } = findRepeats(
    readings,
    (reading) => reading.timestamp,
    (first, later) => first.usage_kw === later.usage_kw,
  );
  const errors: FieldError[] = clashes.map(({ index, first }) => ({
    pointer: `/readings/${index}/timestamp`,
    location: "body",
    detail:
      `${readings[index]!.timestamp} also appears at /readings/${first} with usage_kw ${readings[first]!.usage_kw}: ` +
      "send one value per timestamp",
  }));
  return { rows: unique, repeats, errors };
}
