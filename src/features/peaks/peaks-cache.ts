import type { Database } from "../../lib/db";
import type { RenderedBody } from "../../lib/http-cache";
import { perBinding, SnapshotCache } from "../../lib/snapshot-cache";
import type { PeakReading } from "./peak-order";
import { listMarkets, loadPeakTable, type MarketRow } from "./peaks.repository";

export interface PeaksSnapshot {
  markets: MarketRow[];
  byId: Map<number, MarketRow>;
  byName: Map<string, MarketRow>;
  /** Each market's peak table, in peak order. */
  peaks: Map<number, PeakReading[]>;
  generation: number;
}

export type PeaksCache = SnapshotCache<Database, PeaksSnapshot, RenderedBody>;

/**
 * Every market's peak table, for reads that need no D1 round trip. One light
 * query compares each market's data_version with the previous snapshot; only
 * the markets that changed are reloaded.
 */
export async function loadPeaksSnapshot(db: Database, previous: PeaksSnapshot | undefined): Promise<PeaksSnapshot> {
  const markets = await listMarkets(db);
  const changed = markets.filter((m) => {
    const before = previous?.byId.get(m.id);
    return before?.dataVersion !== m.dataVersion || before.name !== m.name;
  });
  if (previous && changed.length === 0 && markets.length === previous.markets.length) return previous;

  const peaks = new Map<number, PeakReading[]>();
  const reloadAll = !previous || changed.length > markets.length / 2;
  const rows = await loadPeakTable(db, reloadAll ? undefined : changed.map((m) => m.id));
  if (!reloadAll) {
    for (const market of markets) {
      const kept = previous.peaks.get(market.id);
      if (kept && !changed.includes(market)) peaks.set(market.id, kept);
    }
  }
  for (const market of markets) if (!peaks.has(market.id)) peaks.set(market.id, []);
  for (const row of rows) peaks.get(row.marketId)?.push({ timestamp: row.timestamp, usage_kw: row.usage_kw });
  return {
    markets,
    byId: new Map(markets.map((m) => [m.id, m])),
    byName: new Map(markets.map((m) => [m.name, m])),
    peaks,
    generation: (previous?.generation ?? 0) + 1,
  };
}

export function createPeaksCache(ttlMs?: number, now?: () => number): PeaksCache {
  return new SnapshotCache(loadPeaksSnapshot, ttlMs, now);
}

export const peaksCacheFor = perBinding(() => createPeaksCache());
