import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Drizzle schema of every D1 table. Each service adds its tables here and a
 * matching SQL migration in migrations/ (`npm run db:generate`).
 */

// ── peaks ────────────────────────────────────────────────────────────────
/** An energy market. reading_count/first_ts/last_ts/data_version are maintained by every ingest. */
export const markets = sqliteTable("markets", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().unique(),
  readingCount: integer("reading_count").notNull().default(0),
  firstTs: text("first_ts"),
  lastTs: text("last_ts"),
  /** Bumped by every ingest into the market: read caches key on it. */
  dataVersion: integer("data_version").notNull().default(0),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** One usage reading; timestamps are naive market-local `YYYY-MM-DDTHH:MM:SS`, so text order is time order. */
export const readings = sqliteTable(
  "readings",
  {
    marketId: integer("market_id")
      .notNull()
      .references(() => markets.id),
    ts: text("ts").notNull(),
    usageKw: real("usage_kw").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.marketId, t.ts] }),
    // Rebuilding a market's peak table reads its top K rows straight off this index.
    index("readings_rank").on(t.marketId, sql`${t.usageKw} desc`, t.ts),
  ],
);

/** The top K readings of every market, rebuilt in the same D1 batch as each ingest. */
export const peaks = sqliteTable(
  "peaks",
  {
    marketId: integer("market_id")
      .notNull()
      .references(() => markets.id),
    ts: text("ts").notNull(),
    usageKw: real("usage_kw").notNull(),
  },
  (t) => [primaryKey({ columns: [t.marketId, t.ts] }), index("peaks_rank").on(t.marketId, sql`${t.usageKw} desc`, t.ts)],
);
