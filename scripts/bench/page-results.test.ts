import { describe, expect, it } from "vitest";
import type { PageInput } from "./bench-results";
import { buildResults, median } from "./build-results";
import { consoleRows, renderMarkdown } from "./results-tables";
import { input } from "./results-test-inputs";
import { missedTargets, pageTargetMet } from "./target-judging";

const run = (ms: number, responseEnd = 300) => ({ ms, details: { response_end_ms: responseEnd } });

const dashboard = (runs: number[], extra: Partial<PageInput> = {}): PageInput => ({
  name: "dashboard: first rows",
  service: "credits",
  path: "/dashboards/credits",
  runs: runs.map((ms, i) => run(ms, 300 + i)),
  target: { maxMedianMs: 1000, description: "issue 12" },
  ...extra,
});

describe("page benchmarks", () => {
  it("takes the median of the runs, or of the two middle ones", () => {
    expect(median([900, 1200, 800, 950, 1100])).toBe(950);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("judges the median against the target and keeps every run", () => {
    const results = buildResults(input({ pages: [dashboard([900, 1200, 800.04, 950, 1100])] }));
    expect(results.pages[0]).toMatchObject({
      median_ms: 950,
      runs_ms: [900, 1200, 800, 950, 1100],
      median_details: { response_end_ms: 302 },
      runs_details: [300, 301, 302, 303, 304].map((value) => ({ response_end_ms: value })),
      target: { maxMedianMs: 1000, description: "issue 12" },
      met: true,
    });
    expect(missedTargets(results)).toEqual([]);
    const slow = buildResults(input({ pages: [dashboard([1001, 1200, 1300, 900, 1050])] }));
    expect(slow.pages[0]).toMatchObject({ median_ms: 1050, met: false });
    expect(missedTargets(slow)).toEqual(["dashboard: first rows"]);
  });

  it("never meets a target when the benchmark broke, and counts a broken one without a target too", () => {
    expect(pageTargetMet({ maxMedianMs: 100, description: "" }, 50, true)).toBe(false);
    expect(pageTargetMet({ maxMedianMs: 100, description: "" }, null, false)).toBe(false);
    expect(pageTargetMet(undefined, 50, false)).toBeNull();
    const broken = buildResults(
      input({ pages: [dashboard([400, 500], { error: "no Chromium" }), dashboard([], { target: undefined, error: "x" })] }),
    );
    expect(broken.pages.map((p) => [p.median_ms, p.met, p.error])).toEqual([
      [450, false, "no Chromium"],
      [null, null, "x"],
    ]);
    expect(missedTargets(broken)).toEqual(["dashboard: first rows", "dashboard: first rows"]);
  });

  it("tables the pages under their own heading, with runs, detail medians, target and status", () => {
    const results = buildResults(input({ pages: [dashboard([900, 1200, 800, 950, 1100]), dashboard([], { error: "no Chromium" })] }));
    const markdown = renderMarkdown(results);
    expect(markdown).toContain("### Pages (headless Chromium)");
    expect(markdown).toContain(
      "| dashboard: first rows | credits | /dashboards/credits | 950 | 900, 1,200, 800, 950, 1,100 | response_end_ms: 302 | " +
        "median ≤ 1,000 ms (issue 12) | met |",
    );
    expect(markdown).toContain(
      "| dashboard: first rows | credits | /dashboards/credits | n/a |  |  | median ≤ 1,000 ms (issue 12) | FAILED (no Chromium) |",
    );
    expect(consoleRows(results).filter((row) => row.kind === "page")).toEqual([
      { kind: "page", name: "dashboard: first rows", "median ms": "950", "runs ms": "900, 1,200, 800, 950, 1,100", status: "met" },
      { kind: "page", name: "dashboard: first rows", "median ms": "n/a", "runs ms": "", status: "FAILED (no Chromium)" },
    ]);
  });

  it("says so when no page benchmark ran", () => {
    expect(renderMarkdown(buildResults(input()))).toMatch(/### Pages \(headless Chromium\)\n\n_None registered yet\._/);
  });
});
