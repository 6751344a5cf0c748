import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { columnList, field, jsonRows, selectJsonRows } from "../../db/json-rows";
import { circuitReadings, circuits, electricSensors, rollupDay, rollupHour } from "../../db/schema";
import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import { type Database, database } from "../../lib/db";
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

/** Bucket sizes are written into the SQL, not bound: they are constants of the statement. */
const HOUR = sql.raw(String(HOUR_MS));
const DAY = sql.raw(String(DAY_MS));

const rollupTargetColumns = (rollup: typeof rollupHour | typeof rollupDay) =>
  columnList([rollup.circuitKey, rollup.bucket, rollup.sampleCount, rollup.sumWatts, rollup.maxWatts, rollup.maxAt]);

/*
 * The rollups are recomputed from scratch for each touched (circuit, bucket)
 * with INSERT OR REPLACE and aggregates, which drizzle's builder cannot
 * express: raw SQL, naming tables and columns through the schema.
 */
const hourRollup = (buckets: string): SQL => sql`
WITH affected(k, b) AS (SELECT ${field(0)}, ${field(1)} FROM ${jsonRows(buckets)})
INSERT OR REPLACE INTO ${rollupHour} (${rollupTargetColumns(rollupHour)})
SELECT g.k, g.b, g.n, g.s, g.m,
  (SELECT min(${circuitReadings.ts}) FROM ${circuitReadings}
    WHERE ${circuitReadings.circuitKey} = g.k AND ${circuitReadings.ts} >= g.b AND ${circuitReadings.ts} < g.b + ${HOUR}
      AND ${circuitReadings.powerWatts} = g.m)
FROM (
  SELECT a.k AS k, a.b AS b, count(*) AS n, sum(${circuitReadings.powerWatts}) AS s, max(${circuitReadings.powerWatts}) AS m
  FROM affected AS a CROSS JOIN ${circuitReadings}
    ON ${circuitReadings.circuitKey} = a.k AND ${circuitReadings.ts} >= a.b AND ${circuitReadings.ts} < a.b + ${HOUR}
  GROUP BY a.k, a.b
) AS g`;

const dayRollup = (buckets: string): SQL => sql`
WITH affected(k, b) AS (SELECT ${field(0)}, ${field(1)} FROM ${jsonRows(buckets)})
INSERT OR REPLACE INTO ${rollupDay} (${rollupTargetColumns(rollupDay)})
SELECT g.k, g.b, g.n, g.s, g.m,
  (SELECT min(${rollupHour.maxAt}) FROM ${rollupHour}
    WHERE ${rollupHour.circuitKey} = g.k AND ${rollupHour.bucket} >= g.b AND ${rollupHour.bucket} < g.b + ${DAY}
      AND ${rollupHour.maxWatts} = g.m)
FROM (
  SELECT a.k AS k, a.b AS b, sum(${rollupHour.sampleCount}) AS n, sum(${rollupHour.sumWatts}) AS s, max(${rollupHour.maxWatts}) AS m
  FROM affected AS a CROSS JOIN ${rollupHour}
    ON ${rollupHour.circuitKey} = a.k AND ${rollupHour.bucket} >= a.b AND ${rollupHour.bucket} < a.b + ${DAY}
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

/** Resolved circuits whose duid or circuit number no longer match what the caller named. */
function staleResolutions(db: Database, mapping: string) {
  return db
    .select({ found: sql`1` })
    .from(jsonRows(mapping))
    .leftJoin(circuits, eq(circuits.key, field(0)))
    .leftJoin(electricSensors, eq(electricSensors.id, circuits.sensorId))
    .where(or(sql`${electricSensors.duid} IS NOT ${field(1)}`, sql`${circuits.circuitNumber} IS NOT ${field(2)}`));
}

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
  const db = database(d1);
  const mapping = JSON.stringify([...resolution].map(([key, circuit]) => [key, circuit.duid, circuit.circuitNumber]));
  const statements: Statement[] = [writeGuard(db, staleResolutions(db, mapping))];
  const kinds: Array<"guard" | "update" | "insert" | "rollup" | "version"> = ["guard"];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const payload = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => [r.key, r.ts, r.watts]));
    statements.push(
      db
        .update(circuitReadings)
        .set({ powerWatts: field(2) })
        .from(jsonRows(payload))
        .where(and(eq(circuitReadings.circuitKey, field(0)), eq(circuitReadings.ts, field(1)), ne(circuitReadings.powerWatts, field(2)))),
      db
        .insert(circuitReadings)
        .select(selectJsonRows(payload, [field(0), field(1), field(2)]))
        .onConflictDoNothing({ target: [circuitReadings.circuitKey, circuitReadings.ts] }),
    );
    kinds.push("update", "insert");
  }
  statements.push(db.run(hourRollup(touchedBuckets(rows, HOUR_MS))), db.run(dayRollup(touchedBuckets(rows, DAY_MS))));
  kinds.push("rollup", "rollup");
  statements.push(bumpDataVersion(db, INSIGHTS_DATA));
  kinds.push("version");

  const results = await runBatch(db, statements);
  let inserted = 0;
  let updated = 0;
  results.forEach((result, i) => {
    if (kinds[i] === "insert") inserted += (result as D1Result).meta.changes;
    if (kinds[i] === "update") updated += (result as D1Result).meta.changes;
  });
  return { inserted, updated, version: bumpedVersion(results.at(-1) as Array<{ version: number }>) };
}
