import { type SQLWrapper, sql } from "drizzle-orm";
import { writeGuard as writeGuardTable } from "../db/schema";
import type { Database } from "./db";

/**
 * D1 has no interactive transactions: a write decides inside its one
 * `batch()` whether stored data contradicts it, never by reading first and
 * writing in a second round trip. A guard statement inserts into the
 * `write_guard` table, whose CHECK fails every insert, when its condition
 * finds a row; the failure aborts the whole batch (a batch is one SQL
 * transaction), so nothing of it is written.
 */
export function writeGuard(db: Database, conflictingRows: SQLWrapper) {
  return db.insert(writeGuardTable).select(sql`SELECT 'conflict' WHERE EXISTS (${conflictingRows.getSQL()})`);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`;
  return String(error);
}

/** Whether a batch was aborted by a `writeGuard` statement. */
export function isWriteConflict(error: unknown): boolean {
  return messageOf(error).includes("write_conflict");
}

/** A UNIQUE, PRIMARY KEY, FOREIGN KEY or CHECK violation: the request contradicts stored data, never a server fault. */
export function isConstraintViolation(error: unknown): boolean {
  return /constraint failed|SQLITE_CONSTRAINT/i.test(messageOf(error));
}
