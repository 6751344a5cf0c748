import { csvLine } from "../../../lib/csv";
import type { ChartSeries, SeriesPoint } from "./chart-series";
import type { Zone } from "./zoned-time";

/** One bucket of one series: a row of the series table and of the CSV, in that order (by series, then time). */
export interface SeriesRow {
  start: number;
  end: number;
  series: ChartSeries;
  point: SeriesPoint;
}

/**
 * The table and the CSV show the chart's data row by row. Past this many rows (about 0.7 MB of HTML) a table is no
 * use to read and slows the page: the page offers the CSV, which holds them all, and coarser views with a table.
 */
export const MAX_TABLE_ROWS = 3_000;

export function seriesRows(edges: readonly number[], series: readonly ChartSeries[]): SeriesRow[] {
  return series.flatMap((s) => s.points.map((point, i) => ({ start: edges[i]!, end: edges[i + 1]!, series: s, point })));
}

export const CSV_COLUMNS = [
  "bucket_start",
  "bucket_end",
  "series",
  "series_id",
  "sample_count",
  "expected_samples",
  "coverage",
  "avg_watts",
  "max_watts",
  "max_at",
] as const;

/**
 * The series as CSV, the table's rows and figures exactly: times ISO 8601 in the page's zone (with its offset), the
 * API's figures as numbers, and an empty field where the table shows none (a bucket without readings, a location's
 * maximum).
 */
export function seriesCsv(rows: readonly SeriesRow[], zone: Zone): string {
  // Bucket edges repeat in every series: each is written once, as an offset zone costs an Intl call per time.
  const edgeTexts = new Map<number, string>();
  const edgeText = (ms: number) => {
    let text = edgeTexts.get(ms);
    if (text === undefined) {
      text = zone.isoText(ms);
      edgeTexts.set(ms, text);
    }
    return text;
  };
  const lines = rows.map(({ start, end, series, point }) =>
    csvLine([
      edgeText(start),
      edgeText(end),
      series.label,
      series.id,
      point.sample_count,
      point.expected_samples,
      point.coverage,
      point.avg_watts ?? "",
      point.max_watts ?? "",
      point.max_at === null ? "" : zone.isoText(Date.parse(point.max_at)),
    ]),
  );
  return csvLine([...CSV_COLUMNS]) + lines.join("");
}
