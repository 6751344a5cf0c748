/**
 * Turns raw measurements into bench/results.json and the README table. Pure:
 * the harness does the measuring and the file I/O, so all of this is testable
 * without a running Worker.
 */
import type { HttpTarget } from "./registry";

export const RESULTS_START = "<!-- bench:results:start -->";
export const RESULTS_END = "<!-- bench:results:end -->";

export interface Machine {
  cpus: number;
  cpu_model: string;
  node: string;
  platform: string;
}

export interface Settings {
  duration_s: number;
  connections: number;
}

/** What one autocannon run reports, reduced to the figures the report uses. */
export interface HttpMeasurement {
  /** Every response per second, failures included (autocannon's requests.average). */
  requestsAverage: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses received, 2xx and non-2xx alike. */
  responses: number;
  non2xx: number;
  /** Socket errors and timeouts: requests that got no response at all. */
  errors: number;
  timeouts: number;
  /** Responses by HTTP status, so a failure says what it was. */
  statusCodes?: Record<string, number>;
}

export interface HttpInput {
  name: string;
  service: string;
  method: string;
  path: string;
  target?: HttpTarget;
  measurement: HttpMeasurement;
}

export interface HttpResult {
  name: string;
  service: string;
  method: string;
  path: string;
  /** Successful (2xx) responses per second only: a fast 404 is not throughput. */
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  ratio_to_health: number | null;
  non2xx: number;
  errors: number;
  timeouts: number;
  status_codes: Record<string, number>;
  failed: boolean;
  target: HttpTarget | null;
  /** null when there is no target to meet. */
  met: boolean | null;
}

export interface MicroInput {
  name: string;
  service: string;
  metrics: Record<string, number>;
  target?: { description: string; met: boolean };
  error?: string;
}

export interface MicroResult {
  name: string;
  service: string;
  metrics: Record<string, number>;
  target: { description: string } | null;
  met: boolean | null;
  error?: string;
}

export interface DatasetInput {
  name: string;
  service: string;
  rows: number;
  seconds: number;
  extra?: Record<string, number | string>;
}

export interface DatasetResult extends Required<DatasetInput> {
  rows_per_s: number;
}

export interface BenchResults {
  generated_at: string;
  machine: Machine;
  settings: Settings;
  /** null when the run skipped HTTP (--no-http). */
  health: HttpResult | null;
  http: HttpResult[];
  micro: MicroResult[];
  datasets: DatasetResult[];
}

export interface BuildInput {
  generatedAt: Date;
  machine: Machine;
  settings: Settings;
  health: Omit<HttpInput, "target"> | null;
  http: HttpInput[];
  micro: MicroInput[];
  datasets: DatasetInput[];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function isFailed(m: HttpMeasurement): boolean {
  return m.non2xx > 0 || m.errors > 0 || m.timeouts > 0;
}

/** Scales the all-responses rate down to the share that succeeded. */
export function successfulRate(m: HttpMeasurement): number {
  if (m.responses <= 0) return 0;
  return (m.requestsAverage * Math.max(0, m.responses - m.non2xx)) / m.responses;
}

/** A ratio against a failing or idle baseline would be meaningless, hence null. */
export function ratioToHealth(rate: number, healthRate: number, healthFailed: boolean): number | null {
  if (healthFailed || healthRate <= 0) return null;
  return round(rate / healthRate, 3);
}

/** A failed scenario never meets its target; an unmeasurable ratio does not either. */
export function httpTargetMet(target: HttpTarget | undefined, failed: boolean, ratio: number | null, p99Ms: number): boolean | null {
  if (!target) return null;
  if (failed) return false;
  if (target.minRatioToHealth !== undefined && (ratio === null || ratio < target.minRatioToHealth)) return false;
  if (target.maxP99Ms !== undefined && p99Ms > target.maxP99Ms) return false;
  return true;
}

interface Baseline {
  rate: number;
  failed: boolean;
}

function httpResult(input: HttpInput, baseline: Baseline): HttpResult {
  const m = input.measurement;
  const failed = isFailed(m);
  const rate = successfulRate(m);
  const ratio = ratioToHealth(rate, baseline.rate, baseline.failed);
  return {
    name: input.name,
    service: input.service,
    method: input.method,
    path: input.path,
    requests_per_s: round(rate, 1),
    latency_p50_ms: m.latencyP50Ms,
    latency_p99_ms: m.latencyP99Ms,
    ratio_to_health: ratio,
    non2xx: m.non2xx,
    errors: m.errors,
    timeouts: m.timeouts,
    status_codes: m.statusCodes ?? {},
    failed,
    target: input.target ?? null,
    met: httpTargetMet(input.target, failed, ratio, m.latencyP99Ms),
  };
}

export function buildResults(input: BuildInput): BenchResults {
  const baseline: Baseline = input.health
    ? { rate: successfulRate(input.health.measurement), failed: isFailed(input.health.measurement) }
    : { rate: 0, failed: true };
  const health = input.health ? httpResult(input.health, baseline) : null;
  return {
    generated_at: input.generatedAt.toISOString(),
    machine: input.machine,
    settings: input.settings,
    health,
    http: input.http.map((scenario) => httpResult(scenario, baseline)),
    micro: input.micro.map((micro) => ({
      name: micro.name,
      service: micro.service,
      metrics: micro.metrics,
      target: micro.target ? { description: micro.target.description } : null,
      met: micro.error ? false : micro.target ? micro.target.met : null,
      ...(micro.error ? { error: micro.error } : {}),
    })),
    datasets: input.datasets.map((dataset) => ({
      name: dataset.name,
      service: dataset.service,
      rows: dataset.rows,
      seconds: round(dataset.seconds, 3),
      rows_per_s: dataset.seconds > 0 ? Math.round(dataset.rows / dataset.seconds) : 0,
      extra: dataset.extra ?? {},
    })),
  };
}

/** The baseline first, as it is measured first. */
function httpRows(results: BenchResults): HttpResult[] {
  return results.health ? [results.health, ...results.http] : results.http;
}

/** Names of everything that missed its target or failed: what `--strict` turns into exit code 1. */
export function missedTargets(results: BenchResults): string[] {
  const missed: string[] = [];
  for (const r of httpRows(results)) if (r.failed || r.met === false) missed.push(r.name);
  for (const r of results.micro) if (r.met === false) missed.push(r.name);
  return missed;
}

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

function microStatus(r: MicroResult): string {
  if (r.error) return `FAILED (${r.error})`;
  return r.met === null ? "measured" : r.met ? "met" : "MISSED";
}

function targetText(target: HttpTarget | null): string {
  if (!target) return "";
  const bounds = [
    target.minRatioToHealth !== undefined ? `≥ ${target.minRatioToHealth}× /health` : "",
    target.maxP99Ms !== undefined ? `p99 ≤ ${target.maxP99Ms} ms` : "",
  ].filter(Boolean);
  return bounds.length ? `${bounds.join(", ")} (${target.description})` : target.description;
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

/** The Markdown that goes between the README markers. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, settings } = results;
  const out = [
    `Measured ${results.generated_at} on ${machine.cpus} × ${machine.cpu_model}, Node ${machine.node} (${machine.platform}); ` +
      `${settings.duration_s} s per scenario, ${settings.connections} connections.`,
    "",
    "### HTTP (wrangler dev)",
    "",
    table(
      ["scenario", "service", "request", "req/s", "p50 ms", "p99 ms", "× /health", "target", "status"],
      httpRows(results).map((r) => [
        r.name,
        r.service,
        `${r.method} ${r.path}`,
        formatNumber(r.requests_per_s),
        formatNumber(r.latency_p50_ms),
        formatNumber(r.latency_p99_ms),
        r.ratio_to_health === null ? "n/a" : r.ratio_to_health.toFixed(2),
        targetText(r.target),
        httpStatus(r),
      ]),
    ),
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
            extraText(r.extra),
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
    "req/s": formatNumber(r.requests_per_s),
    "p50 ms": formatNumber(r.latency_p50_ms),
    "p99 ms": formatNumber(r.latency_p99_ms),
    "× health": r.ratio_to_health === null ? "n/a" : r.ratio_to_health.toFixed(2),
    status: httpStatus(r),
  }));
  const micro = results.micro.map((r) => ({ kind: "micro", name: r.name, metrics: metricsText(r.metrics), status: microStatus(r) }));
  const datasets = results.datasets.map((r) => ({
    kind: "dataset",
    name: r.name,
    rows: formatNumber(r.rows),
    "rows/s": formatNumber(r.rows_per_s),
  }));
  return [...rows, ...micro, ...datasets];
}
