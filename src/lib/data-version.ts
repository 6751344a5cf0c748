import { sql } from "drizzle-orm";
import { dataVersions } from "../db/schema";
import type { Database } from "./db";

/**
 * One version counter per data set in `data_versions`, bumped by every write
 * to it inside the write's own batch: read caches key on it, and writers
 * answer it so racing callers can tell which write came last.
 */
export function bumpDataVersion(db: Database, dataSet: string) {
  return db
    .insert(dataVersions)
    .values({ name: dataSet, version: 1 })
    .onConflictDoUpdate({ target: dataVersions.name, set: { version: sql`${dataVersions.version} + 1` } })
    .returning({ version: dataVersions.version });
}

/** The version a `bumpDataVersion` statement returned. */
export function bumpedVersion(rows: ReadonlyArray<{ version: number }> | undefined): number {
  return rows?.[0]?.version ?? 0;
}
