/** The id of the page element holding the chart's data, which the page's script reads. */
export const CHART_DATA_ID = "chart-data";

/**
 * The chart's data as the page carries it to its script: compact arrays, not the API's bucket objects. `x` holds
 * each bucket's start in epoch seconds (uPlot's time unit); `end` the last bucket's end; one `y` per series holds the
 * bucket's average power in watts, null for a bucket without readings (a gap, never a zero).
 */
export interface ChartIsland {
  x: number[];
  end: number;
  /** IANA zone the page shows times in. */
  tz: string;
  unit: "W";
  series: Array<{ label: string; y: Array<number | null> }>;
}

/** What the island needs of a series (chart-series.ts's ChartSeries); this file imports nothing, as the page's script reads it. */
interface IslandSeries {
  label: string;
  points: ReadonlyArray<{ sample_count: number; avg_watts: number | null }>;
}

export function chartIsland(edges: readonly number[], tz: string, series: readonly IslandSeries[]): ChartIsland {
  return {
    x: edges.slice(0, -1).map((ms) => ms / 1000),
    end: edges.at(-1)! / 1000,
    tz,
    unit: "W",
    series: series.map((s) => ({ label: s.label, y: s.points.map((point) => (point.sample_count > 0 ? point.avg_watts : null)) })),
  };
}

/**
 * JSON safe inside a <script type="application/json"> element: `<` is written \u003c, so a name holding
 * "</script>" or "<!--" cannot end the element early; U+2028/2029 are escaped too, out of caution for old parsers.
 */
export function islandJson(island: ChartIsland): string {
  return JSON.stringify(island)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
