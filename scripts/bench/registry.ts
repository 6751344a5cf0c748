/**
 * Everything `npm run bench` measures, declared as data. Each service's issue
 * appends its entries here, so adding a benchmark never touches the harness.
 * The GET /health baseline is not listed: the harness always runs it first.
 */
import type { Page } from "playwright-core";
import type { ApiClient } from "../lib/api-client";
import { creditsDataset, creditsMicro, creditsPages, creditsScenarios } from "./credits";
import { insightsDataset, insightsPages, insightsScenarios } from "./insights";
import { peaksDataset, peaksScenarios } from "./peaks";
import { productionplanMicro, productionplanScenarios } from "./productionplan";
import { productionplanCurveMicro } from "./productionplan-curve";
import { tradingDataset, tradingScenarios, tradingUpstream } from "./trading";
import { tradingLiveBenchmarks } from "./trading-live";
import { workbenchPages } from "./workbench-slider";

export interface DatasetContext {
  /** Authenticated with the local ingest token, so loaders can write. */
  client: ApiClient;
  url: string;
  token: string;
  /** The wrangler dev process, so a dataset can watch the workerd it runs (memory, for example). */
  workerPid?: number;
}

export interface DatasetLoad {
  rows: number;
  seconds: number;
  /** Anything worth keeping next to the load rate, e.g. { batches: 40 }. */
  extra?: Record<string, number | string>;
  /** A target the loader judges itself, from figures only it measured; counted by --strict like any other. */
  target?: { description: string; met: boolean };
}

/** Loads data through the public API before the HTTP scenarios read it; the harness derives rows/s. */
export interface BenchDataset {
  name: string;
  service: string;
  load(ctx: DatasetContext): Promise<DatasetLoad>;
}

/**
 * A stand-in for a service the Worker calls (the exchange, for example),
 * started before wrangler dev: the harness starts one wrangler for the whole
 * run, so an upstream's URL can only reach the Worker as a var given at start.
 */
export interface BenchUpstream {
  name: string;
  service: string;
  start(): Promise<RunningUpstream>;
}

export interface RunningUpstream {
  /** Worker vars, e.g. { EXCHANGE_URL: "ws://127.0.0.1:40123" }. */
  vars: Record<string, string>;
  stop(): Promise<void>;
}

export interface ScenarioContext {
  /** The wrangler dev URL. */
  url: string;
}

export interface HttpTarget {
  /** Throughput floor as a share of GET /health in the same run (machine independent). */
  minRatioToHealth?: number;
  maxP99Ms?: number;
  /**
   * p50 latency at most `ratio` times the p50 of another scenario of the same
   * run (by name): how a cost grows with the input, e.g. a one-year window
   * against a one-hour one, independent of the machine.
   */
  maxLatencyRatio?: { scenario: string; ratio: number };
  /** At most this many storage rows read by one request, from its X-Rows-Read header (recorded automatically). */
  maxRowsRead?: number;
  /** Where the target comes from, shown in the report. */
  description: string;
}

export interface HttpScenario {
  name: string;
  service: string;
  method?: "GET" | "POST";
  /** Path and query, appended to the wrangler dev URL. */
  path: string;
  /**
   * The path of the load test's i-th request, when requests must differ (a cold cache: each window read for the
   * first time); `path` stays the first request's, sampled for headers. autocannon only.
   */
  pathFor?: (i: number) => string;
  /** Sent as JSON (with Content-Type) when present. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Response headers to record from one request sent just before the load test, e.g. X-Rows-Read. */
  recordHeaders?: string[];
  target?: HttpTarget;
  /**
   * What generates the load; autocannon when absent. autocannon parses every
   * response body in JavaScript, so on a large body it saturates a core before
   * the server does and measures itself; wrk (C) does not. Such a scenario is
   * compared with a GET /health measured by wrk too.
   */
  loadGenerator?: LoadGenerator;
  /**
   * What serves the Worker; wrangler dev when absent. wrangler dev's proxy passes every text/html answer through
   * HTMLRewriter (for live reload), which production never does; a page scenario on "miniflare" is served by the same
   * workerd and local state without that proxy, and is compared with a GET /health served the same way.
   */
  server?: BenchServer;
  /** Sets up the conditions of the measurement (e.g. a background load), before the header sample and the load test. */
  before?(ctx: ScenarioContext): Promise<void>;
  /** Undoes `before`, whether the measurement succeeded or not. */
  after?(ctx: ScenarioContext): Promise<void>;
}

export type LoadGenerator = "autocannon" | "wrk";

export type BenchServer = "wrangler-dev" | "miniflare";

export interface MicroTarget {
  description: string;
  check(metrics: Record<string, number>): boolean;
}

/** Pure domain logic timed in-process, with no Worker or network in the way. */
export interface MicroBenchmark {
  name: string;
  service: string;
  run(): Promise<Record<string, number>>;
  target?: MicroTarget;
}

/** One fresh page load as a page benchmark times it: the duration it is judged by, and figures that explain it. */
export interface PageRun {
  ms: number;
  /** e.g. { response_end_ms: 410, dom_content_loaded_ms: 905 }; their medians are reported next to the duration's. */
  details: Record<string, number>;
}

export interface PageTarget {
  /** Ceiling for the median of the runs' durations. */
  maxMedianMs: number;
  /** Where the target comes from, shown in the report. */
  description: string;
}

/**
 * A page of the running Worker timed in headless Chromium, after the HTTP scenarios. Each run gets a fresh browser
 * context (empty cache, no cookies) whose requests must all stay on 127.0.0.1; the duration is measured in the page
 * with the Performance API, so Playwright's round trips to the browser are not part of it.
 */
export interface PageBenchmark {
  name: string;
  service: string;
  /** Path and query, appended to the wrangler dev URL. */
  path: string;
  /** Fresh page loads the median is taken of; 5 when absent. */
  runs?: number;
  /** One run: loads `url` (the wrangler dev URL plus `path`) in `page` and times what the benchmark is about. */
  measure(page: Page, url: string): Promise<PageRun>;
  target?: PageTarget;
}

export interface LiveContext {
  /** The wrangler dev URL. */
  url: string;
  /** `--duration` (or BENCH_DURATION) when given; each live benchmark has its own length otherwise. */
  durationS?: number;
}

/** What a live benchmark measured and how it judged itself. */
export interface LiveRun {
  /** The figures, e.g. { p50_ms: 12, p99_ms: 80, missed: 0 }, shown in the order given. */
  metrics: Record<string, number>;
  /** Judged by the benchmark from its own figures; counted by --strict like any other target. */
  target?: { description: string; met: boolean };
  /** Why the run cannot meet its target whatever its figures (a route that answered 404, clients that never connected). */
  error?: string;
}

/**
 * A run against the running Worker by clients of its own, for what neither a load generator nor a page load measures
 * (WebSocket pushes timed against the exchange's sends, a reload pattern with conditional requests), after the HTTP
 * scenarios. A run that throws is reported as failed with the error, without stopping the others.
 */
export interface LiveBenchmark {
  name: string;
  service: string;
  run(ctx: LiveContext): Promise<LiveRun>;
}

export const UPSTREAMS: BenchUpstream[] = [tradingUpstream];

export const DATASETS: BenchDataset[] = [peaksDataset, insightsDataset, creditsDataset, tradingDataset];

export const HTTP_SCENARIOS: HttpScenario[] = [
  ...peaksScenarios,
  ...insightsScenarios,
  ...creditsScenarios,
  ...productionplanScenarios,
  ...tradingScenarios,
];

export const MICRO_BENCHMARKS: MicroBenchmark[] = [...creditsMicro, ...productionplanMicro, ...productionplanCurveMicro];

export const PAGE_BENCHMARKS: PageBenchmark[] = [...creditsPages, ...insightsPages, ...workbenchPages];

export const LIVE_BENCHMARKS: LiveBenchmark[] = [...tradingLiveBenchmarks];
