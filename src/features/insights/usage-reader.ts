import { type SQL, sql } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { circuitReadings, rollupDay, rollupHour } from "../../db/schema";
import { database } from "../../lib/db";
import { combine, type UsageAggregate } from "./usage-figures";
import {
  fetchRanges,
  type PackedTile,
  type PartRow,
  packTile,
  TILE_STRIDE,
  type Tile,
  type TileStore,
  tileIdOf,
  tilesOf,
} from "./usage-tiles";
import { planWindow, type Segment, sourcesForSeries } from "./window-plan";

const ROLLUP = { hour: rollupHour, day: rollupDay } as const;

/*
 * Each segment is one range scan on (circuit_key, time) returning its rows
 * as they are: raw readings, or rollup buckets already holding count, sum,
 * max and the max's time. Aggregating in SQL instead would make D1 read each
 * row two or three times (a GROUP BY's temporary b-tree, and a second pass
 * for the max's earliest time); a one-year window is at most ~530 rows per
 * circuit, cheaper to fold here.
 *
 * Raw SQL: CROSS JOIN … ON keeps SQLite from reordering the join (the key
 * list drives the range scans). `p` numbers the segment, so a window's
 * segments go in one statement (UNION ALL): a D1 batch costs per statement,
 * and a cold dashboard read is mostly that cost.
 */
function segmentQuery(part: number, segment: Segment, keys: string): SQL {
  const circuitKeys = sql`json_each(${keys}) AS c`;
  const p = sql.raw(String(part));
  if (segment.source === "raw") {
    const readings = circuitReadings;
    return sql`SELECT ${p} AS p, ${readings.circuitKey} AS k, ${readings.ts} AS t, 1 AS n, ${readings.powerWatts} AS s,
        ${readings.powerWatts} AS m, ${readings.ts} AS at
      FROM ${circuitKeys} CROSS JOIN ${readings}
        ON ${readings.circuitKey} = c.value AND ${readings.ts} >= ${segment.from} AND ${readings.ts} < ${segment.to}`;
  }
  const rollup = ROLLUP[segment.source];
  return sql`SELECT ${p} AS p, ${rollup.circuitKey} AS k, ${rollup.bucket} AS t, ${rollup.sampleCount} AS n,
      ${rollup.sumWatts} AS s, ${rollup.maxWatts} AS m, ${rollup.maxAt} AS at
    FROM ${circuitKeys} CROSS JOIN ${rollup}
      ON ${rollup.circuitKey} = c.value AND ${rollup.bucket} >= ${segment.from} AND ${rollup.bucket} < ${segment.to}`;
}

export interface UsageRead {
  totals: Map<number, UsageAggregate>;
  /** Per circuit, per bucket index (bucket i covers [start + i·res, start + (i+1)·res)). */
  series: Map<number, Map<number, UsageAggregate>> | undefined;
  /** Rows D1 read to answer, from its result metadata. */
  rowsRead: number;
}

/** The tiles of the reader's data generation (usage-tiles.ts). */
export interface TileContext {
  store: TileStore;
  generation: number;
}

/** More tiles than this in one read (a long window of many circuits): its totals are read directly instead. */
const MAX_TILES_PER_READ = 96;
/** D1 allows at most 5 terms in a compound SELECT. */
const TERMS_PER_STATEMENT = 5;

/** For each totals segment, each circuit's tiles; and the tiles already held, by id. */
function planTiles(plan: readonly Segment[], circuitKeys: readonly number[], context: TileContext) {
  const bySegment: Tile[][][] = [];
  let count = 0;
  for (const segment of plan) {
    const perKey: Tile[][] = [];
    for (const key of circuitKeys) {
      const tiles = tilesOf(segment, key, MAX_TILES_PER_READ - count);
      if (!tiles) return undefined;
      count += tiles.length;
      perKey.push(tiles);
    }
    bySegment.push(perKey);
  }
  const held = new Map<string, PackedTile>();
  const missing = new Map<string, Tile>();
  for (const tile of bySegment.flat(2)) {
    const rows = context.store.get(context.generation, tile.id);
    if (rows) held.set(tile.id, rows);
    else missing.set(tile.id, tile);
  }
  return { bySegment, held, missing: [...missing.values()] };
}

/**
 * Usage of the given circuits over [from, to) in one D1 round trip: whole
 * days from the daily rollups, whole hours from the hourly ones, and only the
 * partial hours at the edges from raw readings. With a tile context, the
 * totals come from tiles, and only the tiles not yet held are read.
 */
export async function readUsage(
  d1: D1Database,
  circuitKeys: readonly number[],
  from: number,
  to: number,
  resolutionMs?: number,
  tileContext?: TileContext,
): Promise<UsageRead> {
  const keys = JSON.stringify(circuitKeys);
  const totalsPlan = planWindow(from, to);
  const seriesPlan = resolutionMs ? planWindow(from, to, sourcesForSeries(from, resolutionMs)) : [];
  const tilePlan = tileContext && circuitKeys.length > 0 ? planTiles(totalsPlan, circuitKeys, tileContext) : undefined;
  const ranges = tilePlan ? fetchRanges(tilePlan.missing) : [];
  const fetchBase = totalsPlan.length + seriesPlan.length;

  const terms = [
    ...(tilePlan ? [] : totalsPlan.map((segment, i) => segmentQuery(i, segment, keys))),
    ...seriesPlan.map((segment, i) => segmentQuery(totalsPlan.length + i, segment, keys)),
    ...ranges.map((range, i) => segmentQuery(fetchBase + i, range, JSON.stringify([range.key]))),
  ];
  const db = database(d1);
  const statements = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_STATEMENT) {
    statements.push(db.run(sql.join(terms.slice(i, i + TERMS_PER_STATEMENT), sql` UNION ALL `)));
  }
  // A batch of one costs more than the statement alone.
  const results = (statements.length === 1 ? [await statements[0]!] : statements.length ? await runBatch(db, statements) : []) as Array<
    D1Result<PartRow & { p: number }>
  >;

  const parts = new Map<number, UsageAggregate[]>();
  const bucketParts = new Map<number, Map<number, UsageAggregate[]>>();
  const fetched = new Map<string, PartRow[]>(tilePlan?.missing.map((tile) => [tile.id, []]));
  for (const row of results.flatMap((result) => result.results)) {
    if (row.p >= fetchBase) {
      fetched.get(tileIdOf(ranges[row.p - fetchBase]!.source, row))?.push(row);
    } else if (row.p < totalsPlan.length) {
      pushTo(parts, row.k, aggregateOf(row));
    } else {
      const byBucket = bucketParts.get(row.k) ?? new Map<number, UsageAggregate[]>();
      pushTo(byBucket, Math.floor((row.t - from) / resolutionMs!), aggregateOf(row));
      bucketParts.set(row.k, byBucket);
    }
  }

  if (tilePlan && tileContext) {
    const tiles = new Map(tilePlan.held);
    for (const [id, rows] of fetched) {
      const packed = packTile(rows.sort((a, b) => a.t - b.t));
      tiles.set(id, packed);
      tileContext.store.put(tileContext.generation, id, packed);
    }
    // Segment by segment, each circuit's rows in time order: the order a direct read folds them in, so sums agree.
    totalsPlan.forEach((segment, i) => {
      circuitKeys.forEach((key, k) => {
        for (const tile of tilePlan.bySegment[i]![k]!) {
          const values = tiles.get(tile.id)?.values ?? new Float64Array();
          for (let o = 0; o < values.length; o += TILE_STRIDE) {
            const t = values[o]!;
            if (t < segment.from || t >= segment.to) continue;
            pushTo(parts, key, { sampleCount: values[o + 1]!, sumWatts: values[o + 2]!, maxWatts: values[o + 3]!, maxAt: values[o + 4]! });
          }
        }
      });
    });
  }

  const totals = new Map(circuitKeys.map((key) => [key, combine(parts.get(key) ?? [])]));
  const series = resolutionMs
    ? new Map(
        circuitKeys.map((key) => [
          key,
          new Map([...(bucketParts.get(key) ?? new Map<number, UsageAggregate[]>())].map(([i, list]) => [i, combine(list)])),
        ]),
      )
    : undefined;
  return { totals, series, rowsRead: results.reduce((sum, result) => sum + (result.meta.rows_read ?? 0), 0) };
}

function aggregateOf(row: PartRow): UsageAggregate {
  return { sampleCount: row.n, sumWatts: row.s, maxWatts: row.m, maxAt: row.at };
}

function pushTo<K>(map: Map<K, UsageAggregate[]>, key: K, value: UsageAggregate): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
