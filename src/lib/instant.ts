/**
 * Instants as the insights API speaks them: ISO 8601 with an explicit offset
 * (`2024-04-01T00:00:00Z`, `2024-04-01T02:00:00+02:00`, fractional seconds
 * allowed), held as epoch milliseconds.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string): number | undefined {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const fraction = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second > 59) return undefined;
  if (day! > new Date(Date.UTC(year!, month!, 0)).getUTCDate()) return undefined;
  let offsetMinutes = 0;
  if (match[8] !== "Z") {
    const sign = match[8]!.startsWith("-") ? -1 : 1;
    const [oh, om] = match[8]!.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second, fraction) - offsetMinutes * 60_000;
}

/** ISO 8601 in UTC, without milliseconds when there are none. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MAX_WINDOW_DAYS = 366;
