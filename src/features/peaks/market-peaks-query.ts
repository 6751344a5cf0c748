import type { Database } from "../../lib/db";
import { type RankedPeak, withRanks } from "./peak-order";
import { type MarketRow, type ReadingsWindow, windowPeaks } from "./peaks.repository";
import type { PeaksSnapshot } from "./peaks-cache";

/** A market by numeric id (`"1"`) or by name (`"spp"`) in the snapshot; the caller decides what a miss means. */
export function marketIn(snapshot: PeaksSnapshot, ref: string): MarketRow | undefined {
  return /^\d+$/.test(ref) ? snapshot.byId.get(Number(ref)) : snapshot.byName.get(ref);
}

export const hasWindow = (window: ReadingsWindow): boolean => window.from !== undefined || window.to !== undefined;

/** A market's all-time top `limit` readings, ranked, from the snapshot's peak table: no D1 round trip. */
export function allTimePeaks(snapshot: PeaksSnapshot, market: MarketRow, limit: number): RankedPeak[] {
  return withRanks((snapshot.peaks.get(market.id) ?? []).slice(0, limit));
}

/**
 * A market's top `limit` readings of a window, ranked: without bounds, the all-time ones; with them, from the
 * readings' rank index, since the peak table only knows all-time peaks.
 */
export async function marketTopPeaks(
  db: Database,
  snapshot: PeaksSnapshot,
  market: MarketRow,
  limit: number,
  window: ReadingsWindow = {},
): Promise<RankedPeak[]> {
  if (!hasWindow(window)) return allTimePeaks(snapshot, market, limit);
  return withRanks(await windowPeaks(db, market.id, window, limit));
}
