/**
 * The shape of bench/results.json, and of the measurements the harness hands
 * over to build it. Built by build-results.ts, judged by target-judging.ts,
 * rendered by results-tables.ts; the harness does the measuring and the file
 * I/O, so all of it is testable without a running Worker.
 */
import type { BenchServer, HttpTarget, LoadGenerator, PageRun, PageTarget } from "./registry";

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

/** A scenario that asked for wrk runs on it when it is installed, and says so when it is not. */
export function loadGeneratorFor(requested: LoadGenerator | undefined, wrkInstalled: boolean): LoadGeneratorUsed {
  if (requested !== "wrk") return "autocannon";
  return wrkInstalled ? "wrk" : "autocannon (wrk unavailable)";
}

/** The name of the GET /health baseline measured with wrk, next to the autocannon one named "health". */
export const WRK_HEALTH_NAME = "health (wrk)";

/** The GET /health baseline of the scenarios served by Miniflare without wrangler dev's proxy, measured with wrk. */
export const MINIFLARE_HEALTH_NAME = "health (wrk, Miniflare without the dev proxy)";

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
  /** wrangler dev when absent; with the load generator, picks the baseline. */
  server?: BenchServer;
}

export interface HttpResult {
  name: string;
  service: string;
  method: string;
  path: string;
  load_generator: LoadGeneratorUsed;
  server: BenchServer;
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

/** A live run (WebSocket subscribers, a reload storm) reports and is judged like a microbenchmark. */
export type LiveInput = MicroInput;
export type LiveResult = MicroResult;

export interface PageInput {
  name: string;
  service: string;
  path: string;
  /** Every run that completed, in order. */
  runs: PageRun[];
  target?: PageTarget;
  /** Why the benchmark stopped: no Chromium, a page that broke, a request that tried to leave 127.0.0.1. */
  error?: string;
}

export interface PageResult {
  name: string;
  service: string;
  path: string;
  /** Median of the runs' durations; null when no run completed. */
  median_ms: number | null;
  runs_ms: number[];
  /** Median of each detail over the runs, e.g. response_end_ms. */
  median_details: Record<string, number>;
  /** Each run's details, in the order of runs_ms. */
  runs_details: Array<Record<string, number>>;
  target: PageTarget | null;
  /** null when there is no target to meet; false whenever the benchmark failed. */
  met: boolean | null;
  error?: string;
}

export interface BenchResults {
  generated_at: string;
  machine: Machine;
  settings: Settings;
  /** Measured with autocannon; null when the run skipped HTTP (--no-http). */
  health: HttpResult | null;
  /** Measured with wrk, the baseline of wrk scenarios; null when none ran under wrk. */
  health_wrk: HttpResult | null;
  /** Measured with wrk on Miniflare, the baseline of the scenarios served there; null when none was. */
  health_miniflare: HttpResult | null;
  http: HttpResult[];
  micro: MicroResult[];
  /** Measured in headless Chromium against the same wrangler dev, after the HTTP scenarios. */
  pages: PageResult[];
  /** Measured by the benchmarks' own clients against the same wrangler dev (WebSocket pushes, reload storms). */
  live: LiveResult[];
  datasets: DatasetResult[];
}

export interface BuildInput {
  generatedAt: Date;
  machine: Machine;
  settings: Settings;
  health: Omit<HttpInput, "target"> | null;
  healthWrk?: Omit<HttpInput, "target"> | null;
  healthMiniflare?: Omit<HttpInput, "target"> | null;
  http: HttpInput[];
  micro: MicroInput[];
  pages?: PageInput[];
  live?: LiveInput[];
  datasets: DatasetInput[];
}

/** Every HTTP row of a run, the baselines first, as they are measured first. */
export function httpRows(results: BenchResults): HttpResult[] {
  return [results.health, results.health_wrk, results.health_miniflare, ...results.http].filter((r) => r !== null);
}
