/**
 * Turns raw measurements into the figures of bench/results.json: successful
 * requests per second, ratios to the /health baseline and to other
 * scenarios, rows read, and each target's verdict.
 */
import type {
  BenchResults,
  BuildInput,
  HttpInput,
  HttpMeasurement,
  HttpResult,
  LiveInput,
  LiveResult,
  PageInput,
  PageResult,
} from "./bench-results";
import { httpTargetMet, pageTargetMet, rowsReadOf } from "./target-judging";

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

/** A ratio against a failed or instantaneous scenario would be meaningless, hence null. */
export function latencyRatio(p50Ms: number, other: HttpResult | undefined): number | null {
  if (!other || other.failed || other.latency_p50_ms <= 0) return null;
  return round(p50Ms / other.latency_p50_ms, 3);
}

interface Baseline {
  rate: number;
  failed: boolean;
}

function baselineOf(health: Omit<HttpInput, "target"> | null | undefined): Baseline {
  return health ? { rate: successfulRate(health.measurement), failed: isFailed(health.measurement) } : { rate: 0, failed: true };
}

/** The /health each scenario is divided by: the same load generator, and the same server. */
interface Baselines {
  autocannon: Baseline;
  wrk: Baseline;
  miniflare: Baseline;
}

function httpResult(input: HttpInput, baselines: Baselines): HttpResult {
  const m = input.measurement;
  const generator = input.loadGenerator ?? "autocannon";
  const server = input.server ?? "wrangler-dev";
  // Each generator saturates at its own rate, and each server has its own overhead, so a ratio is only fair against
  // /health measured the same way.
  const baseline = server === "miniflare" ? baselines.miniflare : baselines[generator === "wrk" ? "wrk" : "autocannon"];
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
    server,
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

/** The middle value, or the mean of the two middle ones; null for no values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function pageResult(input: PageInput): PageResult {
  const runsMs = input.runs.map((run) => round(run.ms, 1));
  const medianMs = median(runsMs);
  const detailNames = [...new Set(input.runs.flatMap((run) => Object.keys(run.details)))];
  const medianDetails: Record<string, number> = {};
  for (const name of detailNames) {
    const value = median(input.runs.flatMap((run) => (name in run.details ? [run.details[name]!] : [])));
    if (value !== null) medianDetails[name] = round(value, 1);
  }
  return {
    name: input.name,
    service: input.service,
    path: input.path,
    median_ms: medianMs,
    runs_ms: runsMs,
    median_details: medianDetails,
    runs_details: input.runs.map((run) => Object.fromEntries(Object.entries(run.details).map(([name, value]) => [name, round(value, 1)]))),
    target: input.target ?? null,
    met: pageTargetMet(input.target, medianMs, input.error !== undefined),
    ...(input.error !== undefined ? { error: input.error } : {}),
  };
}

/** A measured run that failed never meets its target, whatever figures it had gathered. */
export function metricsResult(input: LiveInput): LiveResult {
  return {
    name: input.name,
    service: input.service,
    metrics: input.metrics,
    target: input.target ? { description: input.target.description } : null,
    met: input.error !== undefined ? false : input.target ? input.target.met : null,
    ...(input.error !== undefined ? { error: input.error } : {}),
  };
}

export function buildResults(input: BuildInput): BenchResults {
  const baselines = {
    autocannon: baselineOf(input.health),
    wrk: baselineOf(input.healthWrk),
    miniflare: baselineOf(input.healthMiniflare),
  };
  const healthWrk = input.healthWrk ? { ...input.healthWrk, loadGenerator: "wrk" as const } : null;
  const healthMiniflare = input.healthMiniflare
    ? { ...input.healthMiniflare, loadGenerator: "wrk" as const, server: "miniflare" as const }
    : null;
  const healthRows = [input.health, healthWrk, healthMiniflare].filter((row) => row !== null && row !== undefined);
  // Judged together, so a scenario can be compared with /health or any other of the run.
  const judged = judge([...healthRows, ...input.http].map((scenario) => httpResult(scenario, baselines)));
  return {
    generated_at: input.generatedAt.toISOString(),
    machine: input.machine,
    settings: input.settings,
    health: input.health ? judged[0]! : null,
    health_wrk: healthWrk ? judged[healthRows.indexOf(healthWrk)]! : null,
    health_miniflare: healthMiniflare ? judged[healthRows.indexOf(healthMiniflare)]! : null,
    http: judged.slice(healthRows.length),
    micro: input.micro.map(metricsResult),
    pages: (input.pages ?? []).map(pageResult),
    live: (input.live ?? []).map(metricsResult),
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
