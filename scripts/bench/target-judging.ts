/**
 * Whether each benchmark met its target, and what `--strict` counts as a
 * miss. The HTTP figures a target is checked against are worked out by
 * build-results.ts; micro and dataset targets arrive already judged.
 */
import { type BenchResults, httpRows } from "./bench-results";
import type { HttpScenario, HttpTarget, PageTarget } from "./registry";

/** The header a route uses to say how many storage rows it read; `target.maxRowsRead` is checked against it. */
export const ROWS_READ_HEADER = "X-Rows-Read";

/** The headers the harness records for a scenario: those it asks for, plus X-Rows-Read when a target bounds it. */
export function headersToRecord(scenario: Pick<HttpScenario, "recordHeaders" | "target">): string[] {
  const names = [...(scenario.recordHeaders ?? [])];
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (scenario.target?.maxRowsRead !== undefined && !has(ROWS_READ_HEADER)) names.push(ROWS_READ_HEADER);
  return names;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

export function rowsReadOf(headers: Record<string, string>): number | null {
  const raw = headerValue(headers, ROWS_READ_HEADER);
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** What a target is checked against. */
export interface TargetFigures {
  failed: boolean;
  ratioToHealth: number | null;
  p99Ms: number;
  latencyRatio: number | null;
  rowsRead: number | null;
}

/** A failed scenario never meets its target; an unmeasurable figure does not either. */
export function httpTargetMet(target: HttpTarget | undefined | null, figures: TargetFigures): boolean | null {
  if (!target) return null;
  if (figures.failed) return false;
  if (target.minRatioToHealth !== undefined && (figures.ratioToHealth === null || figures.ratioToHealth < target.minRatioToHealth))
    return false;
  if (target.maxP99Ms !== undefined && figures.p99Ms > target.maxP99Ms) return false;
  if (target.maxLatencyRatio !== undefined && (figures.latencyRatio === null || figures.latencyRatio > target.maxLatencyRatio.ratio))
    return false;
  if (target.maxRowsRead !== undefined && (figures.rowsRead === null || figures.rowsRead > target.maxRowsRead)) return false;
  return true;
}

/** A page benchmark that broke never meets its target, even when the runs before the break were fast. */
export function pageTargetMet(target: PageTarget | undefined | null, medianMs: number | null, failed: boolean): boolean | null {
  if (!target) return null;
  if (failed || medianMs === null) return false;
  return medianMs <= target.maxMedianMs;
}

/** Names of everything that missed its target or failed: what `--strict` turns into exit code 1. */
export function missedTargets(results: BenchResults): string[] {
  const missed: string[] = [];
  for (const r of httpRows(results)) if (r.failed || r.met === false) missed.push(r.name);
  for (const r of results.micro) if (r.met === false) missed.push(r.name);
  for (const r of results.pages) if (r.error !== undefined || r.met === false) missed.push(r.name);
  for (const r of results.live) if (r.error !== undefined || r.met === false) missed.push(r.name);
  for (const r of results.datasets) if (r.met === false) missed.push(r.name);
  return missed;
}
