import { describe, expect, it } from "vitest";
import { type HttpInput, loadGeneratorFor, MINIFLARE_HEALTH_NAME, WRK_HEALTH_NAME } from "./bench-results";
import { buildResults } from "./build-results";
import { consoleRows, renderMarkdown } from "./results-tables";
import { input, measurement, peaks } from "./results-test-inputs";
import { missedTargets } from "./target-judging";

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
          {
            name: "merit order",
            service: "productionplan",
            metrics: { ops_per_s: 5000 },
            target: { description: "≥ 1000 ops/s", met: true },
          },
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
          {
            name: "feed at 1,000/s",
            service: "trading",
            rows: 19_000,
            seconds: 20,
            extra: { lost: 0 },
            target: { description: "≥ 1,000 deals/s", met: false },
          },
          { name: "peaks", service: "peaks", rows: 10, seconds: 1 },
        ],
      }),
    );
    expect(results.datasets.map((d) => [d.target, d.met])).toEqual([
      [{ description: "≥ 1,000 deals/s" }, false],
      [null, null],
    ]);
    expect(missedTargets(results)).toEqual(["feed at 1,000/s"]);
    expect(renderMarkdown(results)).toContain(
      "| feed at 1,000/s | trading | 19,000 | 20 | 950 | target: ≥ 1,000 deals/s (MISSED); lost: 0 |",
    );
  });
});

describe("load generators", () => {
  const healthWrk = {
    name: WRK_HEALTH_NAME,
    service: "system",
    method: "GET",
    path: "/health",
    measurement: measurement({ requestsAverage: 1250 }),
  };
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
    const results = buildResults(
      input({ healthWrk, http: [usage("wrk", 1000), usage("autocannon (wrk unavailable)", 400), usage(undefined, 600)] }),
    );
    expect(results.health).toMatchObject({ name: "health", load_generator: "autocannon", ratio_to_health: 1 });
    expect(results.health_wrk).toMatchObject({ name: WRK_HEALTH_NAME, load_generator: "wrk", requests_per_s: 1250, ratio_to_health: 1 });
    expect(results.http.map((r) => [r.load_generator, r.ratio_to_health, r.met])).toEqual([
      ["wrk", 0.8, true],
      ["autocannon (wrk unavailable)", 0.4, false],
      ["autocannon", 0.6, true],
    ]);
  });

  it("divides a scenario served by Miniflare by the /health served by Miniflare, and says where it ran", () => {
    const healthMiniflare = { ...healthWrk, name: MINIFLARE_HEALTH_NAME, measurement: measurement({ requestsAverage: 2500 }) };
    const page = { ...usage("wrk", 1500), name: "page on Miniflare", server: "miniflare" as const };
    const results = buildResults(input({ healthWrk, healthMiniflare, http: [page, { ...usage("wrk", 1500), name: "page" }] }));
    expect(results.health_miniflare).toMatchObject({
      server: "miniflare",
      load_generator: "wrk",
      requests_per_s: 2500,
      ratio_to_health: 1,
    });
    expect(results.health_wrk).toMatchObject({ server: "wrangler-dev", requests_per_s: 1250 });
    expect(results.http.map((r) => [r.name, r.server, r.ratio_to_health])).toEqual([
      ["page on Miniflare", "miniflare", 0.6],
      ["page", "wrangler-dev", 1.2],
    ]);
    expect(consoleRows(results).find((row) => row.name === "page on Miniflare")?.generator).toBe("wrk, Miniflare");
  });

  it("gives a Miniflare scenario no ratio when /health was not served by Miniflare", () => {
    const page = { ...usage("wrk", 1500), server: "miniflare" as const };
    expect(buildResults(input({ healthWrk, http: [page] })).http[0]).toMatchObject({ ratio_to_health: null, met: false });
  });

  it("gives a wrk scenario no ratio when /health was not measured with wrk", () => {
    const results = buildResults(input({ http: [usage("wrk", 1000)] }));
    expect(results.health_wrk).toBeNull();
    expect(results.http[0]).toMatchObject({ ratio_to_health: null, met: false });
  });

  it("lists both baselines first and names the generator in every table", () => {
    const results = buildResults(
      input({ healthWrk: { ...healthWrk, measurement: measurement({ errors: 2 }) }, http: [usage("wrk", 1000)] }),
    );
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
