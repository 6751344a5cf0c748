import { describe, expect, it } from "vitest";
import type { HttpInput, HttpMeasurement } from "./bench-results";
import { buildResults } from "./build-results";
import { checkRows, renderMarkdown } from "./results-tables";
import { input, measurement } from "./results-test-inputs";
import { headersToRecord, missedTargets } from "./target-judging";

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
  const year = (
    p50: number,
    rowsRead: string | undefined,
    target = { maxLatencyRatio: { scenario: "hour", ratio: 2 }, maxRowsRead: 1000, description: "issue" },
  ) =>
    insights("year", measurement({ latencyP50Ms: p50 }), {
      target,
      recordedHeaders: rowsRead === undefined ? {} : { "x-rows-read": rowsRead },
    });

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
