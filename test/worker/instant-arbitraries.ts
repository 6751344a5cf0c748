import fc from "fast-check";

/**
 * Instants for property tests, written the way clients write them, and the
 * expected answers computed with the engine's own ISO reader and writer
 * (`Date.parse` and `toISOString` keep 4-digit years as written), never with
 * the product's parser.
 */
export const DAY_MS = 86_400_000;
/** One fixed seed, so a failure replays; fast-check prints the failing case and its path. */
export const PROPERTY_SEED = 102_024;

/** A distinct UUID per number, for the fresh ids each property run writes under. */
export const propertyUuid = (n: number) => `ffffffff-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
export const MIN_MS = Date.parse("0000-01-01T00:00:00.000Z");
export const MAX_MS = Date.parse("9999-12-31T23:59:59.999Z");

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
/** 1 January of a year; year 10000 is the first instant past the range. */
const yearStart = (year: number) => (year > 9999 ? MAX_MS + 1 : Date.parse(`${pad(year, 4)}-01-01T00:00:00Z`));
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Instants where a calendar rule or a sign changes (year 0 is a leap year, 1900 and 0100 are not). */
const EDGES = [
  "0000-01-01T00:00:00Z",
  "0000-02-29T00:00:00Z",
  "0000-03-01T00:00:00Z",
  "0100-03-01T00:00:00Z",
  "0100-01-01T00:00:00Z",
  "1900-03-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "2000-02-29T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
];

/** Epoch ms biased to the edges: before 1970, years 0000–0099, year boundaries, leap days, and anywhere. */
export const epochMs: fc.Arbitrary<number> = fc
  .oneof(
    fc.integer({ min: MIN_MS, max: MAX_MS }),
    fc
      .tuple(fc.constantFrom(...EDGES.map((iso) => Date.parse(iso))), fc.integer({ min: -1500, max: 1500 }))
      .map(([edge, delta]) => edge + delta),
    fc.integer({ min: Date.parse("1969-12-25T00:00:00Z"), max: Date.parse("1970-01-07T00:00:00Z") }),
    fc.integer({ min: MIN_MS, max: yearStart(100) - 1 }),
    fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }))
      .map(([year, delta]) => yearStart(year) + delta),
    fc
      .tuple(
        fc
          .integer({ min: 0, max: 2499 })
          .map((k) => 4 * k)
          .filter(isLeap),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
      )
      .map(([year, time]) => Date.parse(`${pad(year, 4)}-02-29T00:00:00Z`) + time),
  )
  .map((ms) => Math.min(MAX_MS, Math.max(MIN_MS, ms)));

/** Whole hours −12…+14 and any minute between (+05:45, −09:30 …). */
export const offsetMinutes: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -12, max: 14 }).map((h) => h * 60),
  fc.integer({ min: -12 * 60, max: 14 * 60 }),
);

/** How the fraction is written: omitted when zero, 3 digits, trimmed, or padded with zeros to 9. */
export type FractionStyle = "auto" | "milli" | "trimmed" | "nano";
export const fractionStyle: fc.Arbitrary<FractionStyle> = fc.constantFrom("auto", "milli", "trimmed", "nano");

const inRange = (ms: number) => ms >= MIN_MS && ms <= MAX_MS;

/** The text of `ms` at `offset` minutes, or undefined when its wall-clock time leaves 0000–9999. */
export function writeInstant(ms: number, offset: number, style: FractionStyle): string | undefined {
  if (!inRange(ms) || !inRange(ms + offset * 60_000)) return undefined;
  const local = new Date(ms + offset * 60_000).toISOString();
  const milli = local.slice(20, 23);
  const fraction =
    style === "milli"
      ? `.${milli}`
      : style === "nano"
        ? `.${milli}000000`
        : milli === "000"
          ? ""
          : `.${style === "trimmed" ? milli.replace(/0+$/, "") : milli}`;
  const abs = Math.abs(offset);
  const zone = offset === 0 ? "Z" : `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${local.slice(0, 19)}${fraction}${zone}`;
}

/** The API's UTC form of an instant. */
export const canonical = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A written instant: its epoch ms, and its text at some offset. */
export interface WrittenInstant {
  ms: number;
  text: string;
}

export const writtenInstant: fc.Arbitrary<WrittenInstant> = fc
  .tuple(epochMs, offsetMinutes, fractionStyle)
  .map(([ms, offset, style]) => ({ ms, text: writeInstant(ms, offset, style) ?? writeInstant(ms, 0, style)! }));

/** A window's bounds around an instant: lengths before and after it, and the offsets each bound is written at. */
export interface WindowShape {
  before: number;
  after: number;
  fromOffset: number;
  toOffset: number;
}

export const windowShape = (maxSpanMs: number): fc.Arbitrary<WindowShape> =>
  fc.record({
    before: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: Math.floor(maxSpanMs / 2) })),
    after: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: Math.floor(maxSpanMs / 2) })),
    fromOffset: offsetMinutes,
    toOffset: offsetMinutes,
  });

export interface WindowCase {
  name: "contains it" | "ends at it" | "starts just after it";
  from: number;
  to: number;
  fromText: string;
  toText: string;
  contains: boolean;
}

/**
 * Three windows for an instant t: [t − before, t + after) contains it;
 * [t − before, t) ends at it; [t + 1 ms, t + 1 ms + after) starts just after
 * it. A window whose bounds cannot be written in 0000–9999 is left out.
 */
export function windowsAround(t: number, shape: WindowShape): WindowCase[] {
  const cases: Array<Omit<WindowCase, "fromText" | "toText">> = [
    { name: "contains it", from: t - shape.before, to: t + shape.after, contains: true },
    { name: "ends at it", from: t - Math.max(1, shape.before), to: t, contains: false },
    { name: "starts just after it", from: t + 1, to: t + 1 + shape.after, contains: false },
  ];
  return cases.flatMap((c) => {
    const fromText = writeInstant(c.from, shape.fromOffset, "auto") ?? writeInstant(c.from, 0, "auto");
    const toText = writeInstant(c.to, shape.toOffset, "auto") ?? writeInstant(c.to, 0, "auto");
    return fromText && toText ? [{ ...c, fromText, toText }] : [];
  });
}

/** A naive (zone-less) timestamp of whole seconds, written with a space or a `T`. */
export interface NaiveInstant {
  ms: number;
  text: string;
  normalized: string;
}

export const naiveInstant: fc.Arbitrary<NaiveInstant> = fc.tuple(epochMs, fc.boolean()).map(([ms, space]) => {
  const whole = Math.floor(ms / 1000) * 1000;
  const normalized = new Date(whole).toISOString().slice(0, 19);
  return { ms: whole, text: space ? normalized.replace("T", " ") : normalized, normalized };
});

/** A naive window bound: the date alone when at midnight (sometimes), else the full timestamp. */
export function writeNaive(ms: number, dateOnly: boolean): string | undefined {
  if (!inRange(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return dateOnly && iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}
