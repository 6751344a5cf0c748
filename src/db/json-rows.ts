import { type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/*
 * D1 allows 100 bound parameters per statement, so bulk values travel as one
 * bound JSON value that SQLite expands with json_each: a list of values, or
 * rows as arrays, where `j.value ->> i` is a row's i-th value.
 */

/** `column IN (values)`, one bound parameter whatever the number of values. */
export function inJsonArray(column: AnySQLiteColumn, values: readonly unknown[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** The rows of a JSON array of arrays, as a FROM source named `j`. */
export function jsonRows(payload: string): SQL {
  return sql`json_each(${payload}) AS j`;
}

/** The i-th value of the current `j` row. */
export function field(index: number): SQL {
  return sql.raw(`j.value ->> ${index}`);
}

/**
 * The source of an INSERT … SELECT from JSON rows. `WHERE true` lets an
 * ON CONFLICT clause follow: without it SQLite would parse ON as a join's.
 */
export function selectJsonRows(payload: string, values: readonly SQL[]): SQL {
  return sql`SELECT ${sql.join([...values], sql`, `)} FROM ${jsonRows(payload)} WHERE true`;
}

/** The value an upsert proposed for a column, in ON CONFLICT … DO UPDATE SET. */
export function excluded(column: AnySQLiteColumn): SQL {
  return sql`excluded.${bare(column)}`;
}

/** A column's unqualified name, where SQL takes no table prefix: INSERT column lists and SET targets. */
export function bare(column: AnySQLiteColumn): SQL {
  return sql`${sql.identifier(column.name)}`;
}

/** An INSERT column list. */
export function columnList(columns: readonly AnySQLiteColumn[]): SQL {
  return sql.join(columns.map(bare), sql`, `);
}
