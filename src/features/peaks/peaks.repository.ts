import { and, asc, desc, eq, gte, inArray, lt, max, min, ne, or, type SQL, sql } from "drizzle-orm";
import { field, jsonRows, selectJsonRows } from "../../db/json-rows";
import { markets, peaks, readings } from "../../db/schema";
import type { Database } from "../../lib/db";
import type { PeakReading } from "./peak-order";

/** Readings kept in each market's peak table: every read limit (≤ 100) is served from it. */
export const PEAK_TABLE_SIZE = 100;

export type MarketRow = typeof markets.$inferSelect;

export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The market's data version after this ingest: ingests apply one at a time in this order. */
  version: number;
}

const marketColumns = {
  id: markets.id,
  name: markets.name,
  readingCount: markets.readingCount,
  firstTs: markets.firstTs,
  lastTs: markets.lastTs,
  dataVersion: markets.dataVersion,
  createdAt: markets.createdAt,
};

export function listMarkets(db: Database): Promise<MarketRow[]> {
  return db.select(marketColumns).from(markets).orderBy(asc(markets.id));
}

/** A market by numeric id (`"1"`) or by name (`"spp"`): names never start with a digit, so the two cannot clash. */
export async function findMarket(db: Database, ref: string): Promise<MarketRow | undefined> {
  const where = /^\d+$/.test(ref) ? eq(markets.id, Number(ref)) : eq(markets.name, ref);
  const [row] = await db.select(marketColumns).from(markets).where(where).limit(1);
  return row;
}

/**
 * What creating a market did: created it, found the identical one, or met a different market holding its name or
 * id (then `market` is that other market).
 */
export interface CreateMarketOutcome {
  market: MarketRow;
  outcome: "created" | "found" | "conflict";
}

/**
 * Creates a market, or finds the identical one (creating twice is not an
 * error). A name or id already used by a different market is a conflict,
 * returned for the handler to answer. The insert and the look-up of what
 * clashes run in one D1 batch, so the outcome is decided on the state the
 * insert met, however many requests race.
 */
export async function createMarket(db: Database, input: { name: string; id?: number }): Promise<CreateMarketOutcome> {
  const clash = input.id === undefined ? eq(markets.name, input.name) : or(eq(markets.name, input.name), eq(markets.id, input.id));
  const [inserted, existing] = await db.batch([
    db.insert(markets).values(input).onConflictDoNothing().returning({ id: markets.id }),
    db.select(marketColumns).from(markets).where(clash),
  ]);
  const createdId = inserted[0]?.id;
  if (createdId !== undefined) return { market: existing.find((row) => row.id === createdId)!, outcome: "created" };
  const same = existing.find((row) => row.name === input.name && (input.id === undefined || row.id === input.id));
  if (same && existing.length === 1) return { market: same, outcome: "found" };
  return { market: existing.find((row) => row !== same)!, outcome: "conflict" };
}

/**
 * Stores a batch of readings of one market and rebuilds its peak table, all
 * in one D1 batch (atomic: a failure writes nothing). A reading that exists
 * with another value is corrected; the peak table is rebuilt from the
 * readings' rank index, so a lowered former peak drops out and the next
 * reading moves up. Rows must be unique by timestamp and normalized.
 */
export async function ingestReadings(
  db: Database,
  marketId: number,
  rows: readonly PeakReading[],
  peakTableSize = PEAK_TABLE_SIZE,
): Promise<IngestCounts> {
  const payload = JSON.stringify(rows.map((row) => [row.timestamp, row.usage_kw]));
  const ofMarket = eq(readings.marketId, marketId);
  const earliest = db
    .select({ ts: min(readings.ts) })
    .from(readings)
    .where(ofMarket);
  const latest = db
    .select({ ts: max(readings.ts) })
    .from(readings)
    .where(ofMarket);
  const results = await db.batch([
    db
      .update(readings)
      .set({ usageKw: field(1) })
      .from(jsonRows(payload))
      .where(and(ofMarket, eq(readings.ts, field(0)), ne(readings.usageKw, field(1)))),
    db
      .insert(readings)
      .select(selectJsonRows(payload, [sql`${marketId}`, field(0), field(1)]))
      .onConflictDoNothing({ target: [readings.marketId, readings.ts] }),
    db.delete(peaks).where(eq(peaks.marketId, marketId)),
    db
      .insert(peaks)
      .select(
        db
          .select({ marketId: readings.marketId, ts: readings.ts, usageKw: readings.usageKw })
          .from(readings)
          .where(ofMarket)
          .orderBy(desc(readings.usageKw), asc(readings.ts))
          .limit(peakTableSize),
      ),
    db
      .update(markets)
      .set({
        readingCount: db.$count(readings, ofMarket),
        firstTs: sql`${earliest}`,
        lastTs: sql`${latest}`,
        dataVersion: sql`${markets.dataVersion} + 1`,
      })
      .where(eq(markets.id, marketId))
      .returning({ version: markets.dataVersion }),
  ]);
  const updatedCount = results[0].meta.changes;
  const insertedCount = results[1].meta.changes;
  const version = results[4][0]?.version ?? 0;
  return { inserted: insertedCount, updated: updatedCount, unchanged: rows.length - insertedCount - updatedCount, version };
}

/** Peak-table rows of the given markets (all when absent), in peak order within each market. */
export async function loadPeakTable(db: Database, marketIds?: number[]): Promise<Array<PeakReading & { marketId: number }>> {
  const rows = await db
    .select({ marketId: peaks.marketId, timestamp: peaks.ts, usage_kw: peaks.usageKw })
    .from(peaks)
    .where(marketIds ? inArray(peaks.marketId, marketIds) : undefined)
    .orderBy(asc(peaks.marketId), desc(peaks.usageKw), asc(peaks.ts));
  return rows;
}

/** The top readings of a time window, straight from the readings (the peak table only knows all-time peaks). */
export function windowPeaks(db: Database, marketId: number, window: { from?: string; to?: string }, limit: number): Promise<PeakReading[]> {
  const conditions: SQL[] = [eq(readings.marketId, marketId)];
  if (window.from) conditions.push(gte(readings.ts, window.from));
  if (window.to) conditions.push(lt(readings.ts, window.to));
  return db
    .select({ timestamp: readings.ts, usage_kw: readings.usageKw })
    .from(readings)
    .where(and(...conditions))
    .orderBy(desc(readings.usageKw), asc(readings.ts))
    .limit(limit);
}
