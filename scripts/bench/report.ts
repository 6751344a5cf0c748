/**
 * Turns raw measurements into bench/results.json and the README table. Pure:
 * the harness does the measuring and the file I/O, so all of this is testable
 * without a running Worker.
 */
import type { HttpScenario, HttpTarget, LoadGenerator } from "./registry";

export const RESULTS_START = "<!-- bench:results:start -->";
export const RESULTS_END = "<!-- bench:results:end -->";
/** The header a route uses to say how many storage rows it read; `target.maxRowsRead` is checked against it. */
export const ROWS_READ_HEADER = "X-Rows-Read";

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

/**
 * What generated a scenario's load. A scenario that asked for wrk on a
 * machine without it says so, since its figures then measure autocannon.
 */
export type LoadGeneratorUsed = LoadGenerator | "autocannon (wrk unavailable)";

/** The name of the GET /health baseline measured with wrk, next to the autocannon one named "health". */
export const WRK_HEALTH_NAME = "health (wrk)";

/** What one autocannon or wrk run reports, reduced to the figures the report uses. */
export interface HttpMeasurement {
  /** Every response per second, failures included (autocannon's requests.average, wrk's Requests/sec). */
  requestsAverage: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses received, 2xx and non-2xx alike. */
  responses: number;
  non2xx: number;
  /** Socket errors and timeouts: requests that got no response at all. */
  errors: number;
  timeouts: number;
  /** Responses by HTTP status, so a failure says what it was; wrk does not report them. */
  statusCodes?: Record<string, number>;
}

export interface HttpInput {
  name: string;
  service: string;
  method: string;
  path: string;
  target?: HttpTarget;
  measurement: HttpMeasurement;
  /** Headers of one request sent before the load test, by the name the scenario asked for. */
  recordedHeaders?: Record<string, string>;
  /** autocannon when absent; also picks the /health baseline the scenario is divided by. */
  loadGenerator?: LoadGeneratorUsed;
}

export interface HttpResult {
  name: string;
  service: string;
  method: string;
  path: string;
  load_generator: LoadGeneratorUsed;
  /** Successful (2xx) responses per second only: a fast 404 is not throughput. */
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  /** Against the GET /health measured with the same load generator. */
  ratio_to_health: number | null;
  non2xx: number;
  errors: number;
  timeouts: number;
  status_codes: Record<string, number>;
  recorded_headers: Record<string, string>;
  /** The recorded X-Rows-Read, null when not recorded or not a number. */
  rows_read: number | null;
  /** p50 over the p50 of target.maxLatencyRatio.scenario; null without that target or when either side cannot be measured. */
  latency_ratio: number | null;
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
  /** Judged by the loader itself, from figures only it has (e.g. a rate measured while something else ran). */
  target?: { description: string; met: boolean };
}

export interface DatasetResult extends Required<Omit<DatasetInput, "target">> {
  rows_per_s: number;
  target: { description: string } | null;
  /** null when there is no target to meet. */
  met: boolean | null;
}

export interface BenchResults {
  generated_at: string;
  machine: Machine;
  settings: Settings;
  /** Measured with autocannon; null when the run skipped HTTP (--no-http). */
  health: HttpResult | null;
  /** Measured with wrk, the baseline of wrk scenarios; null when none ran under wrk. */
  health_wrk: HttpResult | null;
  http: HttpResult[];
  micro: MicroResult[];
  datasets: DatasetResult[];
}

export interface BuildInput {
  generatedAt: Date;
  machine: Machine;
  settings: Settings;
  health: Omit<HttpInput, "target"> | null;
  healthWrk?: Omit<HttpInput, "target"> | null;
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
  if (target.minRatioToHealth !== undefined && (figures.ratioToHealth === null || figures.ratioToHealth < target.minRatioToHealth)) return false;
  if (target.maxP99Ms !== undefined && figures.p99Ms > target.maxP99Ms) return false;
  if (target.maxLatencyRatio !== undefined && (figures.latencyRatio === null || figures.latencyRatio > target.maxLatencyRatio.ratio)) return false;
  if (target.maxRowsRead !== undefined && (figures.rowsRead === null || figures.rowsRead > target.maxRowsRead)) return false;
  return true;
}

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

/** A ratio against a failed or instantaneous scenario would be meaningless, hence null. */
export function latencyRatio(p50Ms: number, other: HttpResult | undefined): number | null {
  if (!other || other.failed || other.latency_p50_ms <= 0) return null;
  return round(p50Ms / other.latency_p50_ms, 3);
}

interface Baseline {
  rate: number;
  failed: boolean;
}

/** A scenario that asked for wrk runs on it when it is installed, and says so when it is not. */
export function loadGeneratorFor(requested: LoadGenerator | undefined, wrkInstalled: boolean): LoadGeneratorUsed {
  if (requested !== "wrk") return "autocannon";
  return wrkInstalled ? "wrk" : "autocannon (wrk unavailable)";
}

function baselineOf(health: Omit<HttpInput, "target"> | null | undefined): Baseline {
  return health ? { rate: successfulRate(health.measurement), failed: isFailed(health.measurement) } : { rate: 0, failed: true };
}

function httpResult(input: HttpInput, baselines: Record<LoadGenerator, Baseline>): HttpResult {
  const m = input.measurement;
  const generator = input.loadGenerator ?? "autocannon";
  // Each generator saturates at its own rate, so a ratio is only fair against /health under the same one.
  const baseline = baselines[generator === "wrk" ? "wrk" : "autocannon"];
  const failed = isFailed(m);
  const rate = successfulRate(m);
  const ratio = ratioToHealth(rate, baseline.rate, baseline.failed);
  const recorded = input.recordedHeaders ?? {};
  return {
    name: input.name,
    service: input.service,
    method: input.method,
    path: input.path,
    load_generator: generator,
    requests_per_s: round(rate, 1),
    latency_p50_ms: m.latencyP50Ms,
    latency_p99_ms: m.latencyP99Ms,
    ratio_to_health: ratio,
    non2xx: m.non2xx,
    errors: m.errors,
    timeouts: m.timeouts,
    status_codes: m.statusCodes ?? {},
    recorded_headers: recorded,
    rows_read: rowsReadOf(recorded),
    latency_ratio: null,
    failed,
    target: input.target ?? null,
    met: null,
  };
}

/** Fills the figures that need the other scenarios of the run, then judges each target. */
function judge(results: HttpResult[]): HttpResult[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  return results.map((r) => {
    const other = r.target?.maxLatencyRatio ? byName.get(r.target.maxLatencyRatio.scenario) : undefined;
    const latency_ratio = r.target?.maxLatencyRatio ? latencyRatio(r.latency_p50_ms, other) : null;
    const met = httpTargetMet(r.target, {
      failed: r.failed,
      ratioToHealth: r.ratio_to_health,
      p99Ms: r.latency_p99_ms,
      latencyRatio: latency_ratio,
      rowsRead: r.rows_read,
    });
    return { ...r, latency_ratio, met };
  });
}

export function buildResults(input: BuildInput): BenchResults {
  const baselines = { autocannon: baselineOf(input.health), wrk: baselineOf(input.healthWrk) };
  const healthWrk = input.healthWrk ? { ...input.healthWrk, loadGenerator: "wrk" as const } : null;
  const healthRows = [input.health, healthWrk].filter((row) => row !== null && row !== undefined);
  // Judged together, so a scenario can be compared with /health or any other of the run.
  const judged = judge([...healthRows, ...input.http].map((scenario) => httpResult(scenario, baselines)));
  return {
    generated_at: input.generatedAt.toISOString(),
    machine: input.machine,
    settings: input.settings,
    health: input.health ? judged[0]! : null,
    health_wrk: healthWrk ? judged[healthRows.length - 1]! : null,
    http: judged.slice(healthRows.length),
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
      target: dataset.target ? { description: dataset.target.description } : null,
      met: dataset.target ? dataset.target.met : null,
    })),
  };
}

/** The baselines first, as they are measured first. */
function httpRows(results: BenchResults): HttpResult[] {
  return [results.health, results.health_wrk, ...results.http].filter((r) => r !== null);
}

/** Names of everything that missed its target or failed: what `--strict` turns into exit code 1. */
export function missedTargets(results: BenchResults): string[] {
  const missed: string[] = [];
  for (const r of httpRows(results)) if (r.failed || r.met === false) missed.push(r.name);
  for (const r of results.micro) if (r.met === false) missed.push(r.name);
  for (const r of results.datasets) if (r.met === false) missed.push(r.name);
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
      rows.push({ scenario: r.name, check: ROWS_READ_HEADER, measured: "not recorded", limit: `≤ ${formatNumber(rowsReadBound)}`, status: checkStatus(false) });
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

/** The Markdown that goes between the README markers. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, settings } = results;
  const checks = checkRows(results);
  const out = [
    `Measured ${results.generated_at} on ${machine.cpus} × ${machine.cpu_model}, Node ${machine.node} (${machine.platform}); ` +
      `${settings.duration_s} s per scenario, ${settings.connections} connections.`,
    "",
    "### HTTP (wrangler dev)",
    "",
    table(
      ["scenario", "service", "request", "load generator", "req/s", "p50 ms", "p99 ms", "× /health", "target", "status"],
      httpRows(results).map((r) => [
        r.name,
        r.service,
        `${r.method} ${r.path}`,
        r.load_generator,
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
    generator: r.load_generator,
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
  const micro = results.micro.map((r) => ({ kind: "micro", name: r.name, metrics: metricsText(r.metrics), status: microStatus(r) }));
  const datasets = results.datasets.map((r) => ({
    kind: "dataset",
    name: r.name,
    rows: formatNumber(r.rows),
    "rows/s": formatNumber(r.rows_per_s),
    status: datasetStatus(r) || "measured",
  }));
  return [...rows, ...checks, ...micro, ...datasets];
}
