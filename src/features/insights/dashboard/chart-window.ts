import { DAY_MS, HOUR_MS } from "../../../lib/instant";
import { RESOLUTIONS, type Resolution } from "../insights.schemas";
import type { TimeWindow } from "../usage-figures";
import type { Zone } from "./zoned-time";

/** The window presets, each relative to the latest reading (sample data and fixtures are in the past). */
export const PRESETS = {
  "24h": { label: "24 h", words: "last 24 h of data" },
  "7d": { label: "7 days", words: "last 7 days of data" },
  "30d": { label: "30 days", words: "last 30 days of data" },
} as const;
export type Preset = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as Preset[];
export const DEFAULT_PRESET: Preset = "24h";

/** Points per series the automatic resolution stays within: about one per pixel of a wide chart. */
export const MAX_AUTO_POINTS = 1000;

/** Finest first: the automatic choice is the first that fits. */
export const RESOLUTION_NAMES = Object.keys(RESOLUTIONS) as Resolution[];

/**
 * A preset's window in the zone, ending just after `latest` (the latest reading): 24 h ends at the next clock hour,
 * 7 and 30 days at the next midnight and start at a midnight, so buckets fall on the zone's hours and days.
 */
export function presetWindow(preset: Preset, zone: Zone, latest: number): TimeWindow {
  if (preset === "24h") {
    const to = zone.nextHourStart(latest);
    return { from: to - 24 * HOUR_MS, to };
  }
  const to = zone.nextDayStart(latest);
  return { from: zone.addDays(to, preset === "7d" ? -7 : -30), to };
}

/** Buckets a resolution cuts a window into: fixed steps from `from`, or the zone's calendar days for 1d. */
export function bucketCount(window: TimeWindow, resolution: Resolution, zone: Zone): number {
  if (resolution === "1d") return zone.dayEdges(window.from, window.to).length - 1;
  return Math.ceil((window.to - window.from) / RESOLUTIONS[resolution]);
}

/**
 * The finest resolution that keeps a series within `maxPoints` (MAX_AUTO_POINTS unless a page of many series needs
 * fewer); 1d when none does (it always keeps within 1,000: windows are at most 366 days).
 */
export function autoResolution(window: TimeWindow, zone: Zone, maxPoints = MAX_AUTO_POINTS): Resolution {
  return RESOLUTION_NAMES.find((resolution) => bucketCount(window, resolution, zone) <= maxPoints) ?? "1d";
}

/**
 * The bucket edges of a window: n + 1 instants for n buckets. Sub-day buckets step from `from` as the API's series do
 * (the last one ends at `to`); 1d buckets are the zone's calendar days (23 or 25 hours across a DST change), the first
 * and last cut by the window.
 */
export function bucketEdges(window: TimeWindow, resolution: Resolution, zone: Zone): number[] {
  if (resolution === "1d") return zone.dayEdges(window.from, window.to);
  const step = RESOLUTIONS[resolution];
  const edges: number[] = [];
  for (let start = window.from; start < window.to; start += step) edges.push(start);
  edges.push(window.to);
  return edges;
}

/** Read granularities, coarsest first: a rollup's size (day, hour), then what the raw readings give. */
const FINE_STEPS = [DAY_MS, HOUR_MS, 15 * 60_000, 60_000];

/**
 * The coarsest step from `from` that every inner bucket edge falls on, at most the buckets' own size: reading at that
 * step and folding (zoned-buckets.ts) gives each bucket exactly. Whole-hour zones read local days from the hourly
 * rollups; a zone half an hour off UTC needs 15-minute steps, which only raw readings give.
 */
export function readStep(edges: readonly number[], resolution: Resolution): number {
  const from = edges[0]!;
  const inner = edges.slice(1, -1);
  const largest = RESOLUTIONS[resolution];
  return FINE_STEPS.find((step) => step <= largest && inner.every((edge) => (edge - from) % step === 0)) ?? 60_000;
}
