import { describe, expect, it } from "vitest";
import {
  RESULTS_END,
  RESULTS_START,
  buildResults,
  checkRows,
  consoleRows,
  headersToRecord,
  loadGeneratorFor,
  missedTargets,
  renderMarkdown,
  replaceResultsSection,
  WRK_HEALTH_NAME,
  type BuildInput,
  type HttpInput,
  type HttpMeasurement,
} from "./report";

function measurement(overrides: Partial<HttpMeasurement> = {}): HttpMeasurement {
  return { requestsAverage: 1000, latencyP50Ms: 9, latencyP99Ms: 20, responses: 10_000, non2xx: 0, errors: 0, timeouts: 0, ...overrides };
}

function input(overrides: Partial<BuildInput> = {}): BuildInput {
  return {
    generatedAt: new Date("2026-01-02T03:04:05Z"),
    machine: { cpus: 2, cpu_model: "AMD EPYC", node: "v20.19.0", platform: "linux x64" },
    settings: { duration_s: 5, connections: 10 },
    health: { name: "health", service: "system", method: "GET", path: "/health", measurement: measurement() },
    http: [],
    micro: [],
    datasets: [],
    ...overrides,
  };
}

const peaks = (m: HttpMeasurement, target = { minRatioToHealth: 0.5, maxP99Ms: 50, description: "cached top-N" }) => ({
  name: "peaks: top 10",
  service: "peaks",
  method: "GET",
  path: "/peaks?n=10",
  target,
  measurement: m,
});

describe("buildResults", () => {
  it("divides each scenario's req/s by the /health req/s of the same run", () => {
    const results = buildResults(input({ http: [peaks(measurement({ requestsAverage: 250 }))] }));
    expect(results.health?.ratio_to_health).toBe(1);
    expect(results.http[0]?.requests_per_s).toBe(250);
    expect(results.http[0]?.ratio_to_health).toBe(0.25);
  });

  it("marks a target met only when ratio and p99 both hold", () => {
    const met = buildResults(input({ http: [peaks(measurement({ requestsAverage: 600, latencyP99Ms: 40 }))] }));
    expect(met.http[0]?.met).toBe(true);
    const slow = buildResults(input({ http: [peaks(measurement({ requestsAverage: 600, latencyP99Ms: 80 }))] }));
    expect(slow.http[0]?.met).toBe(false);
    const lowRatio = buildResults(input({ http: [peaks(measurement({ requestsAverage: 400, latencyP99Ms: 40 }))] }));
    expect(lowRatio.http[0]?.met).toBe(false);
    expect(missedTargets(lowRatio)).toEqual(["peaks: top 10"]);
  });

  it("leaves met null when a scenario has no target", () => {
    const { target: _target, ...untargeted } = peaks(measurement());
    expect(buildResults(input({ http: [untargeted] })).http[0]?.met).toBeNull();
  });

  it("flags non-2xx answers as failures and does not count them as throughput", () => {
    const results = buildResults(input({ http: [peaks(measurement({ requestsAverage: 900, responses: 900, non2xx: 300 }))] }));
    const row = results.http[0];
    expect(row?.failed).toBe(true);
    expect(row?.requests_per_s).toBe(600);
    expect(row?.met).toBe(false);
    expect(missedTargets(results)).toEqual(["peaks: top 10"]);
  });

  it("flags socket errors as failures even without a target", () => {
    const { target: _target, ...untargeted } = peaks(measurement({ errors: 3 }));
    const results = buildResults(input({ http: [untargeted] }));
    expect(results.http[0]?.failed).toBe(true);
    expect(missedTargets(results)).toEqual(["peaks: top 10"]);
  });

  it("gives no ratio when the baseline itself failed", () => {
    const health = { name: "health", service: "system", method: "GET", path: "/health", measurement: measurement({ non2xx: 1 }) };
    const results = buildResults(input({ health, http: [peaks(measurement())] }));
    expect(results.http[0]?.ratio_to_health).toBeNull();
    expect(results.http[0]?.met).toBe(false);
  });

  it("computes rows/s for data loads and records micro targets", () => {
    const results = buildResults(
      input({
        datasets: [{ name: "peaks: 1M readings", service: "peaks", rows: 1_000_000, seconds: 8, extra: { batches: 100 } }],
        micro: [
          { name: "merit order", service: "productionplan", metrics: { ops_per_s: 5000 }, target: { description: "≥ 1000 ops/s", met: true } },
          { name: "broken", service: "credits", metrics: {}, error: "boom" },
        ],
      }),
    );
    expect(results.datasets[0]?.rows_per_s).toBe(125_000);
    expect(results.micro.map((m) => m.met)).toEqual([true, false]);
    expect(results.micro[0]?.target).toEqual({ description: "≥ 1000 ops/s" });
    expect(missedTargets(results)).toEqual(["broken"]);
  });

  it("keeps a data load's own verdict on its target, and counts a miss", () => {
    const results = buildResults(
      input({
        datasets: [
          { name: "feed at 1,000/s", service: "trading", rows: 19_000, seconds: 20, extra: { lost: 0 }, target: { description: "≥ 1,000 deals/s", met: false } },
          { name: "peaks", service: "peaks", rows: 10, seconds: 1 },
        ],
      }),
    );
    expect(results.datasets.map((d) => [d.target, d.met])).toEqual([
      [{ description: "≥ 1,000 deals/s" }, false],
      [null, null],
    ]);
    expect(missedTargets(results)).toEqual(["feed at 1,000/s"]);
    expect(renderMarkdown(results)).toContain("| feed at 1,000/s | trading | 19,000 | 20 | 950 | target: ≥ 1,000 deals/s (MISSED); lost: 0 |");
  });
});

const insights = (name: string, m: HttpMeasurement, extra: Partial<HttpInput> = {}): HttpInput => ({
  name,
  service: "insights",
  method: "GET",
  path: `/v1/circuits/c/usage?${name}`,
  measurement: m,
  ...extra,
});

describe("latency ratios and recorded headers", () => {
  const hour = insights("hour", measurement({ latencyP50Ms: 8 }), { recordedHeaders: { "X-Rows-Read": "61" } });
  const year = (p50: number, rowsRead: string | undefined, target = { maxLatencyRatio: { scenario: "hour", ratio: 2 }, maxRowsRead: 1000, description: "issue" }) =>
    insights("year", measurement({ latencyP50Ms: p50 }), { target, recordedHeaders: rowsRead === undefined ? {} : { "x-rows-read": rowsRead } });

  it("compares p50 with the named scenario of the same run, and bounds the rows read", () => {
    const met = buildResults(input({ http: [hour, year(14, "742")] }));
    expect(met.http[1]).toMatchObject({ latency_ratio: 1.75, rows_read: 742, recorded_headers: { "x-rows-read": "742" }, met: true });
    expect(met.http[0]).toMatchObject({ latency_ratio: null, rows_read: 61, met: null });
    const slow = buildResults(input({ http: [hour, year(17, "742")] }));
    expect(slow.http[1]).toMatchObject({ latency_ratio: 2.125, met: false });
    const heavy = buildResults(input({ http: [hour, year(10, "1001")] }));
    expect(heavy.http[1]?.met).toBe(false);
    expect(missedTargets(heavy)).toEqual(["year"]);
  });

  it("does not meet a target it cannot measure: reference missing or failed, header absent", () => {
    expect(buildResults(input({ http: [year(10, "5")] })).http[0]).toMatchObject({ latency_ratio: null, met: false });
    const failedHour = { ...hour, measurement: measurement({ latencyP50Ms: 8, non2xx: 3 }) };
    expect(buildResults(input({ http: [failedHour, year(10, "5")] })).http[1]?.met).toBe(false);
    expect(buildResults(input({ http: [hour, year(10, undefined)] })).http[1]).toMatchObject({ rows_read: null, met: false });
    expect(buildResults(input({ http: [hour, year(10, "many")] })).http[1]?.rows_read).toBeNull();
  });

  it("can compare with the /health baseline, which is named health", () => {
    const target = { maxLatencyRatio: { scenario: "health", ratio: 1.5 }, description: "cheap" };
    const results = buildResults(input({ http: [insights("x", measurement({ latencyP50Ms: 12 }), { target })] }));
    expect(results.http[0]).toMatchObject({ latency_ratio: 1.333, met: true });
  });

  it("records X-Rows-Read whenever a target bounds it, once", () => {
    expect(headersToRecord({})).toEqual([]);
    expect(headersToRecord({ recordHeaders: ["ETag"] })).toEqual(["ETag"]);
    expect(headersToRecord({ target: { maxRowsRead: 10, description: "" } })).toEqual(["X-Rows-Read"]);
    expect(headersToRecord({ recordHeaders: ["x-rows-read"], target: { maxRowsRead: 10, description: "" } })).toEqual(["x-rows-read"]);
  });

  it("lists each comparison and header in its own table, with the target text in the main one", () => {
    const results = buildResults(input({ http: [hour, year(17, "742")] }));
    expect(checkRows(results)).toEqual([
      { scenario: "hour", check: "X-Rows-Read", measured: "61", limit: "", status: "measured" },
      { scenario: "year", check: 'p50 vs "hour"', measured: "2.13× (17 vs 8 ms)", limit: "≤ 2×", status: "MISSED" },
      { scenario: "year", check: "x-rows-read", measured: "742", limit: "≤ 1,000", status: "met" },
    ]);
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('p50 ≤ 2× "hour", ≤ 1,000 rows read (issue) | MISSED |');
    expect(markdown).toContain("### Checks across scenarios (latency ratios, recorded headers)");
    expect(markdown).toContain('| year | p50 vs "hour" | 2.13× (17 vs 8 ms) | ≤ 2× | MISSED |');
    expect(markdown).toContain("| year | x-rows-read | 742 | ≤ 1,000 | met |");
  });

  it("says why a comparison could not be made", () => {
    const rows = checkRows(buildResults(input({ http: [year(10, undefined)] })));
    expect(rows).toEqual([
      { scenario: "year", check: 'p50 vs "hour"', measured: 'n/a ("hour" not measured)', limit: "≤ 2×", status: "MISSED" },
      { scenario: "year", check: "X-Rows-Read", measured: "not recorded", limit: "≤ 1,000", status: "MISSED" },
    ]);
  });
});

describe("renderMarkdown", () => {
  it("tables the baseline first, then scenarios, with ratio, target and failure status", () => {
    const markdown = renderMarkdown(
      buildResults(
        input({
          http: [
            peaks(measurement({ requestsAverage: 600, latencyP99Ms: 40 })),
            { ...peaks(measurement({ non2xx: 12 })), name: "peaks: broken" },
          ],
        }),
      ),
    );
    const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
    expect(rows[0]).toContain("| scenario | service | request | load generator | req/s | p50 ms | p99 ms | × /health |");
    expect(rows[1]).toBe("| health | system | GET /health | autocannon | 1,000 | 9 | 20 | 1.00 |  | measured |");
    expect(rows[2]).toContain("| GET /peaks?n=10 | autocannon | 600 | 9 | 40 | 0.60 | ≥ 0.5× /health, p99 ≤ 50 ms (cached top-N) | met |");
    expect(rows[3]).toContain("FAILED (12 non-2xx)");
    expect(markdown).toContain("2 × AMD EPYC");
    expect(markdown).toContain("_None registered yet._");
  });

  it("escapes pipes so a path cannot break the table", () => {
    const markdown = renderMarkdown(buildResults(input({ http: [{ ...peaks(measurement()), path: "/x?a=1|2" }] })));
    expect(markdown).toContain("GET /x?a=1\\|2");
  });
});

describe("load generators", () => {
  const healthWrk = { name: WRK_HEALTH_NAME, service: "system", method: "GET", path: "/health", measurement: measurement({ requestsAverage: 1250 }) };
  const usage = (loadGenerator: HttpInput["loadGenerator"], requestsAverage: number): HttpInput => ({
    name: `usage ${loadGenerator}`,
    service: "credits",
    method: "GET",
    path: "/usage",
    loadGenerator,
    target: { minRatioToHealth: 0.5, description: "issue 5" },
    measurement: measurement({ requestsAverage }),
  });

  it("uses wrk only when a scenario asks for it and it is installed", () => {
    expect(loadGeneratorFor(undefined, true)).toBe("autocannon");
    expect(loadGeneratorFor("autocannon", true)).toBe("autocannon");
    expect(loadGeneratorFor("wrk", true)).toBe("wrk");
    expect(loadGeneratorFor("wrk", false)).toBe("autocannon (wrk unavailable)");
  });

  it("divides each scenario by the /health measured with its own generator", () => {
    const results = buildResults(input({ healthWrk, http: [usage("wrk", 1000), usage("autocannon (wrk unavailable)", 400), usage(undefined, 600)] }));
    expect(results.health).toMatchObject({ name: "health", load_generator: "autocannon", ratio_to_health: 1 });
    expect(results.health_wrk).toMatchObject({ name: WRK_HEALTH_NAME, load_generator: "wrk", requests_per_s: 1250, ratio_to_health: 1 });
    expect(results.http.map((r) => [r.load_generator, r.ratio_to_health, r.met])).toEqual([
      ["wrk", 0.8, true],
      ["autocannon (wrk unavailable)", 0.4, false],
      ["autocannon", 0.6, true],
    ]);
  });

  it("gives a wrk scenario no ratio when /health was not measured with wrk", () => {
    const results = buildResults(input({ http: [usage("wrk", 1000)] }));
    expect(results.health_wrk).toBeNull();
    expect(results.http[0]).toMatchObject({ ratio_to_health: null, met: false });
  });

  it("lists both baselines first and names the generator in every table", () => {
    const results = buildResults(input({ healthWrk: { ...healthWrk, measurement: measurement({ errors: 2 }) }, http: [usage("wrk", 1000)] }));
    const rows = renderMarkdown(results)
      .split("\n")
      .filter((line) => line.startsWith("| health") || line.startsWith("| usage"));
    expect(rows).toEqual([
      "| health | system | GET /health | autocannon | 1,000 | 9 | 20 | 1.00 |  | measured |",
      "| health (wrk) | system | GET /health | wrk | 1,000 | 9 | 20 | n/a |  | FAILED (2 errors) |",
      "| usage wrk | credits | GET /usage | wrk | 1,000 | 9 | 20 | n/a | ≥ 0.5× /health (issue 5) | MISSED |",
    ]);
    expect(missedTargets(results)).toEqual([WRK_HEALTH_NAME, "usage wrk"]);
    expect(consoleRows(results).map((row) => row.generator)).toEqual(["autocannon", "wrk", "wrk"]);
  });
});

describe("replaceResultsSection", () => {
  const readme = `# Benchmarks\n\nProse before.\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\nProse after.\n`;

  it("replaces only the text between the markers", () => {
    const updated = replaceResultsSection(readme, "new table");
    expect(updated).toBe(`# Benchmarks\n\nProse before.\n\n${RESULTS_START}\nnew table\n${RESULTS_END}\n\nProse after.\n`);
  });

  it("is idempotent", () => {
    const once = replaceResultsSection(readme, "new table\n");
    expect(replaceResultsSection(once, "new table\n")).toBe(once);
  });

  it("appends markers and section when the README has none", () => {
    const updated = replaceResultsSection("# Benchmarks\n\nIntro.\n", "table");
    expect(updated).toBe(`# Benchmarks\n\nIntro.\n\n${RESULTS_START}\ntable\n${RESULTS_END}\n`);
    expect(replaceResultsSection(updated, "table")).toBe(updated);
  });

  it("refuses a README whose markers are out of order rather than guess", () => {
    expect(() => replaceResultsSection(`${RESULTS_END}\n${RESULTS_START}\n`, "x")).toThrow(/broken results block/);
  });
});
