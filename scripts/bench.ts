/**
 * `npm run bench`: starts wrangler dev on a fresh local state, loads every
 * registered dataset through the public API, load-tests every HTTP scenario
 * against the GET /health baseline of the same run and load generator, runs
 * the live benchmarks' own clients (WebSocket pushes, reload storms), times
 * the registered pages in headless Chromium, times the pure logic
 * in-process, and writes bench/results.json plus the table in bench/README.md.
 *
 * Flags: --only <substring>  --duration <s>  --connections <n>  --port <n>
 *        --no-http  --no-pages  --no-micro  --strict (exit 1 when a target is missed)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  type DatasetInput,
  type HttpInput,
  type HttpMeasurement,
  type LiveInput,
  type LoadGeneratorUsed,
  loadGeneratorFor,
  MINIFLARE_HEALTH_NAME,
  type MicroInput,
  type PageInput,
  WRK_HEALTH_NAME,
} from "./bench/bench-results";
import { withBenchWorker } from "./bench/bench-worker";
import { buildResults } from "./bench/build-results";
import { startMiniflareWorker } from "./bench/miniflare-worker";
import { runPageBenchmarks } from "./bench/page-bench";
import {
  DATASETS,
  HTTP_SCENARIOS,
  type HttpScenario,
  LIVE_BENCHMARKS,
  MICRO_BENCHMARKS,
  PAGE_BENCHMARKS,
  UPSTREAMS,
} from "./bench/registry";
import { consoleRows, renderMarkdown, replaceResultsSection } from "./bench/results-tables";
import { headersToRecord, missedTargets } from "./bench/target-judging";
import { measureWithWrk, WRK_INSTALL_HINT, wrkInstalled } from "./bench/wrk";
import { ApiClient } from "./lib/api-client";
import { stopChildrenOnSignals } from "./lib/child-processes";
import { ensureDevVars } from "./lib/dev-vars";
import { ROOT } from "./lib/paths";

const BENCH_DIR = join(ROOT, "bench");
const STATE_DIR = join(BENCH_DIR, ".state");
const RESULTS_PATH = join(BENCH_DIR, "results.json");
const README_PATH = join(BENCH_DIR, "README.md");
const HEALTH: HttpScenario = { name: "health", service: "system", method: "GET", path: "/health" };

// autocannon ships no type declarations; this is the slice of its v8 API the harness relies on.
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  warmup?: { connections: number; duration: number };
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  "2xx": number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => Promise<AutocannonResult>;

interface Flags {
  only?: string;
  duration: number;
  /** Whether --duration (or BENCH_DURATION) was given: live benchmarks keep their own length otherwise. */
  durationGiven: boolean;
  connections: number;
  port: number;
  http: boolean;
  pages: boolean;
  micro: boolean;
  strict: boolean;
}

function positiveNumber(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number, got "${raw}"`);
  return value;
}

function parseFlags(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      port: { type: "string" },
      "no-http": { type: "boolean", default: false },
      "no-pages": { type: "boolean", default: false },
      "no-micro": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
    },
  });
  return {
    only: values.only?.toLowerCase(),
    duration: positiveNumber(values.duration ?? process.env.BENCH_DURATION, 10, "--duration"),
    durationGiven: (values.duration ?? process.env.BENCH_DURATION) !== undefined,
    connections: Math.round(positiveNumber(values.connections, 10, "--connections")),
    port: Math.round(positiveNumber(values.port ?? process.env.BENCH_PORT, 8799, "--port")),
    http: !values["no-http"],
    pages: !values["no-pages"],
    micro: !values["no-micro"],
    strict: values.strict,
  };
}

/** `--only peaks` should catch every entry of the peaks service, not just names that spell it. */
function selected<T extends { name: string; service: string }>(entries: T[], only: string | undefined): T[] {
  if (!only) return entries;
  return entries.filter((entry) => entry.name.toLowerCase().includes(only) || entry.service.toLowerCase().includes(only));
}

function requestOf(scenario: HttpScenario): { method: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { ...scenario.headers };
  if (scenario.body === undefined) return { method: scenario.method ?? "GET", headers };
  headers["Content-Type"] ??= "application/json";
  return { method: scenario.method ?? "GET", headers, body: JSON.stringify(scenario.body) };
}

/**
 * One request before the load test, for the headers autocannon does not
 * keep (e.g. X-Rows-Read). The figures they carry depend on the data, not on
 * load, so one sample is the value.
 */
async function recordHeaders(baseUrl: string, scenario: HttpScenario): Promise<Record<string, string>> {
  const names = headersToRecord(scenario);
  if (names.length === 0) return {};
  const response = await fetch(baseUrl + scenario.path, requestOf(scenario));
  await response.arrayBuffer();
  const recorded: Record<string, string> = {};
  for (const name of names) {
    const value = response.headers.get(name);
    if (value !== null) recorded[name] = value;
  }
  return recorded;
}

async function measure(baseUrl: string, scenario: HttpScenario, flags: Flags, generator: LoadGeneratorUsed): Promise<HttpMeasurement> {
  const request = requestOf(scenario);
  if (generator === "wrk") {
    return measureWithWrk(baseUrl + scenario.path, request, {
      connections: flags.connections,
      durationS: flags.duration,
      scriptDir: STATE_DIR,
      label: scenario.name,
    });
  }
  const { method, headers, body } = request;
  const { pathFor } = scenario;
  let sent = 0;
  const result = await autocannon({
    url: baseUrl + scenario.path,
    connections: flags.connections,
    duration: flags.duration,
    method,
    headers,
    body,
    ...(pathFor && { requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: pathFor(sent++) }) }] }),
    // One second to let workerd compile and warm caches, so cold start is not averaged in.
    warmup: { connections: flags.connections, duration: 1 },
  });
  return {
    requestsAverage: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    responses: result["2xx"] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count])),
  };
}

async function runHttp(url: string, scenarios: HttpScenario[], flags: Flags) {
  const wrkWanted = scenarios.some((scenario) => scenario.loadGenerator === "wrk");
  const wrk = wrkWanted && wrkInstalled();
  if (wrkWanted && !wrk) console.log(`wrk is not installed, so its scenarios run on autocannon instead (${WRK_INSTALL_HINT})`);
  console.log(`→ ${HEALTH.name}: GET ${HEALTH.path} (baseline, autocannon)`);
  const health = {
    ...HEALTH,
    method: "GET",
    loadGenerator: "autocannon" as const,
    measurement: await measure(url, HEALTH, flags, "autocannon"),
  };
  let healthWrk: HttpInput | null = null;
  if (wrk) {
    console.log(`→ ${WRK_HEALTH_NAME}: GET ${HEALTH.path} (baseline, wrk)`);
    healthWrk = {
      ...HEALTH,
      name: WRK_HEALTH_NAME,
      method: "GET",
      loadGenerator: "wrk",
      measurement: await measure(url, HEALTH, flags, "wrk"),
    };
  }
  const http: HttpInput[] = [];
  for (const scenario of scenarios) {
    const method = scenario.method ?? "GET";
    const loadGenerator = scenario.pathFor ? "autocannon" : loadGeneratorFor(scenario.loadGenerator, wrk);
    console.log(`→ ${scenario.name}: ${method} ${scenario.path} (${loadGenerator})`);
    await scenario.before?.({ url });
    try {
      const recordedHeaders = await recordHeaders(url, scenario);
      http.push({ ...scenario, method, recordedHeaders, loadGenerator, measurement: await measure(url, scenario, flags, loadGenerator) });
    } finally {
      await scenario.after?.({ url });
    }
  }
  return { health, healthWrk, http };
}

/**
 * The scenarios served by Miniflare without wrangler dev's proxy, on the state wrangler dev left, after a GET /health
 * served the same way: their baseline.
 */
async function runOnMiniflare(scenarios: HttpScenario[], flags: Flags) {
  const wrk = wrkInstalled();
  console.log(`Starting the Worker in Miniflare without wrangler dev's proxy, on port ${flags.port}…`);
  const worker = await startMiniflareWorker({ port: flags.port, stateDir: STATE_DIR, vars: {} });
  try {
    const generator = loadGeneratorFor("wrk", wrk);
    console.log(`→ ${MINIFLARE_HEALTH_NAME}: GET ${HEALTH.path} (baseline, ${generator})`);
    const healthMiniflare: HttpInput = {
      ...HEALTH,
      name: MINIFLARE_HEALTH_NAME,
      method: "GET",
      loadGenerator: generator,
      server: "miniflare",
      measurement: await measure(worker.url, HEALTH, flags, generator),
    };
    const http: HttpInput[] = [];
    for (const scenario of scenarios) {
      const method = scenario.method ?? "GET";
      const loadGenerator = loadGeneratorFor(scenario.loadGenerator, wrk);
      console.log(`→ ${scenario.name}: ${method} ${scenario.path} (${loadGenerator}, Miniflare)`);
      const recordedHeaders = await recordHeaders(worker.url, scenario);
      const measurement = await measure(worker.url, scenario, flags, loadGenerator);
      http.push({ ...scenario, method, recordedHeaders, loadGenerator, server: "miniflare", measurement });
    }
    return { healthMiniflare, http };
  } finally {
    await worker.stop();
  }
}

async function loadDatasets(url: string, token: string, only: string | undefined, workerPid: number | undefined): Promise<DatasetInput[]> {
  const client = new ApiClient({ baseUrl: url, token });
  const loaded: DatasetInput[] = [];
  // Sequential on purpose: one D1 database runs one query at a time, so parallel loads would only queue.
  for (const dataset of selected(DATASETS, only)) {
    console.log(`→ loading ${dataset.name}`);
    const load = await dataset.load({ client, url, token, workerPid });
    loaded.push({ name: dataset.name, service: dataset.service, ...load });
  }
  return loaded;
}

async function runLive(url: string, flags: Flags): Promise<LiveInput[]> {
  const results: LiveInput[] = [];
  for (const bench of selected(LIVE_BENCHMARKS, flags.only)) {
    console.log(`→ live ${bench.name}`);
    try {
      const run = await bench.run({ url, durationS: flags.durationGiven ? flags.duration : undefined });
      results.push({ name: bench.name, service: bench.service, ...run });
    } catch (error) {
      results.push({ name: bench.name, service: bench.service, metrics: {}, error: (error as Error).message });
    }
  }
  return results;
}

async function runMicro(only: string | undefined): Promise<MicroInput[]> {
  const results: MicroInput[] = [];
  for (const bench of selected(MICRO_BENCHMARKS, only)) {
    console.log(`→ micro ${bench.name}`);
    try {
      const metrics = await bench.run();
      const target = bench.target ? { description: bench.target.description, met: bench.target.check(metrics) } : undefined;
      results.push({ name: bench.name, service: bench.service, metrics, target });
    } catch (error) {
      // One broken benchmark should not throw away the minutes of measurements already taken.
      results.push({ name: bench.name, service: bench.service, metrics: {}, error: (error as Error).message });
    }
  }
  return results;
}

function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpu_model: list[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const partial = Boolean(flags.only) || !flags.http || !flags.pages || !flags.micro;
  stopChildrenOnSignals();

  // A fresh state every run: leftovers from an earlier run would change row counts and query plans.
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });

  const allScenarios = flags.http ? selected(HTTP_SCENARIOS, flags.only) : [];
  const scenarios = allScenarios.filter((scenario) => scenario.server !== "miniflare");
  const miniflareScenarios = allScenarios.filter((scenario) => scenario.server === "miniflare");
  const pageBenchmarks = flags.pages ? selected(PAGE_BENCHMARKS, flags.only) : [];
  const needsWorker = flags.http || pageBenchmarks.length > 0 || selected(DATASETS, flags.only).length > 0;
  let datasets: DatasetInput[] = [];
  let pages: PageInput[] = [];
  let live: LiveInput[] = [];
  let httpRun: Awaited<ReturnType<typeof runHttp>> | undefined;
  if (needsWorker) {
    const { token } = ensureDevVars();
    // The worker is stopped before the microbenchmarks, so workerd does not compete with them for the CPU.
    await withBenchWorker({ port: flags.port, stateDir: STATE_DIR, upstreams: selected(UPSTREAMS, flags.only) }, async (worker) => {
      datasets = await loadDatasets(worker.url, token, flags.only, worker.process.pid);
      if (flags.http) httpRun = await runHttp(worker.url, scenarios, flags);
      // Their own clients, after the load generators and before Chromium; --no-http skips them with the scenarios.
      if (flags.http) live = await runLive(worker.url, flags);
      // After the load tests, so Chromium and workerd have the cores to themselves.
      pages = await runPageBenchmarks(worker.url, pageBenchmarks);
    });
  }
  // After wrangler dev stopped: Miniflare opens the same local state.
  const miniflareRun = miniflareScenarios.length > 0 ? await runOnMiniflare(miniflareScenarios, flags) : undefined;
  const micro = flags.micro ? await runMicro(flags.only) : [];

  const results = buildResults({
    generatedAt: new Date(),
    machine: machine(),
    settings: { duration_s: flags.duration, connections: flags.connections },
    health: httpRun?.health ?? null,
    healthWrk: httpRun?.healthWrk ?? null,
    healthMiniflare: miniflareRun?.healthMiniflare ?? null,
    http: [...(httpRun?.http ?? []), ...(miniflareRun?.http ?? [])],
    micro,
    pages,
    live,
    datasets,
  });

  // A filtered run must not overwrite the full published figures with a handful of rows.
  const resultsPath = partial ? join(STATE_DIR, "results.json") : RESULTS_PATH;
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!partial) {
    const readme = existsSync(README_PATH) ? readFileSync(README_PATH, "utf8") : "# Benchmarks\n";
    writeFileSync(README_PATH, replaceResultsSection(readme, renderMarkdown(results)));
  }

  console.table(consoleRows(results));
  console.log(
    `Results written to ${resultsPath.slice(ROOT.length + 1)}${partial ? " (filtered run: README left as is)" : " and bench/README.md"}`,
  );
  const missed = missedTargets(results);
  if (missed.length) console.log(`Missed or failed: ${missed.join(", ")}`);
  process.exit(flags.strict && missed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
