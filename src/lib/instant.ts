/**
 * Instants as the API speaks them: ISO 8601 with an explicit offset
 * (`2024-04-01T00:00:00Z`, `2024-04-01T02:00:00+02:00`, fractional seconds
 * allowed), held as epoch milliseconds.
 *
 * Supported: every instant from 0000-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z, the range whose UTC form has a 4-digit year
 * (ISO 8601 §4.1.2.1 needs an agreed expansion beyond it), to the
 * millisecond. Anything else is refused, never shifted or truncated.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MAX_WINDOW_DAYS = 366;

/** Proleptic Gregorian leap years, year 0 included (ISO 8601 counts it as 1 BC). */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** True when year-month-day names a real calendar date of years 0000–9999. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a calendar day written `YYYY-MM-DD` that exists (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Epoch milliseconds of a UTC date and time. `Date.UTC` reads years 0–99 as
 * 1900–1999 (ECMA-262 §21.4.3.4, MakeFullYear), so the year is set on its own.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

export const MIN_INSTANT_MS = utcMs(0, 1, 1);
export const MAX_INSTANT_MS = utcMs(9999, 12, 31, 23, 59, 59, 999);

/** Why a text is not an instant: not the shape or no real date, finer than a millisecond, or outside 0000–9999 UTC. */
export type InstantProblem = "format" | "precision" | "range";

export type InstantReading = { ok: true; ms: number } | { ok: false; problem: InstantProblem };

export function readInstant(text: string): InstantReading {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return { ok: false, problem: "format" };
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return { ok: false, problem: "format" };
  const digits = (match[7] ?? "").padEnd(9, "0");
  // Stored as epoch ms: a non-zero digit past the third would be dropped silently.
  if (/[1-9]/.test(digits.slice(3))) return { ok: false, problem: "precision" };
  let offsetMinutes = 0;
  if (match[8] !== "Z") {
    const sign = match[8]!.startsWith("-") ? -1 : 1;
    const [oh, om] = match[8]!.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return { ok: false, problem: "format" };
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = utcMs(year, month, day, hour, minute, second, Number(digits.slice(0, 3))) - offsetMinutes * MINUTE_MS;
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return { ok: false, problem: "range" };
  return { ok: true, ms };
}

/** Epoch ms of an instant, or undefined when it is not one the API accepts. */
export function parseInstant(text: string): number | undefined {
  const reading = readInstant(text);
  return reading.ok ? reading.ms : undefined;
}

/**
 * ISO 8601 in UTC, without milliseconds when there are none. Within the
 * supported range `toISOString` writes the year with 4 digits, 0000 included.
 */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
