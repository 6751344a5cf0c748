import { describe, expect, it } from "vitest";
import { buildResults } from "./build-results";
import { RESULTS_END, RESULTS_START, renderMarkdown, replaceResultsSection } from "./results-tables";
import { input, measurement, peaks } from "./results-test-inputs";

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
