/** A reading as the peak logic sees it: timestamps in the normalized `T` form. */
export interface PeakReading {
  timestamp: string;
  usage_kw: number;
}

export interface RankedPeak extends PeakReading {
  rank: number;
}

/**
 * The peak order: highest usage first, then earliest timestamp. It
 * reproduces the origin's example, where two readings of 977 tie for fifth
 * place in `spp` and the earlier one wins.
 */
export function comparePeaks(a: PeakReading, b: PeakReading): number {
  if (a.usage_kw !== b.usage_kw) return b.usage_kw - a.usage_kw;
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0;
}

/** Ranks readings already in peak order (1-based, every row its own rank: ties are ordered, not shared). */
export function withRanks(ordered: readonly PeakReading[]): RankedPeak[] {
  return ordered.map((reading, i) => ({ rank: i + 1, timestamp: reading.timestamp, usage_kw: reading.usage_kw }));
}
