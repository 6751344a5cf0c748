/**
 * The Credit Usage table's sort, as its URL carries it: `sort=report,-credits`
 * is "by report name ascending, then credits used descending". The column
 * clicked first is the primary key. Shared by the server render and the
 * page's script, so both order rows identically.
 */
export type SortColumn = "report" | "credits";
export type SortDirection = "asc" | "desc";
export interface SortKey {
  column: SortColumn;
  direction: SortDirection;
}

export const SORT_COLUMNS: readonly SortColumn[] = ["report", "credits"];

/** A row as the table orders it: the original order is (timestamp, id). */
export interface SortableRow {
  id: number;
  ts: number;
  reportName: string | null;
  credits: number;
}

/** Reads `sort`; unknown or repeated columns are ignored, so any shared URL still opens. */
export function parseSort(text: string | undefined | null): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of (text ?? "").split(",")) {
    const descending = part.startsWith("-");
    const column = descending ? part.slice(1) : part;
    if (!SORT_COLUMNS.includes(column as SortColumn) || keys.some((key) => key.column === column)) continue;
    keys.push({ column: column as SortColumn, direction: descending ? "desc" : "asc" });
  }
  return keys;
}

export function formatSort(keys: readonly SortKey[]): string {
  return keys.map((key) => (key.direction === "desc" ? "-" : "") + key.column).join(",");
}

/** A click on a column: unsorted → ascending (after the keys already set) → descending → unsorted. */
export function toggleSort(keys: readonly SortKey[], column: SortColumn): SortKey[] {
  const current = keys.find((key) => key.column === column);
  if (!current) return [...keys, { column, direction: "asc" }];
  if (current.direction === "asc") return keys.map((key) => (key.column === column ? { column, direction: "desc" } : key));
  return keys.filter((key) => key.column !== column);
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Ascending: named reports by name, then messages without a report; descending is its exact reverse. */
function compareReport(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}

/** Each distinct report name's place in ascending order, so a sort of thousands of rows compares integers. */
function reportRanks(rows: readonly SortableRow[]): Map<string | null, number> {
  const names = [...new Set(rows.map((row) => row.reportName))].sort(compareReport);
  return new Map(names.map((name, rank) => [name, rank]));
}

/** The original order: timestamp, then id. */
export function compareOriginal(a: SortableRow, b: SortableRow): number {
  return a.ts - b.ts || a.id - b.id;
}

/** Sorts rows by the keys in order, ties in the original order. */
export function sortRows<T extends SortableRow>(rows: readonly T[], keys: readonly SortKey[]): T[] {
  const ranks = reportRanks(rows);
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const order = key.column === "report" ? ranks.get(a.reportName)! - ranks.get(b.reportName)! : a.credits - b.credits;
      if (order !== 0) return key.direction === "asc" ? order : -order;
    }
    return compareOriginal(a, b);
  });
}

/** `aria-sort` of a column header: only the primary key is announced as the table's sort. */
export function ariaSort(keys: readonly SortKey[], column: SortColumn): "ascending" | "descending" | "none" {
  const index = keys.findIndex((key) => key.column === column);
  if (index !== 0) return "none";
  return keys[0]!.direction === "asc" ? "ascending" : "descending";
}

export const COLUMN_NAMES: Record<SortColumn, string> = { report: "Report Name", credits: "Credits Used" };

/** How the caption says the table is ordered. */
export function describeSort(keys: readonly SortKey[]): string {
  if (keys.length === 0) return "in time order (timestamp, then message id)";
  const parts = keys.map((key) => `${COLUMN_NAMES[key.column]} ${key.direction === "asc" ? "ascending" : "descending"}`);
  return `by ${parts.join(", then ")}, ties in time order`;
}

/** The header's visible mark (▲ or ▼, numbered when both columns sort) and what a screen reader hears instead. */
export function sortMark(keys: readonly SortKey[], column: SortColumn): { mark: string; spoken: string } {
  const index = keys.findIndex((key) => key.column === column);
  const key = keys[index];
  if (!key) return { mark: "", spoken: "" };
  const position = keys.length > 1 ? index + 1 : "";
  const direction = key.direction === "asc" ? "ascending" : "descending";
  return {
    mark: `${key.direction === "asc" ? "▲" : "▼"}${position}`,
    spoken: `, sorted ${direction}${keys.length > 1 ? `, key ${index + 1}` : ""}`,
  };
}
