import { formatInstant } from "../../../lib/instant";
import * as repository from "../credits.repository";
import { type DayUsage, everyDay } from "../daily-usage";
import { toCredits } from "../text-pricing";
import { CACHEABLE_MESSAGES, usagePages } from "../usage-body";

/** The table holds at most this many rows; a larger window says so and offers the CSV of all of them. */
export const MAX_TABLE_ROWS = CACHEABLE_MESSAGES;

export interface UsageWindow {
  from: number;
  to: number;
  fromText: string;
  toText: string;
  /** The current billing period, or a window the URL asked for. */
  kind: "period" | "window";
}

export interface UsageView {
  window: UsageWindow;
  /** Messages in (timestamp, id) order; credits as credits (two decimals). */
  rows: repository.UsageRow[];
  /** Messages in the window, also when the table holds fewer. */
  messageCount: number;
  totals: { credits: number; byReport: Array<{ reportName: string | null; messages: number; credits: number }> };
  /** One entry per UTC day from the first to the last day with messages. */
  days: DayUsage[];
}

export function usageWindow(from: number, to: number, kind: UsageWindow["kind"]): UsageWindow {
  return { from, to, fromText: formatInstant(from), toText: formatInstant(to), kind };
}

/** Everything the dashboard shows for a window, read with the same queries as GET /usage, /v1/usage and /v1/usage/daily. */
export async function loadUsageView(d1: D1Database, window: UsageWindow, maxRows = MAX_TABLE_ROWS): Promise<UsageView> {
  const [groups, dayTotals, rows] = await Promise.all([
    repository.usageTotals(d1, window.from, window.to),
    repository.dailyTotals(d1, window.from, window.to),
    usageRows(d1, window, maxRows),
  ]);
  const first = dayTotals[0]?.day;
  const last = dayTotals.at(-1)?.day;
  return {
    window,
    rows: rows.map((row) => ({ ...row, credits: toCredits(row.credits) })),
    messageCount: groups.reduce((sum, group) => sum + group.messages, 0),
    totals: {
      credits: toCredits(groups.reduce((sum, group) => sum + group.credits, 0)),
      byReport: groups.map((group) => ({ reportName: group.reportName, messages: group.messages, credits: toCredits(group.credits) })),
    },
    days: first === undefined || last === undefined ? [] : everyDay(dayTotals, first, last),
  };
}

async function usageRows(d1: D1Database, window: UsageWindow, maxRows: number): Promise<repository.UsageRow[]> {
  const rows: repository.UsageRow[] = [];
  for await (const page of usagePages(d1, window.from, window.to)) {
    rows.push(...page.slice(0, maxRows - rows.length));
    if (rows.length >= maxRows) break;
  }
  return rows;
}
