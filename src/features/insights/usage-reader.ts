import { planWindow, sourcesForSeries, type Segment } from "./window-plan";
import { combine, type UsageAggregate } from "./usage-figures";

const TABLE = { hour: "rollup_hour", day: "rollup_day" } as const;

/*
 * Each segment is one statement grouping by circuit and by bucket index
 * i = (t - origin) / size. For plain totals the size exceeds the window, so
 * i is 0. The subquery finds the earliest time of each group's maximum.
 */
const RAW_SQL = `
SELECT g.k AS k, g.i AS i, g.n AS n, g.s AS s, g.m AS m,
  (SELECT min(r2.ts) FROM circuit_readings AS r2
    WHERE r2.circuit_key = g.k AND r2.ts >= max(?2, ?4 + g.i * ?5) AND r2.ts < min(?3, ?4 + (g.i + 1) * ?5)
      AND r2.power_watts = g.m) AS at
FROM (
  SELECT r.circuit_key AS k, CAST((r.ts - ?4) / ?5 AS INTEGER) AS i,
         count(*) AS n, sum(r.power_watts) AS s, max(r.power_watts) AS m
  FROM json_each(?1) AS c CROSS JOIN circuit_readings AS r
    ON r.circuit_key = c.value AND r.ts >= ?2 AND r.ts < ?3
  GROUP BY r.circuit_key, i
) AS g`;

const rollupSql = (table: string) => `
SELECT g.k AS k, g.i AS i, g.n AS n, g.s AS s, g.m AS m,
  (SELECT min(h2.max_at) FROM ${table} AS h2
    WHERE h2.circuit_key = g.k AND h2.bucket >= max(?2, ?4 + g.i * ?5) AND h2.bucket < min(?3, ?4 + (g.i + 1) * ?5)
      AND h2.max_watts = g.m) AS at
FROM (
  SELECT h.circuit_key AS k, CAST((h.bucket - ?4) / ?5 AS INTEGER) AS i,
         sum(h.sample_count) AS n, sum(h.sum_watts) AS s, max(h.max_watts) AS m
  FROM json_each(?1) AS c CROSS JOIN ${table} AS h
    ON h.circuit_key = c.value AND h.bucket >= ?2 AND h.bucket < ?3
  GROUP BY h.circuit_key, i
) AS g`;

interface GroupRow {
  k: number;
  i: number;
  n: number;
  s: number;
  m: number;
  at: number;
}

function statement(d1: D1Database, segment: Segment, keys: string, origin: number, size: number): D1PreparedStatement {
  const sql = segment.source === "raw" ? RAW_SQL : rollupSql(TABLE[segment.source]);
  return d1.prepare(sql).bind(keys, segment.from, segment.to, origin, size);
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
  const whole = to - from + 1;
  const results = await d1.batch<GroupRow>([
    ...totalsPlan.map((segment) => statement(d1, segment, keys, from, whole)),
    ...seriesPlan.map((segment) => statement(d1, segment, keys, from, resolutionMs!)),
  ]);

  const parts = new Map<number, UsageAggregate[]>();
  const bucketParts = new Map<number, Map<number, UsageAggregate[]>>();
  let rowsRead = 0;
  results.forEach((result, index) => {
    rowsRead += result.meta.rows_read ?? 0;
    const isSeries = index >= totalsPlan.length;
    for (const row of result.results) {
      const aggregate: UsageAggregate = { sampleCount: row.n, sumWatts: row.s, maxWatts: row.m, maxAt: row.at };
      if (!isSeries) {
        parts.set(row.k, [...(parts.get(row.k) ?? []), aggregate]);
        continue;
      }
      const byBucket = bucketParts.get(row.k) ?? new Map<number, UsageAggregate[]>();
      byBucket.set(row.i, [...(byBucket.get(row.i) ?? []), aggregate]);
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
