import type { ReadingsWindow } from "../peaks.repository";

/**
 * Windows over a market's naive (zone-less, market-local) timestamps. Arithmetic reads them as if they were UTC: a
 * day is 86,400 s of the market's own clock, as the readings route's buckets count it.
 */

const toMs = (naive: string) => Date.parse(`${naive}Z`);
const EARLIEST = toMs("0000-01-01T00:00:00");
const LATEST = toMs("9999-12-31T23:59:59");

/** The naive `T` form of an instant counted on the market's clock, or undefined outside years 0000–9999. */
export function naiveAt(ms: number): string | undefined {
  return ms < EARLIEST || ms > LATEST ? undefined : new Date(ms).toISOString().slice(0, 19);
}

export const naiveMs = toMs;

export type PresetId = "all" | "day" | "week" | "month";

export interface Preset {
  id: PresetId;
  label: string;
  /** The window's length; none for all the data. */
  seconds?: number;
}

/** Windows of the market's data a person picks in one click; a month is 30 days. */
export const PRESETS: readonly Preset[] = [
  { id: "all", label: "All data" },
  { id: "day", label: "Last day", seconds: 86_400 },
  { id: "week", label: "Last week", seconds: 7 * 86_400 },
  { id: "month", label: "Last month", seconds: 30 * 86_400 },
];

/**
 * A preset's window, relative to the market's last reading (not the wall clock, which a market's data may be far
 * from): it ends just after that reading (`to` is exclusive) and reaches back the preset's length. Undefined for a
 * market without readings.
 */
export function presetWindow(preset: Preset, lastReading: string | null): ReadingsWindow | undefined {
  if (preset.seconds === undefined) return {};
  if (lastReading === null) return undefined;
  const end = toMs(lastReading) + 1000;
  return { from: naiveAt(Math.max(EARLIEST, end - preset.seconds * 1000)), to: naiveAt(end) };
}

export const sameWindow = (a: ReadingsWindow, b: ReadingsWindow): boolean => a.from === b.from && a.to === b.to;

/**
 * The span a chart of the window covers: its bounds, or the market's first and last readings where it has none; an
 * hour when that leaves nothing to spread over (one reading, or no reading at all).
 */
export function chartSpan(window: ReadingsWindow, first: string | null, last: string | null): { from: number; to: number } {
  const from = toMs(window.from ?? first ?? window.to ?? last ?? "2000-01-01T00:00:00");
  const to = toMs(window.to ?? last ?? window.from ?? first ?? "2000-01-01T00:00:00");
  return to > from ? { from, to } : { from, to: from + 3_600_000 };
}
