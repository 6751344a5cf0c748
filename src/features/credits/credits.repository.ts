import { and, asc, count, eq, gt, gte, lt, ne, or, type SQL, sql, sum } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { excluded, field, inJsonArray, jsonRows, selectJsonRows } from "../../db/json-rows";
import { billingPeriods, dataVersions, messages, reports } from "../../db/schema";
import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import { type Database, database } from "../../lib/db";
import { writeGuard } from "../../lib/write-conflict";

export const CREDITS_DATA = "credits";

/** The one billing period the service keeps. */
const CURRENT_PERIOD = "current";

/** Messages as stored; amounts in hundredths. */
export type StoredMessage = typeof messages.$inferSelect;

export type ReportRow = typeof reports.$inferSelect;

/** Rows per bound JSON value stay well under D1's ~1 MB cap: texts are chunked by encoded size. */
const MAX_PAYLOAD_CHARS = 600_000;

export async function reportsById(db: Database, ids: number[]): Promise<Map<number, ReportRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(reports).where(inJsonArray(reports.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

export function listReports(d1: D1Database) {
  const db = database(d1);
  return db
    .select({
      id: reports.id,
      name: reports.name,
      creditCost: reports.creditCost,
      messages: db.$count(messages, eq(messages.reportId, reports.id)),
    })
    .from(reports)
    .orderBy(asc(reports.id));
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

/** A message as the batch's JSON rows carry it; conflictingMessagesIn and the insert read these positions. */
const encodeMessage = (m: NewMessage) => [m.id, m.timestamp, m.ts, m.text, m.reportId, m.textCredits];

/** Stored messages whose timestamp, text or report id differ from the payload's rows of the same id. */
function conflictingMessagesIn(db: Database, payload: string) {
  return db
    .select({ id: messages.id })
    .from(jsonRows(payload))
    .innerJoin(messages, eq(messages.id, field(0)))
    .where(
      or(
        sql`${messages.timestamp} IS NOT ${field(1)}`,
        sql`${messages.text} IS NOT ${field(3)}`,
        sql`${messages.reportId} IS NOT ${field(4)}`,
      ),
    );
}

/** A new message's price: its report's cost as stored when the batch runs, else its text price. */
function effectiveCredits(db: Database): SQL {
  const reportCost = db
    .select({ creditCost: reports.creditCost })
    .from(reports)
    .where(eq(reports.id, field(4)));
  return sql`coalesce(${reportCost}, ${field(5)})`;
}

/**
 * Inserts messages atomically; ids already stored with the same content are
 * left alone. Everything is decided inside the one batch: a stored message
 * with other content aborts it (a write guard) and nothing is written, and
 * each new message's price is its report's cost as stored at that moment.
 */
export async function insertMessages(d1: D1Database, rows: readonly NewMessage[]): Promise<{ inserted: number; version: number }> {
  const db = database(d1);
  const chunks = chunkBySize(rows, encodeMessage);
  const statements = chunks.flatMap((payload) => [
    writeGuard(db, conflictingMessagesIn(db, payload)),
    db
      .insert(messages)
      .select(selectJsonRows(payload, [field(0), field(1), field(2), field(3), field(4), field(5), effectiveCredits(db)]))
      .onConflictDoNothing({ target: messages.id }),
  ]);
  const results = await runBatch(db, [...statements, bumpDataVersion(db, CREDITS_DATA)]);
  const written = results.slice(0, statements.length) as D1Result[];
  const inserted = written.reduce((sum, result, i) => sum + (i % 2 === 1 ? result.meta.changes : 0), 0);
  return { inserted, version: bumpedVersion(results.at(-1) as Array<{ version: number }>) };
}

/** Which of these messages are stored with other content (stored messages never change, so this stays true). */
export async function conflictingMessages(d1: D1Database, rows: readonly NewMessage[]): Promise<number[]> {
  const db = database(d1);
  const ids: number[] = [];
  for (const payload of chunkBySize(rows, encodeMessage)) {
    const found = await conflictingMessagesIn(db, payload);
    ids.push(...found.map((row) => row.id));
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
  const db = database(d1);
  const payload = JSON.stringify(rows.map((r) => [r.id, r.name, r.creditCost]));
  const ids = rows.map((r) => r.id);
  const [before, , repriced, version] = await db.batch([
    db.select().from(reports).where(inJsonArray(reports.id, ids)),
    db
      .insert(reports)
      .select(selectJsonRows(payload, [field(0), field(1), field(2)]))
      .onConflictDoUpdate({ target: reports.id, set: { name: excluded(reports.name), creditCost: excluded(reports.creditCost) } }),
    db
      .update(messages)
      .set({ credits: sql`${reports.creditCost}` })
      .from(reports)
      .where(and(eq(messages.reportId, reports.id), inJsonArray(reports.id, ids), ne(messages.credits, reports.creditCost))),
    bumpDataVersion(db, CREDITS_DATA),
  ]);
  const stored = new Map(before.map((row) => [row.id, row]));
  const counts: ReportCounts = { inserted: 0, updated: 0, unchanged: 0, repriced: repriced.meta.changes, version: bumpedVersion(version) };
  for (const row of new Map(rows.map((r) => [r.id, r])).values()) {
    const old = stored.get(row.id);
    if (!old) counts.inserted++;
    else if (old.name !== row.name || old.creditCost !== row.creditCost) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

export async function currentPeriod(db: Database) {
  const [row] = await db.select().from(billingPeriods).where(eq(billingPeriods.name, CURRENT_PERIOD));
  return row;
}

/** The credits data version and the current period, read together in one round trip (one batch, one snapshot). */
export async function versionAndPeriod(d1: D1Database) {
  const db = database(d1);
  const [[version], [period]] = await db.batch([
    db.select({ version: dataVersions.version }).from(dataVersions).where(eq(dataVersions.name, CREDITS_DATA)),
    db.select().from(billingPeriods).where(eq(billingPeriods.name, CURRENT_PERIOD)),
  ]);
  return { version: version?.version ?? 0, period };
}

/** Sets the current period; answers the credits data version of this write (the last version's period is stored). */
export async function setCurrentPeriod(
  d1: D1Database,
  period: { start: string; end: string; startMs: number; endMs: number },
): Promise<number> {
  const db = database(d1);
  const [, version] = await db.batch([
    db
      .insert(billingPeriods)
      .values({ name: CURRENT_PERIOD, ...period })
      .onConflictDoUpdate({
        target: billingPeriods.name,
        set: {
          start: excluded(billingPeriods.start),
          end: excluded(billingPeriods.end),
          startMs: excluded(billingPeriods.startMs),
          endMs: excluded(billingPeriods.endMs),
        },
      }),
    bumpDataVersion(db, CREDITS_DATA),
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

const inWindow = (from: number, to: number) => and(gte(messages.ts, from), lt(messages.ts, to));

/** One page of usage rows after (ts, id), in (timestamp, id) order, for streaming large periods. */
export function usagePage(
  d1: D1Database,
  from: number,
  to: number,
  after: { ts: number; id: number } | undefined,
  limit: number,
): Promise<UsageRow[]> {
  // The first page has no cursor, rather than a sentinel time: instants before 1970 are negative.
  const afterCursor = after && or(gt(messages.ts, after.ts), and(eq(messages.ts, after.ts), gt(messages.id, after.id)));
  return database(d1)
    .select({ id: messages.id, timestamp: messages.timestamp, ts: messages.ts, reportName: reports.name, credits: messages.credits })
    .from(messages)
    .leftJoin(reports, eq(reports.id, messages.reportId))
    .where(and(inWindow(from, to), afterCursor))
    .orderBy(asc(messages.ts), asc(messages.id))
    .limit(limit);
}

export function usageTotals(d1: D1Database, from: number, to: number) {
  return database(d1)
    .select({ reportName: reports.name, messages: count(), credits: sum(messages.credits).mapWith(Number) })
    .from(messages)
    .leftJoin(reports, eq(reports.id, messages.reportId))
    .where(inWindow(from, to))
    .groupBy(reports.name)
    .orderBy(sql`${reports.name} IS NULL`, asc(reports.name));
}

export function dailyTotals(d1: D1Database, from: number, to: number) {
  // SQLite's integer division truncates toward zero: floor it, so instants before 1970 fall on their own day.
  const day = sql<number>`(${messages.ts} - ((${messages.ts} % 86400000) + 86400000) % 86400000) / 86400000`.as("day");
  return database(d1)
    .select({ day, messages: count(), credits: sum(messages.credits).mapWith(Number) })
    .from(messages)
    .where(inWindow(from, to))
    .groupBy(({ day }) => day)
    .orderBy(({ day }) => day);
}

export function countInWindow(d1: D1Database, from: number, to: number): Promise<number> {
  const db = database(d1);
  return db.$count(messages, inWindow(from, to));
}

export async function findMessage(d1: D1Database, id: number) {
  const [row] = await database(d1)
    .select({ id: messages.id, timestamp: messages.timestamp, text: messages.text, reportId: messages.reportId, credits: messages.credits })
    .from(messages)
    .where(eq(messages.id, id));
  return row;
}
