import { raw } from "hono/html";
import { formatCount } from "../../../web/format";
import { CHART_DATA_ID, chartIsland, islandJson } from "./chart-island";
import type { ChartPlan } from "./chart-plan";
import type { ChartSeries } from "./chart-series";
import { formatCoverage, formatWatts } from "./power-format";
import { MAX_TABLE_ROWS, type SeriesRow, seriesRows } from "./series-rows";
import { zoneWords } from "./view-summary";
import { RESOLUTION_WORDS } from "./window-controls";

/**
 * The rows as HTML, written directly: a table of a few thousand rows built as JSX elements takes several times longer.
 * Every text from the data is escaped; the rest are numbers and our own time texts (the zone's wall time and offset).
 */
function tableBody(rows: readonly SeriesRow[], plan: ChartPlan): string {
  const times = new Map(plan.edges.map((ms) => [ms, plan.zone.displayText(ms)]));
  const labels = new Map<string, string>();
  let html = "";
  for (const { start, end, series, point } of rows) {
    let label = labels.get(series.id);
    if (label === undefined) {
      label = escapeHtml(series.label);
      labels.set(series.id, label);
    }
    const average = point.avg_watts === null ? "no readings" : formatWatts(point.avg_watts);
    const maximum = point.max_watts === null ? "—" : formatWatts(point.max_watts);
    const maxAt = point.max_at === null ? "—" : plan.zone.displayText(Date.parse(point.max_at));
    html +=
      `<tr><td>${times.get(start)}</td><td>${times.get(end)}</td><td>${label}</td>` +
      `<td class="num">${point.sample_count}</td><td class="num">${point.expected_samples}</td>` +
      `<td class="num">${formatCoverage(point.coverage)}</td><td class="num">${average}</td><td class="num">${maximum}</td>` +
      `<td>${maxAt}</td></tr>`;
  }
  return html;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

function SeriesTable({ rows, plan, kind }: { rows: SeriesRow[]; plan: ChartPlan; kind: "circuit" | "location" }) {
  return (
    <section class="table-wrap" aria-label="The chart's figures, scrolling sideways when narrow" tabindex={0}>
      <table id="series-table">
        <caption>
          Each series' buckets in time order, times in {zoneWords(plan)}. Averages and maxima in watts;{" "}
          {kind === "location"
            ? "a location's average is the sum of its circuits' averages, and it has no maximum (—)."
            : "the maximum is the highest single reading."}
        </caption>
        <thead>
          <tr>
            <th scope="col">Bucket start</th>
            <th scope="col">Bucket end</th>
            <th scope="col">Series</th>
            <th scope="col" class="num">
              Readings
            </th>
            <th scope="col" class="num">
              Expected
            </th>
            <th scope="col" class="num">
              Coverage
            </th>
            <th scope="col" class="num">
              Average (W)
            </th>
            <th scope="col" class="num">
              Maximum (W)
            </th>
            <th scope="col">Maximum at</th>
          </tr>
        </thead>
        <tbody>{raw(tableBody(rows, plan))}</tbody>
      </table>
    </section>
  );
}

export interface SeriesChartProps {
  plan: ChartPlan;
  series: ChartSeries[];
  /** What one series is: "circuit" or "location". */
  kind: "circuit" | "location";
  /** One sentence on which series the chart has, and how to get the others. */
  note: string;
  csvHref: string;
  csvName: string;
  /** Views of the same window whose table fits a page, offered when this one's does not. */
  alternatives: Array<{ text: string; href: string; rows: number }>;
}

/** The time-series chart (drawn by the page's script from the data island), its table, and its CSV. */
export function SeriesChart({ plan, series, kind, note, csvHref, csvName, alternatives }: SeriesChartProps) {
  const rows = seriesRows(plan.edges, series);
  const buckets = plan.edges.length - 1;
  const resolution = RESOLUTION_WORDS[plan.resolution];
  return (
    <section id="chart-section" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Average power per {resolution}</h2>
      <p class="meta">
        {note} {formatCount(buckets)} buckets of {resolution}
        {plan.resolution === "1d" ? " (calendar days in the zone)" : ""}
        {plan.automatic ? ", picked to keep each series within 1,000 points" : ""}. Each point is a bucket's average power in watts, drawn
        at the bucket's start; a bucket without readings is a gap in its line, never a zero (shaded grey where no series has readings).
        Point at the chart for a bucket's exact values.
      </p>
      <figure class="panel insights-chart">
        <div id="insights-chart" class="insights-chart-plot">
          <p class="meta">The chart needs JavaScript; its figures are in the table and the CSV below.</p>
        </div>
        <figcaption class="meta">
          Average power (W) of {series.length === 1 ? "one series" : `${series.length} series`} per {resolution}, times in {zoneWords(plan)}
          .
        </figcaption>
      </figure>
      <script type="application/json" id={CHART_DATA_ID}>
        {raw(islandJson(chartIsland(plan.edges, plan.zone.name, series)))}
      </script>
      <div class="table-tools">
        <a class="button button-quiet" href={csvHref} download={csvName}>
          Download CSV ({formatCount(rows.length)} rows)
        </a>
      </div>
      <details class="figures-text" id="series-details">
        <summary>The chart's figures as a table ({formatCount(rows.length)} rows)</summary>
        {rows.length <= MAX_TABLE_ROWS ? (
          <SeriesTable rows={rows} plan={plan} kind={kind} />
        ) : (
          <div class="notice">
            <p>
              {formatCount(rows.length)} rows are more than a page shows (at most {formatCount(MAX_TABLE_ROWS)}): the CSV holds them all.
              {alternatives.length > 0 && " These views of the same window have a table:"}
            </p>
            {alternatives.length > 0 && (
              <ul>
                {alternatives.map((alternative) => (
                  <li>
                    <a href={alternative.href}>{alternative.text}</a> ({formatCount(alternative.rows)} rows)
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </details>
    </section>
  );
}
