import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Drizzle schema of every D1 table. Each service adds its tables here and a
 * matching SQL migration in migrations/ (`npm run db:generate`). Queries name
 * tables and columns only through these objects: docs/storage.md.
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
  /** When an ingest last inserted or changed one of its readings (UTC, ISO 8601); null before the first. */
  changedAt: text("changed_at"),
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

// ── insights ─────────────────────────────────────────────────────────────
export const brands = sqliteTable("brands", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
});

export const organizations = sqliteTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id),
    name: text("name").notNull(),
  },
  (t) => [index("organizations_brand").on(t.brandId)],
);

export const locations = sqliteTable(
  "locations",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
  },
  (t) => [index("locations_organization").on(t.organizationId)],
);

export const electricSensors = sqliteTable(
  "electric_sensors",
  {
    id: text("id").primaryKey(),
    duid: text("duid").notNull().unique(),
    name: text("name").notNull(),
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id),
    /** The sensor's nominal sampling interval: energy = Σ power × interval, expected samples = window / interval. */
    sampleIntervalSeconds: integer("sample_interval_seconds").notNull().default(60),
  },
  (t) => [index("electric_sensors_location").on(t.locationId)],
);

/**
 * A circuit has no id in the source: `id` is a UUIDv5 of (sensor id, circuit
 * number), stable across re-imports. `key` is a compact integer used by the
 * readings and rollup tables.
 */
export const circuits = sqliteTable(
  "circuits",
  {
    key: integer("key").primaryKey(),
    id: text("id").notNull().unique(),
    sensorId: text("sensor_id")
      .notNull()
      .references(() => electricSensors.id),
    circuitNumber: integer("circuit_number").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("circuits_sensor_number").on(t.sensorId, t.circuitNumber)],
);

/** One power reading per circuit per instant (epoch milliseconds). */
export const circuitReadings = sqliteTable(
  "circuit_readings",
  {
    circuitKey: integer("circuit_key").notNull(),
    ts: integer("ts").notNull(),
    powerWatts: real("power_watts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.circuitKey, t.ts] })],
);

const rollupColumns = {
  circuitKey: integer("circuit_key").notNull(),
  /** Bucket start, epoch milliseconds, aligned to the bucket size in UTC. */
  bucket: integer("bucket").notNull(),
  sampleCount: integer("sample_count").notNull(),
  sumWatts: real("sum_watts").notNull(),
  maxWatts: real("max_watts").notNull(),
  /** Earliest reading time at which max_watts occurred. */
  maxAt: integer("max_at").notNull(),
};

/** Hourly and daily rollups, recomputed for the touched buckets in the same D1 batch as every ingest. */
export const rollupHour = sqliteTable("rollup_hour", rollupColumns, (t) => [primaryKey({ columns: [t.circuitKey, t.bucket] })]);
export const rollupDay = sqliteTable("rollup_day", rollupColumns, (t) => [primaryKey({ columns: [t.circuitKey, t.bucket] })]);

// ── credits ──────────────────────────────────────────────────────────────
/** Known reports; credit_cost in hundredths of a credit. */
export const reports = sqliteTable("reports", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  creditCost: integer("credit_cost").notNull(),
});

/**
 * Messages as ingested (`timestamp` kept exactly as sent), with their price
 * computed once at ingest: text_credits from the text rules, credits the
 * effective price (the report's cost when the report is known). Hundredths.
 */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey(),
    timestamp: text("timestamp").notNull(),
    ts: integer("ts").notNull(),
    text: text("text").notNull(),
    reportId: integer("report_id"),
    textCredits: integer("text_credits").notNull(),
    credits: integer("credits").notNull(),
  },
  (t) => [index("messages_time").on(t.ts, t.id), index("messages_report").on(t.reportId)],
);

export const billingPeriods = sqliteTable("billing_periods", {
  name: text("name").primaryKey(),
  start: text("start").notNull(),
  end: text("end").notNull(),
  startMs: integer("start_ms").notNull(),
  endMs: integer("end_ms").notNull(),
});

/** One version counter per data set, bumped by every write to it: read caches key on it. */
export const dataVersions = sqliteTable("data_versions", {
  name: text("name").primaryKey(),
  version: integer("version").notNull().default(0),
});

// ── writes ───────────────────────────────────────────────────────────────
/**
 * Never holds a row: its CHECK fails every insert. D1 has no interactive
 * transactions, so a write batch that finds stored data contradicting it
 * inserts here (`INSERT … SELECT … WHERE <conflict>`), which aborts the whole
 * batch atomically; the error names the constraint `write_conflict`.
 */
export const writeGuard = sqliteTable("write_guard", { reason: text("reason") }, () => [check("write_conflict", sql`0`)]);
