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
  changedAt: markets.changedAt,
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
  // Before the writes, while the stored readings still tell whether any row of the batch is new or different.
  const changesSomething = sql`EXISTS (SELECT 1 FROM ${jsonRows(payload)}
    LEFT JOIN ${readings} ON ${readings.marketId} = ${marketId} AND ${readings.ts} = ${field(0)}
    WHERE ${readings.ts} IS NULL OR ${readings.usageKw} != ${field(1)})`;
  const results = await db.batch([
    db
      .update(markets)
      .set({ changedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
      .where(and(eq(markets.id, marketId), changesSomething)),
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
  const updatedCount = results[1].meta.changes;
  const insertedCount = results[2].meta.changes;
  const version = results[5][0]?.version ?? 0;
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

export interface ReadingsWindow {
  from?: string;
  to?: string;
}

function windowConditions(marketId: number, window: ReadingsWindow): SQL {
  const conditions: SQL[] = [eq(readings.marketId, marketId)];
  if (window.from) conditions.push(gte(readings.ts, window.from));
  if (window.to) conditions.push(lt(readings.ts, window.to));
  return and(...conditions)!;
}

/** Readings in the window: a range of the (market_id, ts) primary key, so its cost grows with the readings counted. */
export async function countReadings(db: Database, marketId: number, window: ReadingsWindow): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)` }).from(readings).where(windowConditions(marketId, window));
  return row?.count ?? 0;
}

/** The readings of the window in time order, from the primary key's range. */
export function windowReadings(db: Database, marketId: number, window: ReadingsWindow) {
  return db
    .select({ timestamp: readings.ts, usage_kw: readings.usageKw })
    .from(readings)
    .where(windowConditions(marketId, window))
    .orderBy(asc(readings.ts));
}

export interface ReadingBucketRow {
  start: string;
  count: number;
  min_kw: number;
  max_kw: number;
  mean_kw: number;
  max_at: string;
}

/**
 * The window's readings per bucket of `seconds` (aligned on the naive clock's epoch): count, min, max, mean and when
 * the max was (the earliest of equals). One pass over the primary key's range; the window functions sort it once.
 */
export function readingBuckets(db: Database, marketId: number, window: ReadingsWindow, seconds: number): Promise<ReadingBucketRow[]> {
  // A literal, not a bound parameter: D1 binds JS numbers as REAL, and the division must be an integer one.
  const width = sql.raw(String(Math.trunc(seconds)));
  const bucket = sql`(unixepoch(${readings.ts}) / ${width}) * ${width}`;
  const ranked = db
    .select({
      bucket: sql<number>`${bucket}`.as("bucket"),
      ts: readings.ts,
      count: sql<number>`count(*) over (partition by ${bucket})`.as("count"),
      minKw: sql<number>`min(${readings.usageKw}) over (partition by ${bucket})`.as("min_kw"),
      maxKw: sql<number>`max(${readings.usageKw}) over (partition by ${bucket})`.as("max_kw"),
      meanKw: sql<number>`avg(${readings.usageKw}) over (partition by ${bucket})`.as("mean_kw"),
      rank: sql<number>`row_number() over (partition by ${bucket} order by ${readings.usageKw} desc, ${readings.ts})`.as("rank"),
    })
    .from(readings)
    .where(windowConditions(marketId, window))
    .as("ranked");
  return db
    .select({
      start: sql<string>`strftime('%Y-%m-%dT%H:%M:%S', ${ranked.bucket}, 'unixepoch')`,
      count: ranked.count,
      min_kw: ranked.minKw,
      max_kw: ranked.maxKw,
      mean_kw: ranked.meanKw,
      max_at: ranked.ts,
    })
    .from(ranked)
    .where(eq(ranked.rank, 1))
    .orderBy(asc(ranked.bucket));
}

/** The window's bounds as the data has them: the given ones, or the market's first reading and the instant after its last. */
export async function readingSpan(db: Database, marketId: number, window: ReadingsWindow): Promise<{ from: string; to: string }> {
  if (window.from && window.to) return { from: window.from, to: window.to };
  const [row] = await db
    .select({ first: min(readings.ts), last: max(readings.ts) })
    .from(readings)
    .where(windowConditions(marketId, window));
  return { from: window.from ?? row?.first ?? window.to ?? "", to: window.to ?? row?.last ?? window.from ?? "" };
}
