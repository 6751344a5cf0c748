import { DAY_MS, HOUR_MS } from "../../lib/instant";

export type Source = "day" | "hour" | "raw";

/** A part of a window read from one source; rollup parts are aligned to their bucket size. */
export interface Segment {
  source: Source;
  from: number;
  to: number;
}

const GRANULARITY: Record<Exclude<Source, "raw">, number> = { day: DAY_MS, hour: HOUR_MS };

/**
 * Splits [from, to) into the fewest reads: whole UTC days from the daily
 * rollups, whole hours at the edges from the hourly rollups, and the partial
 * hours at the two ends from raw readings. A one-year window reads at most
 * 366 day rows, 46 hour rows and 118 minutes of raw readings per circuit.
 */
export function planWindow(from: number, to: number, sources: ReadonlyArray<Exclude<Source, "raw">> = ["day", "hour"]): Segment[] {
  if (from >= to) return [];
  const [coarsest, ...finer] = sources;
  if (!coarsest) return [{ source: "raw", from, to }];
  const size = GRANULARITY[coarsest];
  const alignedFrom = Math.ceil(from / size) * size;
  const alignedTo = Math.floor(to / size) * size;
  if (alignedFrom >= alignedTo) return planWindow(from, to, finer);
  return [
    ...planWindow(from, alignedFrom, finer),
    { source: coarsest, from: alignedFrom, to: alignedTo },
    ...planWindow(alignedTo, to, finer),
  ];
}

/**
 * The rollups a bucketed series may read: only those whose buckets nest
 * inside the series' buckets (the resolution is a multiple of the rollup
 * size and the series starts on a rollup boundary), so each rollup row falls
 * in exactly one series bucket.
 */
export function sourcesForSeries(start: number, resolutionMs: number): Array<Exclude<Source, "raw">> {
  return (["day", "hour"] as const).filter((source) => {
    const size = GRANULARITY[source];
    return resolutionMs % size === 0 && start % size === 0;
  });
}
