import { isIsoDay, isRealDate } from "../../lib/instant";

/**
 * Naive (zone-less) market-local timestamps, as the peaks source writes them:
 * `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, years 0000–9999, whole
 * seconds. Stored and returned in the `T` form, whose text order is time order.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** The `T` form of a naive timestamp, or undefined when it is not one (or names no real instant, like Feb 30). */
export function normalizeNaiveTimestamp(text: string): string | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
}

/** A window bound: a full naive timestamp, or a date meaning its midnight. */
export function normalizeWindowBound(text: string): string | undefined {
  if (text.length === "YYYY-MM-DD".length) return isIsoDay(text) ? `${text}T00:00:00` : undefined;
  return normalizeNaiveTimestamp(text);
}
