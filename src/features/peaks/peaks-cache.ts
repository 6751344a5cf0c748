import type { Database } from "../../lib/db";
import type { RenderedBody } from "../../lib/http-cache";
import type { PeakReading } from "./peak-order";
import { listMarkets, loadPeakTable, type MarketRow } from "./peaks.repository";

/** How long an isolate trusts its snapshot before checking D1's data versions again. */
export const SNAPSHOT_TTL_MS = 1000;
const MAX_RENDERED = 512;

export interface PeaksSnapshot {
  markets: MarketRow[];
  byId: Map<number, MarketRow>;
  byName: Map<string, MarketRow>;
  /** Each market's peak table, in peak order. */
  peaks: Map<number, PeakReading[]>;
  /** Changes whenever any market's data changes: the key of rendered bodies. */
  generation: number;
}

/**
 * The peak tables of every market held in isolate memory, so hot reads need
 * no D1 round trip. An ingest through this isolate invalidates it at once
 * (the next read sees the new peaks); ingests through other isolates are
 * seen within SNAPSHOT_TTL_MS, when one light query compares each market's
 * data_version and reloads only the markets that changed.
 */
export class PeaksCache {
  private snapshot: PeaksSnapshot | undefined;
  private checkedAt = 0;
  private invalidations = 0;
  private refreshedAt = -1;
  private refreshing = false;
  private readonly rendered = new Map<string, RenderedBody>();

  constructor(
    private readonly ttlMs = SNAPSHOT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Workers forbid awaiting a promise whose I/O belongs to another request
   * (the waiting request is cancelled as hung), so refreshes are never
   * shared: after a write here, each request refreshes for itself; when only
   * the TTL ran out, one request refreshes while the others keep answering
   * from the current snapshot.
   */
  async get(db: Database): Promise<PeaksSnapshot> {
    const snapshot = this.snapshot;
    if (!snapshot || this.refreshedAt !== this.invalidations) return this.refresh(db);
    if (this.now() - this.checkedAt < this.ttlMs || this.refreshing) return snapshot;
    this.refreshing = true;
    try {
      return await this.refresh(db);
    } finally {
      this.refreshing = false;
    }
  }

  /** Called after every write through this isolate. */
  invalidate(): void {
    this.invalidations++;
  }

  /** A rendered body for this snapshot generation, rendering it on first use. */
  async renderedFor(snapshot: PeaksSnapshot, key: string, render: () => Promise<RenderedBody>): Promise<RenderedBody> {
    const fullKey = `${snapshot.generation}|${key}`;
    const hit = this.rendered.get(fullKey);
    if (hit) return hit;
    const body = await render();
    if (this.rendered.size >= MAX_RENDERED) this.rendered.delete(this.rendered.keys().next().value!);
    this.rendered.set(fullKey, body);
    return body;
  }

  private async refresh(db: Database): Promise<PeaksSnapshot> {
    const startedAt = this.invalidations;
    const markets = await listMarkets(db);
    const previous = this.snapshot;
    const changed = markets.filter((m) => previous?.byId.get(m.id)?.dataVersion !== m.dataVersion || previous.byId.get(m.id)?.name !== m.name);
    const unchanged = previous !== undefined && changed.length === 0 && markets.length === previous.markets.length;

    let snapshot: PeaksSnapshot;
    if (unchanged) {
      snapshot = previous;
    } else {
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
      snapshot = {
        markets,
        byId: new Map(markets.map((m) => [m.id, m])),
        byName: new Map(markets.map((m) => [m.name, m])),
        peaks,
        generation: (previous?.generation ?? 0) + 1,
      };
      this.rendered.clear();
    }
    this.snapshot = snapshot;
    this.checkedAt = this.now();
    // A write that landed while this refresh ran may be missing from it: stay stale for the next read.
    this.refreshedAt = startedAt;
    return snapshot;
  }
}

const caches = new WeakMap<D1Database, PeaksCache>();

/** One cache per D1 binding per isolate. */
export function peaksCacheFor(d1: D1Database): PeaksCache {
  let cache = caches.get(d1);
  if (!cache) {
    cache = new PeaksCache();
    caches.set(d1, cache);
  }
  return cache;
}
