import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../lib/db";

/** Any drizzle statement a D1 batch can run: a query builder, or raw SQL through `db.run(sql…)`. */
export type Statement = BatchItem<"sqlite">;

/** The part of a statement drizzle's own D1 batch uses (drizzle-orm/d1/session.js). */
interface BatchPreparable {
  _prepare(): { getQuery(): { sql: string; params: unknown[] }; mapResult(result: unknown, isFromBatch: boolean): unknown };
}

/**
 * Runs statements as one D1 batch: one transaction, in this order, each
 * result mapped as drizzle maps it. This is drizzle's `db.batch` less two
 * limits: it takes an array built in a loop (drizzle types a tuple), and raw
 * `db.run(sql…)` statements may bind parameters (drizzle's D1 batch throws on
 * them: drizzle-orm issue #2277).
 */
export async function runBatch<T extends Statement>(db: Database, statements: readonly T[]): Promise<Array<T["_"]["result"]>> {
  const prepared = statements.map((statement) => (statement as unknown as BatchPreparable)._prepare());
  const results = await db.$client.batch(
    prepared.map((query) => {
      const { sql, params } = query.getQuery();
      return db.$client.prepare(sql).bind(...params);
    }),
  );
  return results.map((result, i) => prepared[i]!.mapResult(result, true) as T["_"]["result"]);
}
