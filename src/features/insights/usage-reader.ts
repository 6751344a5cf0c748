import { type SQL, sql } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { circuitReadings, rollupDay, rollupHour } from "../../db/schema";
import { database } from "../../lib/db";
import { combine, type UsageAggregate } from "./usage-figures";
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
 * list drives the range scans), and D1's row count for the X-Rows-Read
 * header comes only with a statement's full result.
 */
function segmentQuery(segment: Segment, keys: string): SQL {
  const circuitKeys = sql`json_each(${keys}) AS c`;
  if (segment.source === "raw") {
    const readings = circuitReadings;
    return sql`SELECT ${readings.circuitKey} AS k, ${readings.ts} AS t, 1 AS n, ${readings.powerWatts} AS s, ${readings.powerWatts} AS m,
        ${readings.ts} AS at
      FROM ${circuitKeys} CROSS JOIN ${readings}
        ON ${readings.circuitKey} = c.value AND ${readings.ts} >= ${segment.from} AND ${readings.ts} < ${segment.to}`;
  }
  const rollup = ROLLUP[segment.source];
  return sql`SELECT ${rollup.circuitKey} AS k, ${rollup.bucket} AS t, ${rollup.sampleCount} AS n, ${rollup.sumWatts} AS s,
      ${rollup.maxWatts} AS m, ${rollup.maxAt} AS at
    FROM ${circuitKeys} CROSS JOIN ${rollup}
      ON ${rollup.circuitKey} = c.value AND ${rollup.bucket} >= ${segment.from} AND ${rollup.bucket} < ${segment.to}`;
}

interface PartRow {
  k: number;
  t: number;
  n: number;
  s: number;
  m: number;
  at: number;
}

export interface UsageRead {
  totals: Map<number, UsageAggregate>;
  /** Per circuit, per bucket index (bucket i covers [start + i·res, start + (i+1)·res)). */
  series: Map<number, Map<number, UsageAggregate>> | undefined;
  /** Rows D1 read to answer, from its result metadata. */
  rowsRead: number;
}

/**
 * Usage of the given circuits over [from, to) in one D1 round trip: whole
 * days from the daily rollups, whole hours from the hourly ones, and only the
 * partial hours at the edges from raw readings.
 */
export async function readUsage(
  d1: D1Database,
  circuitKeys: readonly number[],
  from: number,
  to: number,
  resolutionMs?: number,
): Promise<UsageRead> {
  const keys = JSON.stringify(circuitKeys);
  const totalsPlan = planWindow(from, to);
  const seriesPlan = resolutionMs ? planWindow(from, to, sourcesForSeries(from, resolutionMs)) : [];
  const db = database(d1);
  const results = (await runBatch(
    db,
    [...totalsPlan, ...seriesPlan].map((segment) => db.run(segmentQuery(segment, keys))),
  )) as Array<D1Result<PartRow>>;

  const parts = new Map<number, UsageAggregate[]>();
  const bucketParts = new Map<number, Map<number, UsageAggregate[]>>();
  let rowsRead = 0;
  results.forEach((result, index) => {
    rowsRead += result.meta.rows_read ?? 0;
    const isSeries = index >= totalsPlan.length;
    for (const row of result.results) {
      const aggregate: UsageAggregate = { sampleCount: row.n, sumWatts: row.s, maxWatts: row.m, maxAt: row.at };
      if (!isSeries) {
        pushTo(parts, row.k, aggregate);
        continue;
      }
      const byBucket = bucketParts.get(row.k) ?? new Map<number, UsageAggregate[]>();
      pushTo(byBucket, Math.floor((row.t - from) / resolutionMs!), aggregate);
      bucketParts.set(row.k, byBucket);
    }
  });

  const totals = new Map(circuitKeys.map((key) => [key, combine(parts.get(key) ?? [])]));
  const series = resolutionMs
    ? new Map(
        circuitKeys.map((key) => [
          key,
          new Map([...(bucketParts.get(key) ?? new Map<number, UsageAggregate[]>())].map(([i, list]) => [i, combine(list)])),
        ]),
      )
    : undefined;
  return { totals, series, rowsRead };
}

function pushTo<K>(map: Map<K, UsageAggregate[]>, key: K, value: UsageAggregate): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
