/**
 * What a dashboard holds of one trader's day, kept the way the live route's description asks: the report read after
 * each (re)connect with If-None-Match, and every push applied unless it is older than what is held. Rows and totals
 * carry their deal count (trades), which only grows, so "older" is "fewer trades". Pure, so the rule is tested here.
 */
import type { TraderReportRow, TraderReportView } from "../../src/features/trading/trader-report";

export type ReportTotals = TraderReportView["totals"];

/** The part of a report (or of a view) that is compared: rows by delivery hour, and totals. */
export interface ViewSnapshot {
  rows: TraderReportRow[];
  totals: ReportTotals | null;
}

export class LiveView {
  private readonly rows = new Map<string, TraderReportRow>();
  private totals: ReportTotals | null = null;

  /**
   * Applies the rows and totals of a push or of a report read, each unless it has fewer trades than the one held (an
   * equal count is applied: a reference price may have changed). Returns how many parts were older and left out.
   */
  apply(rows: readonly TraderReportRow[], totals: ReportTotals): number {
    let older = 0;
    for (const row of rows) {
      const held = this.rows.get(row.delivery_hour);
      if (held && held.trades > row.trades) older++;
      else this.rows.set(row.delivery_hour, row);
    }
    if (this.totals && this.totals.trades > totals.trades) older++;
    else this.totals = totals;
    return older;
  }

  snapshot(): ViewSnapshot {
    return { rows: sortedRows(this.rows.values()), totals: this.totals };
  }
}

function sortedRows(rows: Iterable<TraderReportRow>): TraderReportRow[] {
  return [...rows].sort((a, b) => a.delivery_hour.localeCompare(b.delivery_hour));
}

/** JSON with object keys sorted, so two equal values print the same whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * null when the view shows exactly the report (rows and totals; `report` null when the day has no deal yet, which
 * an empty view matches), else what differs, for the soak's output.
 */
export function viewDifference(view: ViewSnapshot, report: Pick<TraderReportView, "rows" | "totals"> | null): string | null {
  const expected: ViewSnapshot = report ? { rows: sortedRows(report.rows), totals: report.totals } : { rows: [], totals: null };
  if (canonicalJson(view) === canonicalJson(expected)) return null;
  const parts: string[] = [];
  const heldTrades = view.totals?.trades ?? 0;
  const reportTrades = expected.totals?.trades ?? 0;
  if (canonicalJson(view.totals) !== canonicalJson(expected.totals)) parts.push(`totals.trades ${heldTrades}, report ${reportTrades}`);
  const held = new Map(view.rows.map((row) => [row.delivery_hour, canonicalJson(row)]));
  const wanted = new Map(expected.rows.map((row) => [row.delivery_hour, canonicalJson(row)]));
  const hours = [...new Set([...held.keys(), ...wanted.keys()])].filter((hour) => held.get(hour) !== wanted.get(hour)).sort();
  if (hours.length) parts.push(`hours ${hours.join(", ")} differ`);
  return parts.join("; ");
}

/** The reconnect delay after `attempt` failures in a row: 250 ms doubling up to 5 s, with jitter (half to all of it). */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(5000, 250 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}
