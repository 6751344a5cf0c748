import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import { DAY_MS, HOUR_MS } from "../../lib/instant";
import { writeGuard } from "../../lib/write-conflict";
import { INSIGHTS_DATA } from "./insights.repository";

export interface KeyedReading {
  key: number;
  ts: number;
  watts: number;
}

/** Rows per bound JSON value: D1 caps a bound value near 1 MB, and a row encodes to ~30 bytes. */
const ROWS_PER_STATEMENT = 20_000;

const HOUR_ROLLUP_SQL = `
WITH affected(k, b) AS (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?1) AS j)
INSERT OR REPLACE INTO rollup_hour (circuit_key, bucket, sample_count, sum_watts, max_watts, max_at)
SELECT g.k, g.b, g.n, g.s, g.m,
  (SELECT min(r2.ts) FROM circuit_readings AS r2
    WHERE r2.circuit_key = g.k AND r2.ts >= g.b AND r2.ts < g.b + ${HOUR_MS} AND r2.power_watts = g.m)
FROM (
  SELECT a.k AS k, a.b AS b, count(*) AS n, sum(r.power_watts) AS s, max(r.power_watts) AS m
  FROM affected AS a CROSS JOIN circuit_readings AS r ON r.circuit_key = a.k AND r.ts >= a.b AND r.ts < a.b + ${HOUR_MS}
  GROUP BY a.k, a.b
) AS g`;

const DAY_ROLLUP_SQL = `
WITH affected(k, b) AS (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?1) AS j)
INSERT OR REPLACE INTO rollup_day (circuit_key, bucket, sample_count, sum_watts, max_watts, max_at)
SELECT g.k, g.b, g.n, g.s, g.m,
  (SELECT min(h2.max_at) FROM rollup_hour AS h2
    WHERE h2.circuit_key = g.k AND h2.bucket >= g.b AND h2.bucket < g.b + ${DAY_MS} AND h2.max_watts = g.m)
FROM (
  SELECT a.k AS k, a.b AS b, sum(h.sample_count) AS n, sum(h.sum_watts) AS s, max(h.max_watts) AS m
  FROM affected AS a CROSS JOIN rollup_hour AS h ON h.circuit_key = a.k AND h.bucket >= a.b AND h.bucket < a.b + ${DAY_MS}
  GROUP BY a.k, a.b
) AS g`;

function touchedBuckets(rows: readonly KeyedReading[], size: number): string {
  const seen = new Set<string>();
  const buckets: Array<[number, number]> = [];
  for (const row of rows) {
    const bucket = Math.floor(row.ts / size) * size;
    const id = `${row.key}:${bucket}`;
    if (!seen.has(id)) {
      seen.add(id);
      buckets.push([row.key, bucket]);
    }
  }
  return JSON.stringify(buckets);
}

/** How the readings' circuits were resolved: circuit key → the duid and circuit number the caller named. */
export type CircuitResolution = Map<number, { duid: string; circuitNumber: number }>;

const STALE_RESOLUTION = `SELECT 1 FROM json_each(?1) AS j
  LEFT JOIN circuits AS c ON c.key = j.value ->> 0 LEFT JOIN electric_sensors AS s ON s.id = c.sensor_id
  WHERE s.duid IS NOT j.value ->> 1 OR c.circuit_number IS NOT j.value ->> 2`;

/**
 * Stores readings (unique by circuit and time) and recomputes the hourly and
 * daily rollups of every bucket they touch, in one atomic D1 batch. A reading
 * that exists with another value is corrected, and its buckets follow. The
 * circuits were resolved from duids in an earlier round trip; the batch
 * first checks that each duid still names that circuit (a metadata write may
 * move a duid) and aborts with a write conflict, writing nothing, if not.
 */
export async function ingestTimeseries(
  d1: D1Database,
  rows: readonly KeyedReading[],
  resolution: CircuitResolution,
): Promise<{ inserted: number; updated: number; version: number }> {
  const mapping = JSON.stringify([...resolution].map(([key, circuit]) => [key, circuit.duid, circuit.circuitNumber]));
  const statements: D1PreparedStatement[] = [writeGuard(d1, STALE_RESOLUTION, mapping)];
  const kinds: Array<"guard" | "update" | "insert" | "rollup" | "version"> = ["guard"];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const payload = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => [r.key, r.ts, r.watts]));
    statements.push(
      d1
        .prepare(
          `UPDATE circuit_readings SET power_watts = j.value ->> 2
           FROM json_each(?1) AS j
           WHERE circuit_readings.circuit_key = j.value ->> 0 AND circuit_readings.ts = j.value ->> 1
             AND circuit_readings.power_watts <> j.value ->> 2`,
        )
        .bind(payload),
      d1
        .prepare(
          `INSERT INTO circuit_readings (circuit_key, ts, power_watts)
           SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?1) AS j WHERE true
           ON CONFLICT (circuit_key, ts) DO NOTHING`,
        )
        .bind(payload),
    );
    kinds.push("update", "insert");
  }
  statements.push(d1.prepare(HOUR_ROLLUP_SQL).bind(touchedBuckets(rows, HOUR_MS)), d1.prepare(DAY_ROLLUP_SQL).bind(touchedBuckets(rows, DAY_MS)));
  kinds.push("rollup", "rollup");
  statements.push(bumpDataVersion(d1, INSIGHTS_DATA));
  kinds.push("version");

  const results = await d1.batch(statements);
  let inserted = 0;
  let updated = 0;
  results.forEach((result, i) => {
    if (kinds[i] === "insert") inserted += result.meta.changes;
    if (kinds[i] === "update") updated += result.meta.changes;
  });
  return { inserted, updated, version: bumpedVersion(results.at(-1)) };
}
