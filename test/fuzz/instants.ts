import fc from "fast-check";

/**
 * Instants the way the API's fields spell them, recognised from a field's
 * example, generated at the edges (years 0000–0099, before 1970, leap days,
 * every offset from −12:00 to +14:00, fractional seconds) and parsed without
 * `Date.UTC`, which reads years 0–99 as 1900–1999.
 */
export type InstantShape = "instant" | "naive" | "date";

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Which kind of instant an example is, if any. */
export function shapeOf(example: unknown): InstantShape | undefined {
  if (typeof example !== "string") return undefined;
  if (INSTANT.test(example)) return "instant";
  if (NAIVE.test(example)) return "naive";
  if (DATE.test(example)) return "date";
  return undefined;
}

/** Milliseconds since the epoch of a civil UTC time, exact for every year 0000–9999. */
export function civilMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The instant an ISO 8601 string with an offset names, in ms (sub-ms digits dropped), or undefined. */
export function instantMs(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const ms = fraction ? Number(fraction.padEnd(3, "0").slice(0, 3)) : 0;
  const local = civilMs(+y!, +mo!, +d!, +h!, +mi!, +s!, ms);
  if (zone === "Z") return local;
  const sign = zone!.startsWith("-") ? -1 : 1;
  const offsetMinutes = sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  return local - offsetMinutes * 60_000;
}

/** Zone-less "YYYY-MM-DD HH:MM:SS" (or date only, or the T form) as one comparable spelling. */
export function naiveKey(text: string): string | undefined {
  const match = NAIVE.exec(text) ?? DATE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** ISO 8601 in UTC with four-digit years, also for years 0000–0099 (toISOString does this too, but says so nowhere). */
export function isoUtc(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

export function naiveOf(ms: number): string {
  return isoUtc(ms).slice(0, 19);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const yearArb = fc.oneof(
  fc.integer({ min: 0, max: 99 }),
  fc.integer({ min: 1600, max: 1969 }),
  fc.constantFrom(1969, 1970, 1999, 2000, 2024, 2100, 9999),
  fc.integer({ min: 1970, max: 2100 }),
);

/** Offsets in use somewhere, from −12:00 to +14:00, including the odd quarter hours. */
export const OFFSETS = [
  "Z",
  "-12:00",
  "-09:30",
  "-03:00",
  "-00:00",
  "+00:00",
  "+02:00",
  "+05:30",
  "+05:45",
  "+08:45",
  "+12:45",
  "+13:45",
  "+14:00",
];

const civilArb = fc
  .record({
    year: yearArb,
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.oneof(fc.constantFrom(0, 23), fc.integer({ min: 0, max: 23 })),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.oneof(fc.constantFrom(0, 59), fc.integer({ min: 0, max: 59 })),
    leapDay: fc.boolean(),
  })
  .map(({ leapDay, ...civil }) => {
    // Half the time a leap day when the year has one, else a day the month has.
    if (leapDay && isLeap(civil.year)) return { ...civil, month: 2, day: 29 };
    const days = civil.month === 2 && isLeap(civil.year) ? 29 : DAYS[civil.month - 1]!;
    return { ...civil, day: Math.min(civil.day, days) };
  });

export const fractionArb = fc.oneof(
  fc.constant(""),
  fc.constantFrom(".0", ".5", ".999", ".123456", ".000000001"),
  fc.integer({ min: 0, max: 999 }).map((n) => `.${pad(n, 3)}`),
);

/** An edge instant spelled as the shape asks. */
export function edgeInstantArb(shape: InstantShape): fc.Arbitrary<string> {
  return fc.tuple(civilArb, fc.constantFrom(...OFFSETS), fractionArb, fc.boolean()).map(([c, offset, fraction, tForm]) => {
    const date = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
    const time = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
    if (shape === "date") return date;
    if (shape === "naive") return `${date}${tForm ? "T" : " "}${time}`;
    return `${date}T${time}${fraction}${offset}`;
  });
}

/** Around the example: the same kind of instant near the data the system holds, so reads find rows. */
export function nearInstantArb(shape: InstantShape, example: string): fc.Arbitrary<string> {
  const base = shape === "instant" ? instantMs(example)! : civilMs(+example.slice(0, 4), +example.slice(5, 7), +example.slice(8, 10));
  return fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }).map((seconds) => {
    const iso = isoUtc(base + seconds * 1000);
    if (shape === "date") return iso.slice(0, 10);
    if (shape === "naive") return iso.slice(0, 19).replace("T", " ");
    return `${iso.slice(0, 19)}Z`;
  });
}
