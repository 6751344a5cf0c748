/**
 * The results as tables: the Markdown that goes between the markers of
 * bench/README.md, and the rows the harness prints with console.table.
 */
import {
  type BenchResults,
  type DatasetResult,
  type HttpResult,
  httpRows,
  type LiveResult,
  type MicroResult,
  type PageResult,
} from "./bench-results";
import type { HttpTarget } from "./registry";
import { ROWS_READ_HEADER } from "./target-judging";

export const RESULTS_START = "<!-- bench:results:start -->";
export const RESULTS_END = "<!-- bench:results:end -->";

function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(headers: string[], rows: string[][]): string {
  const lines = [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

export function httpStatus(r: HttpResult): string {
  if (r.failed) {
    const parts = [
      r.non2xx > 0 ? `${r.non2xx} non-2xx` : "",
      r.errors > 0 ? `${r.errors} errors` : "",
      r.timeouts > 0 ? `${r.timeouts} timeouts` : "",
    ].filter(Boolean);
    return `FAILED (${parts.join(", ")})`;
  }
  return r.met === null ? "measured" : r.met ? "met" : "MISSED";
}

const datasetStatus = (r: DatasetResult) => (r.met === null ? "" : r.met ? "met" : "MISSED");

/** The notes column of a data load, with its target (if any) in front. */
function datasetNotes(r: DatasetResult): string {
  const target = r.target ? `target: ${r.target.description} (${datasetStatus(r)})` : "";
  return [target, extraText(r.extra)].filter(Boolean).join("; ");
}

function microStatus(r: MicroResult): string {
  if (r.error) return `FAILED (${r.error})`;
  return r.met === null ? "measured" : r.met ? "met" : "MISSED";
}

export function liveStatus(r: LiveResult): string {
  if (r.error !== undefined) return `FAILED (${r.error})`;
  return r.met === null ? "measured" : r.met ? "met" : "MISSED";
}

export function pageStatus(r: PageResult): string {
  if (r.error !== undefined) return `FAILED (${r.error})`;
  return r.met === null ? "measured" : r.met ? "met" : "MISSED";
}

function pageTargetText(r: PageResult): string {
  return r.target ? `median ≤ ${formatNumber(r.target.maxMedianMs)} ms (${r.target.description})` : "";
}

function pageRow(r: PageResult): string[] {
  return [
    r.name,
    r.service,
    r.path,
    r.median_ms === null ? "n/a" : formatNumber(r.median_ms),
    r.runs_ms.map(formatNumber).join(", "),
    extraText(r.median_details),
    pageTargetText(r),
    pageStatus(r),
  ];
}

function targetText(target: HttpTarget | null): string {
  if (!target) return "";
  const bounds = [
    target.minRatioToHealth !== undefined ? `≥ ${target.minRatioToHealth}× /health` : "",
    target.maxP99Ms !== undefined ? `p99 ≤ ${target.maxP99Ms} ms` : "",
    target.maxLatencyRatio !== undefined ? `p50 ≤ ${target.maxLatencyRatio.ratio}× "${target.maxLatencyRatio.scenario}"` : "",
    target.maxRowsRead !== undefined ? `≤ ${formatNumber(target.maxRowsRead)} rows read` : "",
  ].filter(Boolean);
  return bounds.length ? `${bounds.join(", ")} (${target.description})` : target.description;
}

export interface CheckRow {
  scenario: string;
  check: string;
  measured: string;
  limit: string;
  status: string;
}

const checkStatus = (met: boolean | null) => (met === null ? "measured" : met ? "met" : "MISSED");

/**
 * One row per figure that is not in the main table: each latency comparison
 * with the scenario it is compared to, and each recorded header (with its
 * bound when it is X-Rows-Read and the target has one).
 */
export function checkRows(results: BenchResults): CheckRow[] {
  const all = httpRows(results);
  const rows: CheckRow[] = [];
  for (const r of all) {
    const compare = r.target?.maxLatencyRatio;
    if (compare) {
      const other = all.find((o) => o.name === compare.scenario);
      rows.push({
        scenario: r.name,
        check: `p50 vs "${compare.scenario}"`,
        measured:
          r.latency_ratio === null
            ? `n/a (${other ? `"${compare.scenario}" failed or took 0 ms` : `"${compare.scenario}" not measured`})`
            : `${r.latency_ratio.toFixed(2)}× (${formatNumber(r.latency_p50_ms)} vs ${formatNumber(other!.latency_p50_ms)} ms)`,
        limit: `≤ ${compare.ratio}×`,
        status: checkStatus(r.latency_ratio !== null && r.latency_ratio <= compare.ratio),
      });
    }
    const names = Object.keys(r.recorded_headers);
    const rowsReadBound = r.target?.maxRowsRead;
    if (rowsReadBound !== undefined && !names.some((n) => n.toLowerCase() === ROWS_READ_HEADER.toLowerCase())) {
      rows.push({
        scenario: r.name,
        check: ROWS_READ_HEADER,
        measured: "not recorded",
        limit: `≤ ${formatNumber(rowsReadBound)}`,
        status: checkStatus(false),
      });
    }
    for (const name of names) {
      const bounded = name.toLowerCase() === ROWS_READ_HEADER.toLowerCase() && rowsReadBound !== undefined;
      rows.push({
        scenario: r.name,
        check: name,
        measured: r.recorded_headers[name]!,
        limit: bounded ? `≤ ${formatNumber(rowsReadBound)}` : "",
        status: checkStatus(bounded ? r.rows_read !== null && r.rows_read <= rowsReadBound : null),
      });
    }
  }
  return rows;
}

function metricsText(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([key, value]) => `${key} ${formatNumber(value)}`)
    .join(", ");
}

function extraText(extra: Record<string, number | string>): string {
  return Object.entries(extra)
    .map(([key, value]) => `${key}: ${typeof value === "number" ? formatNumber(value) : value}`)
    .join(", ");
}

/** The load generator, and the server when it is not wrangler dev. */
function generatorText(r: HttpResult): string {
  return r.server === "miniflare" ? `${r.load_generator}, Miniflare` : r.load_generator;
}

/** The Markdown that goes between the README markers. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, settings } = results;
  const checks = checkRows(results);
  const out = [
    `Measured ${results.generated_at} on ${machine.cpus} × ${machine.cpu_model}, Node ${machine.node} (${machine.platform}); ` +
      `${settings.duration_s} s per scenario, ${settings.connections} connections.`,
    "",
    "### HTTP (wrangler dev, unless the load generator column says Miniflare)",
    "",
    table(
      ["scenario", "service", "request", "load generator", "req/s", "p50 ms", "p99 ms", "× /health", "target", "status"],
      httpRows(results).map((r) => [
        r.name,
        r.service,
        `${r.method} ${r.path}`,
        generatorText(r),
        formatNumber(r.requests_per_s),
        formatNumber(r.latency_p50_ms),
        formatNumber(r.latency_p99_ms),
        r.ratio_to_health === null ? "n/a" : r.ratio_to_health.toFixed(2),
        targetText(r.target),
        httpStatus(r),
      ]),
    ),
    "",
    "### Checks across scenarios (latency ratios, recorded headers)",
    "",
    checks.length
      ? table(
          ["scenario", "check", "measured", "limit", "status"],
          checks.map((c) => [c.scenario, c.check, c.measured, c.limit, c.status]),
        )
      : "_None registered yet._",
    "",
    "### Pages (headless Chromium)",
    "",
    results.pages.length
      ? table(["benchmark", "service", "page", "median ms", "runs ms", "details (medians)", "target", "status"], results.pages.map(pageRow))
      : "_None registered yet._",
    "",
    "### Live runs (the benchmark's own clients against wrangler dev)",
    "",
    results.live.length
      ? table(
          ["benchmark", "service", "figures", "target", "status"],
          results.live.map((r) => [r.name, r.service, metricsText(r.metrics), r.target?.description ?? "", liveStatus(r)]),
        )
      : "_None registered yet._",
    "",
    "### Microbenchmarks (in-process)",
    "",
    results.micro.length
      ? table(
          ["benchmark", "service", "metrics", "target", "status"],
          results.micro.map((r) => [r.name, r.service, metricsText(r.metrics), r.target?.description ?? "", microStatus(r)]),
        )
      : "_None registered yet._",
    "",
    "### Data loads (through the public API)",
    "",
    results.datasets.length
      ? table(
          ["dataset", "service", "rows", "seconds", "rows/s", "notes"],
          results.datasets.map((r) => [
            r.name,
            r.service,
            formatNumber(r.rows),
            formatNumber(r.seconds),
            formatNumber(r.rows_per_s),
            datasetNotes(r),
          ]),
        )
      : "_None registered yet._",
  ];
  return out.join("\n");
}

/**
 * Puts `section` between the results markers, appending markers and section
 * when the README has none, so the prose around them is never rewritten.
 */
export function replaceResultsSection(readme: string, section: string): string {
  const start = readme.indexOf(RESULTS_START);
  const end = readme.indexOf(RESULTS_END);
  const body = `\n${section.trim()}\n`;
  if (start === -1 && end === -1) {
    const prefix = readme.trimEnd();
    return `${prefix}${prefix ? "\n\n" : ""}${RESULTS_START}${body}${RESULTS_END}\n`;
  }
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README has a broken results block: expected ${RESULTS_START} before ${RESULTS_END}`);
  }
  return readme.slice(0, start + RESULTS_START.length) + body + readme.slice(end);
}

/** One flat row per measurement for console.table. */
export function consoleRows(results: BenchResults): Array<Record<string, string>> {
  const rows = httpRows(results).map((r) => ({
    kind: "http",
    name: r.name,
    generator: generatorText(r),
    "req/s": formatNumber(r.requests_per_s),
    "p50 ms": formatNumber(r.latency_p50_ms),
    "p99 ms": formatNumber(r.latency_p99_ms),
    "× health": r.ratio_to_health === null ? "n/a" : r.ratio_to_health.toFixed(2),
    status: httpStatus(r),
  }));
  const checks = checkRows(results).map((c) => ({
    kind: "check",
    name: c.scenario,
    check: `${c.check}: ${c.measured}${c.limit ? ` (${c.limit})` : ""}`,
    status: c.status,
  }));
  const pages = results.pages.map((r) => ({
    kind: "page",
    name: r.name,
    "median ms": r.median_ms === null ? "n/a" : formatNumber(r.median_ms),
    "runs ms": r.runs_ms.map(formatNumber).join(", "),
    status: pageStatus(r),
  }));
  const live = results.live.map((r) => ({ kind: "live", name: r.name, metrics: metricsText(r.metrics), status: liveStatus(r) }));
  const micro = results.micro.map((r) => ({ kind: "micro", name: r.name, metrics: metricsText(r.metrics), status: microStatus(r) }));
  const datasets = results.datasets.map((r) => ({
    kind: "dataset",
    name: r.name,
    rows: formatNumber(r.rows),
    "rows/s": formatNumber(r.rows_per_s),
    status: datasetStatus(r) || "measured",
  }));
  return [...rows, ...checks, ...pages, ...live, ...micro, ...datasets];
}
