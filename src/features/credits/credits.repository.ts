import { sql } from "drizzle-orm";
import { billingPeriods, reports } from "../../db/schema";
import type { Database } from "../../lib/db";

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

export function bumpVersion(d1: D1Database): D1PreparedStatement {
  return d1
    .prepare("INSERT INTO data_versions (name, version) VALUES (?1, 1) ON CONFLICT (name) DO UPDATE SET version = version + 1")
    .bind(CREDITS_DATA);
}

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

export async function existingMessages(d1: D1Database, ids: number[]) {
  const { results } = await d1
    .prepare("SELECT id, timestamp, text, report_id AS reportId, credits FROM messages WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<{ id: number; timestamp: string; text: string; reportId: number | null; credits: number }>();
  return new Map(results.map((row) => [row.id, row]));
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

/** Inserts new messages (already priced) atomically; ids already stored are left alone. */
export async function insertMessages(d1: D1Database, rows: readonly StoredMessage[]): Promise<number> {
  if (rows.length === 0) return 0;
  const statements = chunkBySize(rows, (m) => [m.id, m.timestamp, m.ts, m.text, m.reportId, m.textCredits, m.credits]).map((payload) =>
    d1
      .prepare(
        `INSERT INTO messages (id, timestamp, ts, text, report_id, text_credits, credits)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6
         FROM json_each(?1) AS j WHERE true
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(payload),
  );
  const results = await d1.batch([...statements, bumpVersion(d1)]);
  return results.slice(0, statements.length).reduce((sum, result) => sum + result.meta.changes, 0);
}

/**
 * Upserts reports and re-prices every message that names one whose cost is
 * new or changed, in one atomic batch: a report that appears after its
 * messages, or changes price, is reflected at once.
 */
export async function upsertReports(d1: D1Database, rows: readonly ReportRow[]): Promise<number> {
  const payload = JSON.stringify(rows.map((r) => [r.id, r.name, r.creditCost]));
  const ids = JSON.stringify(rows.map((r) => r.id));
  const [, repriced] = await d1.batch([
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
  return repriced!.meta.changes;
}

export async function currentPeriod(db: Database) {
  const [row] = await db.select().from(billingPeriods).where(sql`${billingPeriods.name} = 'current'`);
  return row;
}

export async function setCurrentPeriod(d1: D1Database, period: { start: string; end: string; startMs: number; endMs: number }) {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO billing_periods (name, start, end, start_ms, end_ms) VALUES ('current', ?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET start = excluded.start, end = excluded.end, start_ms = excluded.start_ms, end_ms = excluded.end_ms`,
      )
      .bind(period.start, period.end, period.startMs, period.endMs),
    bumpVersion(d1),
  ]);
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

