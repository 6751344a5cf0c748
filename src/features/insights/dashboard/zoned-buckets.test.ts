import { describe, expect, it } from "vitest";
import { combine, EMPTY_AGGREGATE, type UsageAggregate } from "../usage-figures";
import { bucketEdges } from "./chart-window";
import { foldIntoBuckets } from "./zoned-buckets";
import { Zone } from "./zoned-time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const amsterdam = Zone.of("Europe/Amsterdam")!;

/** An hourly aggregate: one reading of `watts` at the hour's start. */
const hourOf = (start: number, watts: number): UsageAggregate => ({ sampleCount: 1, sumWatts: watts, maxWatts: watts, maxAt: start });

/** Hourly aggregates over [from, to), index i at from + i hours, holding i + 1 watts, skipping the hours in `missing`. */
function hours(from: number, to: number, missing: ReadonlySet<number> = new Set()): Map<number, UsageAggregate> {
  const parts = new Map<number, UsageAggregate>();
  for (let i = 0; from + i * HOUR < to; i++) if (!missing.has(i)) parts.set(i, hourOf(from + i * HOUR, i + 1));
  return parts;
}

/** The reference: every hour whose start lies in [start, end), combined. */
function expectedDay(parts: Map<number, UsageAggregate>, from: number, start: number, end: number): UsageAggregate {
  return combine([...parts].filter(([i]) => from + i * HOUR >= start && from + i * HOUR < end).map(([, aggregate]) => aggregate));
}

describe("folding hourly aggregates into the zone's calendar days", () => {
  it("gives the 23-hour day of the spring change 23 hours of readings and its neighbours 24", () => {
    const window = { from: at("2024-03-29T23:00:00Z"), to: at("2024-04-01T22:00:00Z") };
    const parts = hours(window.from, window.to);
    const edges = bucketEdges(window, "1d", amsterdam);
    const days = foldIntoBuckets(parts, window.from, HOUR, edges);
    expect(days.map((day) => day.sampleCount)).toEqual([24, 23, 24]);
    expect(days).toEqual(days.map((_, i) => expectedDay(parts, window.from, edges[i]!, edges[i + 1]!)));
    // The 23-hour day holds hours 24–46: their sum, and its peak is its last hour.
    expect(days[1]).toEqual({ sampleCount: 23, sumWatts: (25 + 47) * 23 * 0.5, maxWatts: 47, maxAt: window.from + 46 * HOUR });
  });

  it("gives the 25-hour day of the autumn change 25 hours of readings", () => {
    const window = { from: at("2024-10-25T22:00:00Z"), to: at("2024-10-28T23:00:00Z") };
    const parts = hours(window.from, window.to);
    const days = foldIntoBuckets(parts, window.from, HOUR, bucketEdges(window, "1d", amsterdam));
    expect(days.map((day) => day.sampleCount)).toEqual([24, 25, 24]);
  });

  it("leaves a day without readings empty, and keeps the earliest time of a tied maximum", () => {
    const window = { from: at("2024-03-29T23:00:00Z"), to: at("2024-04-01T22:00:00Z") };
    const missing = new Set(Array.from({ length: 23 }, (_, i) => 24 + i));
    const parts = hours(window.from, window.to, missing);
    parts.set(0, hourOf(window.from, 30));
    parts.set(5, hourOf(window.from + 5 * HOUR, 30));
    const days = foldIntoBuckets(parts, window.from, HOUR, bucketEdges(window, "1d", amsterdam));
    expect(days[1]).toEqual(EMPTY_AGGREGATE);
    expect(days[0]!.maxAt).toBe(window.from);
  });

  it("ignores parts outside the edges and copes with no parts at all", () => {
    const edges = [0, HOUR, 2 * HOUR];
    const parts = new Map([
      [-1, hourOf(-HOUR, 5)],
      [0, hourOf(0, 1)],
      [2, hourOf(2 * HOUR, 7)],
    ]);
    expect(foldIntoBuckets(parts, 0, HOUR, edges).map((bucket) => bucket.sampleCount)).toEqual([1, 0]);
    expect(foldIntoBuckets(undefined, 0, HOUR, edges)).toEqual([EMPTY_AGGREGATE, EMPTY_AGGREGATE]);
  });
});
