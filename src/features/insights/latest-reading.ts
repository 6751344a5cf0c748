import { sql } from "drizzle-orm";
import { circuitReadings } from "../../db/schema";
import { database } from "../../lib/db";
import { RenderCache } from "../../lib/render-cache";
import { perBinding } from "../../lib/snapshot-cache";
import type { InsightsSnapshot } from "./insights-cache";

/**
 * The time of the latest reading of any of the circuits, or null when they have none. One statement: per circuit
 * max(ts) is one seek at the end of its (circuit_key, ts) primary key range, so the cost is one row per circuit
 * whatever the history holds.
 */
export async function readLatestReading(d1: D1Database, circuitKeys: readonly number[]): Promise<number | null> {
  if (circuitKeys.length === 0) return null;
  const readings = circuitReadings;
  const result = await database(d1).run(
    sql`SELECT max((SELECT max(${readings.ts}) FROM ${readings} WHERE ${readings.circuitKey} = c.value)) AS latest
      FROM json_each(${JSON.stringify(circuitKeys)}) AS c`,
  );
  const latest = (result.results[0] as { latest: number | null } | undefined)?.latest;
  return typeof latest === "number" ? latest : null;
}

/** Per isolate: the latest reading of a few circuit sets, read once per insights data generation. */
const latestCacheFor = perBinding(() => new RenderCache<{ latest: number | null }>(256));

/** The latest reading of the circuits as of the snapshot's generation; `name` says which set they are (an org, a circuit). */
export async function latestReading(
  d1: D1Database,
  snapshot: InsightsSnapshot,
  name: string,
  circuitKeys: readonly number[],
): Promise<number | null> {
  const hit = await latestCacheFor(d1).get(snapshot.generation, name, async () => ({
    latest: await readLatestReading(d1, circuitKeys),
  }));
  return hit.latest;
}
