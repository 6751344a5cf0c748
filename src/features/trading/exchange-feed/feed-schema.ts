/**
 * The ExchangeFeed's SQLite tables. Idempotent, so the object applies them on every start; a later change
 * adds statements here rather than editing these.
 */
const STATEMENTS = [
  // `seq` is the arrival order: pagination walks it, so pages stay stable while deals keep arriving
  // (new deals only ever land after the last page).
  `CREATE TABLE IF NOT EXISTS deals (
     id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL UNIQUE,
     trader_id TEXT NOT NULL,
     delivery_day TEXT NOT NULL,
     delivery_hour TEXT NOT NULL,
     direction TEXT NOT NULL CHECK (direction IN ('buy', 'sell')),
     price_cents INTEGER NOT NULL,
     quantity_tenths INTEGER NOT NULL CHECK (quantity_tenths > 0),
     execution_time TEXT NOT NULL,
     executed_at TEXT NOT NULL,
     received_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS deals_by_trader_day ON deals (trader_id, delivery_day, seq)`,
  `CREATE INDEX IF NOT EXISTS deals_by_day ON deals (delivery_day, seq)`,
  // Values are Σ quantity_tenths × price_cents (tenth-cents), so every report figure is one exact division.
  `CREATE TABLE IF NOT EXISTS trader_hours (
     trader_id TEXT NOT NULL,
     delivery_day TEXT NOT NULL,
     delivery_hour TEXT NOT NULL,
     trades INTEGER NOT NULL,
     bought_tenths INTEGER NOT NULL,
     sold_tenths INTEGER NOT NULL,
     buy_value INTEGER NOT NULL,
     sell_value INTEGER NOT NULL,
     last_deal_at TEXT NOT NULL,
     PRIMARY KEY (trader_id, delivery_day, delivery_hour)
   ) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS trader_hours_by_period ON trader_hours (delivery_day, delivery_hour)`,
  // A handful of traders: listing them must not scan every deal.
  `CREATE TABLE IF NOT EXISTS traders (
     trader_id TEXT PRIMARY KEY,
     deals INTEGER NOT NULL,
     last_deal_at TEXT NOT NULL
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS feed_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     frames INTEGER NOT NULL DEFAULT 0,
     deals_stored INTEGER NOT NULL DEFAULT 0,
     duplicates_ignored INTEGER NOT NULL DEFAULT 0,
     malformed_rejected INTEGER NOT NULL DEFAULT 0,
     connections INTEGER NOT NULL DEFAULT 0,
     reconnects INTEGER NOT NULL DEFAULT 0,
     last_frame_at TEXT,
     last_error TEXT,
     last_error_at TEXT,
     connected_since TEXT
   )`,
  `INSERT OR IGNORE INTO feed_state (id) VALUES (1)`,
];

export function migrateFeedSchema(sql: SqlStorage): void {
  for (const statement of STATEMENTS) sql.exec(statement);
}
