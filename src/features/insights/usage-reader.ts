import { planWindow, sourcesForSeries, type Segment } from "./window-plan";
import { combine, type UsageAggregate } from "./usage-figures";

const TABLE = { hour: "rollup_hour", day: "rollup_day" } as const;

/*
 * Each segment is one range scan on (circuit_key, time) returning its rows
 * as they are: raw readings, or rollup buckets already holding count, sum,
 * max and the max's time. Aggregating in SQL instead would make D1 read each
 * row two or three times (a GROUP BY's temporary b-tree, and a second pass
 * for the max's earliest time); a one-year window is at most ~530 rows per
 * circuit, cheaper to fold here.
 */
const RAW_SQL = `
SELECT r.circuit_key AS k, r.ts AS t, 1 AS n, r.power_watts AS s, r.power_watts AS m, r.ts AS at
FROM json_each(?1) AS c CROSS JOIN circuit_readings AS r ON r.circuit_key = c.value AND r.ts >= ?2 AND r.ts < ?3`;

const rollupSql = (table: string) => `
SELECT h.circuit_key AS k, h.bucket AS t, h.sample_count AS n, h.sum_watts AS s, h.max_watts AS m, h.max_at AS at
FROM json_each(?1) AS c CROSS JOIN ${table} AS h ON h.circuit_key = c.value AND h.bucket >= ?2 AND h.bucket < ?3`;

interface PartRow {
  k: number;
  t: number;
  n: number;
  s: number;
  m: number;
  at: number;
}

function statement(d1: D1Database, segment: Segment, keys: string): D1PreparedStatement {
  const sql = segment.source === "raw" ? RAW_SQL : rollupSql(TABLE[segment.source]);
  return d1.prepare(sql).bind(keys, segment.from, segment.to);
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
export async function readUsage(d1: D1Database, circuitKeys: readonly number[], from: number, to: number, resolutionMs?: number): Promise<UsageRead> {
  const keys = JSON.stringify(circuitKeys);
  const totalsPlan = planWindow(from, to);
  const seriesPlan = resolutionMs ? planWindow(from, to, sourcesForSeries(from, resolutionMs)) : [];
  const results = await d1.batch<PartRow>([...totalsPlan, ...seriesPlan].map((segment) => statement(d1, segment, keys)));

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
