/**
 * The Insights charts timed in headless Chromium: from the moment the page's script has parsed the chart's data
 * (performance mark `insights-chart-data`) to the moment uPlot has drawn it (`insights-chart-drawn`), the issue's
 * "drawn within 500 ms of the data arriving". In-page code is a string for the reason page-bench.ts gives.
 */
import type { Page } from "playwright-core";
import type { PageBenchmark, PageRun } from "./registry";

const CHART_TIMING = `(async () => {
  const deadline = performance.now() + 20000;
  while (performance.getEntriesByName("insights-chart-drawn").length === 0) {
    if (performance.now() > deadline) throw new Error("the chart was never drawn");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const data = performance.getEntriesByName("insights-chart-data")[0].startTime;
  const drawn = performance.getEntriesByName("insights-chart-drawn")[0].startTime;
  const island = JSON.parse(document.getElementById("chart-data").textContent);
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    ms: drawn - data,
    details: {
      data_parsed_ms: data,
      drawn_ms: drawn,
      response_end_ms: nav.responseEnd,
      points: island.x.length * island.series.length,
      series: island.series.length,
      html_kb: nav.decodedBodySize / 1024,
    },
  };
})()`;

async function timeChart(page: Page, url: string, expectedPoints: number): Promise<PageRun> {
  const response = await page.goto(url, { waitUntil: "load" });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  const run = (await page.evaluate(CHART_TIMING)) as PageRun;
  if (run.details.points !== expectedPoints) throw new Error(`the chart had ${run.details.points} points, not ${expectedPoints}`);
  return run;
}

export function insightsChartPages(monthOrgId: string, yearCircuitId: string): PageBenchmark[] {
  const monthPath = `/dashboards/insights/organizations/${monthOrgId}?start=2025-09-01&end=2025-10-01&resolution=1h`;
  const yearPath = `/dashboards/insights/circuits/${yearCircuitId}?start=2025-01-01&end=2026-01-01&resolution=1h`;
  return [
    {
      name: "insights: organisation of 12 circuits, 30 days at 1 h (8,640 points): chart drawn after its data",
      service: "insights",
      path: monthPath,
      measure: (page, url) => timeChart(page, url, 12 * 720),
      target: { maxMedianMs: 500, description: "issue 14: drawn within 500 ms of the data arriving, median of 5 fresh loads" },
    },
    {
      name: "insights: one circuit, a year at 1 h (8,760 points): chart drawn after its data",
      service: "insights",
      path: yearPath,
      measure: (page, url) => timeChart(page, url, 8760),
      target: { maxMedianMs: 500, description: "issue 14: drawn within 500 ms of the data arriving, median of 5 fresh loads" },
    },
  ];
}
