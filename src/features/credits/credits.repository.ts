import { sql } from "drizzle-orm";
import { billingPeriods, reports } from "../../db/schema";
import type { Database } from "../../lib/db";
import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import { writeGuard } from "../../lib/write-conflict";

export const CREDITS_DATA = "credits";

/** Messages as stored, ready to insert; amounts in hundredths. */
export interface StoredMessage {
  id: number;
  timestamp: string;
  ts: number;
  text: string;
  reportId: number | null;
  textCredits: number;
  credits: number;
}

export interface ReportRow {
  id: number;
  name: string;
  creditCost: number;
}

/** Rows per bound JSON value stay well under D1's ~1 MB cap: texts are chunked by encoded size. */
const MAX_PAYLOAD_CHARS = 600_000;

const bumpVersion = (d1: D1Database) => bumpDataVersion(d1, CREDITS_DATA);

export async function dataVersion(d1: D1Database): Promise<number> {
  const row = await d1.prepare("SELECT version FROM data_versions WHERE name = ?1").bind(CREDITS_DATA).first<{ version: number }>();
  return row?.version ?? 0;
}

export async function reportsById(db: Database, ids: number[]): Promise<Map<number, ReportRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(reports)
    .where(sql`${reports.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  return new Map(rows.map((row) => [row.id, row]));
}

export async function listReports(d1: D1Database) {
  const { results } = await d1
    .prepare(
      `SELECT r.id, r.name, r.credit_cost AS creditCost, (SELECT count(*) FROM messages m WHERE m.report_id = r.id) AS messages
       FROM reports r ORDER BY r.id`,
    )
    .all<ReportRow & { messages: number }>();
  return results;
}

function chunkBySize<T>(rows: readonly T[], encode: (row: T) => unknown[]): string[] {
  const chunks: string[] = [];
  let current: unknown[][] = [];
  let size = 0;
  for (const row of rows) {
    const encoded = encode(row);
    const length = JSON.stringify(encoded).length;
    if (current.length > 0 && size + length > MAX_PAYLOAD_CHARS) {
      chunks.push(JSON.stringify(current));
      current = [];
      size = 0;
    }
    current.push(encoded);
    size += length;
  }
  if (current.length > 0) chunks.push(JSON.stringify(current));
  return chunks;
}

/** Messages to insert, without their effective price: the batch takes it from the reports it meets. */
export type NewMessage = Omit<StoredMessage, "credits">;

/** A message as the batch's JSON rows carry it; CONFLICTING_MESSAGES and the insert read these positions. */
const encodeMessage = (m: NewMessage) => [m.id, m.timestamp, m.ts, m.text, m.reportId, m.textCredits];

/** Stored messages whose timestamp, text or report id differ from the payload's rows of the same id. */
const CONFLICTING_MESSAGES = `SELECT m.id FROM json_each(?1) AS j JOIN messages AS m ON m.id = j.value ->> 0
  WHERE m.timestamp IS NOT j.value ->> 1 OR m.text IS NOT j.value ->> 3 OR m.report_id IS NOT j.value ->> 4`;

/**
 * Inserts messages atomically; ids already stored with the same content are
 * left alone. Everything is decided inside the one batch: a stored message
 * with other content aborts it (a write guard) and nothing is written, and
 * each new message's price is its report's cost as stored at that moment.
 */
export async function insertMessages(d1: D1Database, rows: readonly NewMessage[]): Promise<{ inserted: number; version: number }> {
  const chunks = chunkBySize(rows, encodeMessage);
  const statements = chunks.flatMap((payload) => [
    writeGuard(d1, CONFLICTING_MESSAGES, payload),
    d1
      .prepare(
        `INSERT INTO messages (id, timestamp, ts, text, report_id, text_credits, credits)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
           coalesce((SELECT r.credit_cost FROM reports AS r WHERE r.id = j.value ->> 4), j.value ->> 5)
         FROM json_each(?1) AS j WHERE true
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(payload),
  ]);
  const results = await d1.batch([...statements, bumpVersion(d1)]);
  const inserted = results.slice(0, statements.length).reduce((sum, result, i) => sum + (i % 2 === 1 ? result.meta.changes : 0), 0);
  return { inserted, version: bumpedVersion(results.at(-1)) };
}

/** Which of these messages are stored with other content (stored messages never change, so this stays true). */
export async function conflictingMessages(d1: D1Database, rows: readonly NewMessage[]): Promise<number[]> {
  const ids: number[] = [];
  for (const payload of chunkBySize(rows, encodeMessage)) {
    const { results } = await d1.prepare(CONFLICTING_MESSAGES).bind(payload).all<{ id: number }>();
    ids.push(...results.map((row) => row.id));
  }
  return ids;
}

export interface ReportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  repriced: number;
  version: number;
}

/**
 * Upserts reports and re-prices every message that names one whose cost is
 * new or changed, in one atomic batch: a report that appears after its
 * messages, or changes price, is reflected at once. The batch's first
 * statement reads the reports as they were, so the counts describe exactly
 * what this write changed, whatever other writers did before or after.
 */
export async function upsertReports(d1: D1Database, rows: readonly ReportRow[]): Promise<ReportCounts> {
  const payload = JSON.stringify(rows.map((r) => [r.id, r.name, r.creditCost]));
  const ids = JSON.stringify(rows.map((r) => r.id));
  const [before, , repriced, version] = await d1.batch([
    d1
      .prepare("SELECT id, name, credit_cost AS creditCost FROM reports WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(ids),
    d1
      .prepare(
        `INSERT INTO reports (id, name, credit_cost)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?1) AS j WHERE true
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, credit_cost = excluded.credit_cost`,
      )
      .bind(payload),
    d1
      .prepare(
        `UPDATE messages SET credits = r.credit_cost
         FROM reports AS r
         WHERE messages.report_id = r.id AND r.id IN (SELECT value FROM json_each(?1)) AND messages.credits <> r.credit_cost`,
      )
      .bind(ids),
    bumpVersion(d1),
  ]);
  const stored = new Map((before!.results as ReportRow[]).map((row) => [row.id, row]));
  const counts: ReportCounts = { inserted: 0, updated: 0, unchanged: 0, repriced: repriced!.meta.changes, version: bumpedVersion(version) };
  for (const row of new Map(rows.map((r) => [r.id, r])).values()) {
    const old = stored.get(row.id);
    if (!old) counts.inserted++;
    else if (old.name !== row.name || old.creditCost !== row.creditCost) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

export async function currentPeriod(db: Database) {
  const [row] = await db.select().from(billingPeriods).where(sql`${billingPeriods.name} = 'current'`);
  return row;
}

/** Sets the current period; answers the credits data version of this write (the last version's period is stored). */
export async function setCurrentPeriod(d1: D1Database, period: { start: string; end: string; startMs: number; endMs: number }): Promise<number> {
  const [, version] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO billing_periods (name, start, end, start_ms, end_ms) VALUES ('current', ?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET start = excluded.start, end = excluded.end, start_ms = excluded.start_ms, end_ms = excluded.end_ms`,
      )
      .bind(period.start, period.end, period.startMs, period.endMs),
    bumpVersion(d1),
  ]);
  return bumpedVersion(version);
}

export interface UsageRow {
  id: number;
  timestamp: string;
  reportName: string | null;
  credits: number;
  ts: number;
}

/** One page of usage rows after (ts, id), in (timestamp, id) order, for streaming large periods. */
export async function usagePage(d1: D1Database, from: number, to: number, after: { ts: number; id: number } | undefined, limit: number): Promise<UsageRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT m.id, m.timestamp, m.ts, r.name AS reportName, m.credits
       FROM messages AS m LEFT JOIN reports AS r ON r.id = m.report_id
       WHERE m.ts >= ?1 AND m.ts < ?2 AND (?3 IS NULL OR m.ts > ?3 OR (m.ts = ?3 AND m.id > ?4))
       ORDER BY m.ts, m.id LIMIT ?5`,
    )
    // The first page has no cursor (NULL), not a sentinel time: instants before 1970 are negative.
    .bind(from, to, after?.ts ?? null, after?.id ?? null, limit)
    .all<UsageRow>();
  return results;
}

export async function usageTotals(d1: D1Database, from: number, to: number) {
  const { results } = await d1
    .prepare(
      `SELECT r.name AS reportName, count(*) AS messages, sum(m.credits) AS credits
       FROM messages AS m LEFT JOIN reports AS r ON r.id = m.report_id
       WHERE m.ts >= ?1 AND m.ts < ?2
       GROUP BY r.name ORDER BY r.name IS NULL, r.name`,
    )
    .bind(from, to)
    .all<{ reportName: string | null; messages: number; credits: number }>();
  return results;
}

export async function dailyTotals(d1: D1Database, from: number, to: number) {
  const { results } = await d1
    .prepare(
      // SQLite's integer division truncates toward zero: floor it, so instants before 1970 fall on their own day.
      `SELECT (ts - ((ts % 86400000) + 86400000) % 86400000) / 86400000 AS day, count(*) AS messages, sum(credits) AS credits
       FROM messages WHERE ts >= ?1 AND ts < ?2 GROUP BY day ORDER BY day`,
    )
    .bind(from, to)
    .all<{ day: number; messages: number; credits: number }>();
  return results;
}

export async function countInWindow(d1: D1Database, from: number, to: number): Promise<number> {
  const row = await d1.prepare("SELECT count(*) AS n FROM messages WHERE ts >= ?1 AND ts < ?2").bind(from, to).first<{ n: number }>();
  return row?.n ?? 0;
}

export async function findMessage(d1: D1Database, id: number) {
  return d1
    .prepare("SELECT id, timestamp, text, report_id AS reportId, credits FROM messages WHERE id = ?1")
    .bind(id)
    .first<{ id: number; timestamp: string; text: string; reportId: number | null; credits: number }>();
}

