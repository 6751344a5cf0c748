import { csvLine } from "../../../lib/csv";
import { formatCredits, formatDayMonthYearTime } from "../../../web/format";
import type { UsageRow } from "../credits.repository";
import { toCredits } from "../text-pricing";
import { usagePages } from "../usage-body";
import { type SortKey, sortRows } from "./usage-sort";
import type { UsageWindow } from "./usage-view";

const HEADER = csvLine(["Message ID", "Timestamp", "Report Name", "Credits Used"]);

/**
 * A sorted CSV orders every row of the window in memory (about 150 bytes a row in the isolate); past this many
 * messages the dashboard offers the CSV in time order only, which streams.
 */
export const MAX_SORTED_CSV_ROWS = 200_000;

/** A row as the table shows it; `credits` in credits. */
function line(row: UsageRow): string {
  return csvLine([row.id, formatDayMonthYearTime(row.timestamp), row.reportName ?? "", formatCredits(row.credits)]);
}

/** The CSV of rows already in the table's order, credits in credits. */
export function usageCsv(rows: readonly UsageRow[]): string {
  return HEADER + rows.map(line).join("");
}

const inCredits = (row: UsageRow): UsageRow => ({ ...row, credits: toCredits(row.credits) });

/**
 * The CSV of a window too large for the table: in time order straight from D1, page by page; sorted, every row is
 * read and ordered first (at most MAX_SORTED_CSV_ROWS, which the caller checks against the window's count).
 */
export async function* usageCsvChunks(d1: D1Database, window: UsageWindow, sort: readonly SortKey[]): AsyncGenerator<string> {
  yield HEADER;
  if (sort.length === 0) {
    for await (const page of usagePages(d1, window.from, window.to)) yield page.map((row) => line(inCredits(row))).join("");
    return;
  }
  const rows: UsageRow[] = [];
  for await (const page of usagePages(d1, window.from, window.to)) {
    for (const row of page) rows.push(inCredits(row));
    // Messages that arrived since the count: stop rather than outgrow the isolate; the transfer fails, visibly.
    if (rows.length > MAX_SORTED_CSV_ROWS) throw new Error(`a sorted CSV holds at most ${MAX_SORTED_CSV_ROWS} messages`);
  }
  const sorted = sortRows(rows, sort);
  for (let start = 0; start < sorted.length; start += 5_000)
    yield sorted
      .slice(start, start + 5_000)
      .map(line)
      .join("");
}
