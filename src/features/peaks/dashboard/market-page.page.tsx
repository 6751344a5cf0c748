import type { Child } from "hono/jsx";
import { formatCount } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { EmptyState } from "../../../web/states";
import type { MarketReadings } from "../market-readings-query";
import type { RankedPeak } from "../peak-order";
import { type BucketResolution, READING_RESOLUTIONS } from "../peaks.schemas";
import { LastChange } from "./last-change";
import { PRESETS, presetWindow, sameWindow } from "./market-window";
import { MAX_PEAKS_SHOWN, MIN_PEAKS_SHOWN, PEAKS_SHOWN_CHOICES } from "./peaks-dashboard.schemas";
import { BOARD_PATH, type MarketView, marketHref } from "./peaks-dashboard-links";
import { PeaksTable } from "./peaks-table";
import { formatNaive } from "./reading-format";
import { ReadingsChart } from "./readings-chart";

/** What a market page needs of the market itself. */
export interface MarketFacts {
  name: string;
  readingCount: number;
  firstTs: string | null;
  lastTs: string | null;
}

export interface MarketPageProps {
  market: MarketFacts;
  view: MarketView;
  /** The window's top `view.n` readings. */
  peaks: RankedPeak[];
  /** The window's readings as the chart draws them. */
  readings: MarketReadings;
  /** The chart's time axis, epoch ms on the market's clock. */
  span: { from: number; to: number };
  /** When an ingest last changed the market's readings (UTC); null before the first. */
  changedAt: string | null;
}

const BUCKET_WORDS: Record<BucketResolution, string> = {
  "1m": "1-minute",
  "5m": "5-minute",
  "15m": "15-minute",
  "1h": "1-hour",
  "6h": "6-hour",
  "1d": "1-day",
  "7d": "7-day",
};

/** The window in words: "all data", "from … to … (end exclusive)". */
export function windowWords(view: MarketView): string {
  if (view.from && view.to) return `from ${formatNaive(view.from)} to ${formatNaive(view.to)} (end exclusive)`;
  if (view.from) return `from ${formatNaive(view.from)} on`;
  if (view.to) return `before ${formatNaive(view.to)}`;
  return "over all data";
}

/** A bound as a person types it: the day alone when it is midnight. */
const boundText = (bound: string | undefined) => (bound === undefined ? "" : formatNaive(bound).replace(/ 00:00:00$/, ""));

function Facts({ market, changedAt }: { market: MarketFacts; changedAt: string | null }) {
  const time = (ts: string | null) => (ts ? <time datetime={ts}>{formatNaive(ts)}</time> : "—");
  return (
    <dl class="figures" id="market-facts">
      <div class="figure">
        <dt>Readings</dt>
        <dd data-figure="readings">{formatCount(market.readingCount)}</dd>
      </div>
      <div class="figure">
        <dt>First reading</dt>
        <dd data-figure="first">
          {time(market.firstTs)}
          <span class="figure-sub">market-local</span>
        </dd>
      </div>
      <div class="figure">
        <dt>Last reading</dt>
        <dd data-figure="last">
          {time(market.lastTs)}
          <span class="figure-sub">market-local</span>
        </dd>
      </div>
      <div class="figure figure-wide">
        <dt>Data</dt>
        <dd data-figure="changed" class="figure-text">
          <LastChange changedAt={changedAt} />
        </dd>
      </div>
    </dl>
  );
}

function WindowControls({ market, view }: { market: MarketFacts; view: MarketView }) {
  const counts = [...new Set([...PEAKS_SHOWN_CHOICES, view.n])].sort((a, b) => a - b);
  return (
    <section class="panel window-controls" aria-labelledby="window-heading">
      <h2 id="window-heading">Window</h2>
      <nav aria-label="Window presets">
        <ul class="day-links">
          {PRESETS.map((preset) => {
            const window = presetWindow(preset, market.lastTs);
            if (!window) return null;
            const current = sameWindow(view, window);
            return (
              <li>
                <a
                  href={marketHref(market.name, { n: view.n, ...window })}
                  aria-current={current ? "page" : undefined}
                  data-preset={preset.id}
                >
                  {preset.label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <p class="meta">
        Presets are the market's own data: they end just after its last reading
        {market.lastTs ? ` (${formatNaive(market.lastTs)})` : ""}, not at today's date. A month is 30 days.
      </p>
      <form class="inline" method="get" action={marketHref(market.name)} aria-label="Window and peaks shown">
        <label>
          From (market-local, inclusive)
          <input name="from" type="text" placeholder="2024-06-01" value={boundText(view.from)} />
        </label>
        <label>
          To (market-local, exclusive)
          <input name="to" type="text" placeholder="2024-06-08 12:00:00" value={boundText(view.to)} />
        </label>
        <label>
          Peaks shown
          <select name="n">
            {counts.map((count) => (
              <option value={String(count)} selected={count === view.n}>
                {count}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <p class="meta">
        Dates as YYYY-MM-DD (midnight) or YYYY-MM-DD HH:MM:SS; leave a bound empty for the start or end of the data. Peaks shown:{" "}
        {MIN_PEAKS_SHOWN} to {MAX_PEAKS_SHOWN}.
      </p>
    </section>
  );
}

function LegendSwatch({ kind }: { kind: "line" | "band" | "peak" }) {
  return (
    <svg class="legend-swatch" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
      {kind === "line" && <line class="series-line" x1="1" y1="7" x2="27" y2="7" />}
      {kind === "band" && <rect class="series-band" x="1" y="2" width="26" height="10" />}
      {kind === "peak" && <circle class="peak-mark" cx="14" cy="7" r="5" />}
    </svg>
  );
}

function ChartSection({ market, view, readings, peaks, span }: Omit<MarketPageProps, "changedAt">) {
  const bucketed = readings.resolution !== "raw";
  const how = bucketed ? `the highest reading of each ${BUCKET_WORDS[readings.resolution]} bucket` : "every reading";
  const api = `/v1/markets/${encodeURIComponent(market.name)}/readings?${new URLSearchParams({
    ...(view.from && { from: view.from }),
    ...(view.to && { to: view.to }),
    resolution: readings.resolution,
  })}`;
  let body: Child;
  if (readings.readings === 0) {
    body = (
      <EmptyState title="No readings in this window.">
        <p>Pick a preset or another window above.</p>
      </EmptyState>
    );
  } else {
    const description =
      `Line chart of ${market.name}'s usage in kW ${windowWords(view)}: ${how}` +
      `${bucketed ? ", with the range from lowest to highest as a band" : ""}, and the top ${peaks.length} readings marked by rank. ` +
      "The peaks are listed in the table below.";
    const series = bucketed
      ? { kind: "buckets" as const, seconds: READING_RESOLUTIONS[readings.resolution], buckets: readings.buckets }
      : { kind: "raw" as const, points: readings.points };
    body = (
      <div class="panel">
        <p class="meta scroll-hint">The chart is wider than this screen: swipe it sideways to see all of it.</p>
        <section class="chart-scroll readings-chart-scroll" aria-label="Readings chart (scrolls sideways on narrow screens)" tabindex={0}>
          <ReadingsChart span={span} series={series} peaks={peaks} description={description} />
        </section>
        <ul class="chart-legend">
          <li>
            <LegendSwatch kind="line" /> {bucketed ? "Highest reading per bucket" : "Readings"}
          </li>
          {bucketed && (
            <li>
              <LegendSwatch kind="band" /> Lowest to highest reading per bucket
            </li>
          )}
          <li>
            <LegendSwatch kind="peak" /> Peaks, numbered by rank
          </li>
        </ul>
        <p class="meta">
          Hover a point or a peak for its exact values. The chart's points are also in the API: <a href={api}>{api}</a>.
        </p>
      </div>
    );
  }
  return (
    <section
      id="readings-chart"
      aria-labelledby="chart-heading"
      data-resolution={readings.resolution}
      data-readings={String(readings.readings)}
    >
      <h2 id="chart-heading">Readings {windowWords(view)}</h2>
      <p class="meta">
        {formatCount(readings.readings)} {readings.readings === 1 ? "reading" : "readings"}
        {readings.readings > 0 && `, drawn as ${how}${bucketed ? ` (${formatCount(readings.buckets.length)} buckets)` : ""}`}. Usage in kW.
      </p>
      {body}
    </section>
  );
}

function TopPeaks({ market, view, peaks }: { market: MarketFacts; view: MarketView; peaks: RankedPeak[] }) {
  const caption = `The ${view.n} highest readings of ${market.name} ${windowWords(view)}${
    peaks.length < view.n ? `: ${peaks.length} in all` : ""
  }. Usage in kW; timestamps market-local.`;
  return (
    <section id="top-peaks" aria-labelledby="top-heading">
      <h2 id="top-heading">
        Top {view.n} {windowWords(view)}
      </h2>
      <div class="table-tools">
        <a class="button button-quiet" href={marketHref(market.name, view, "csv")} download={`peaks-${market.name}.csv`}>
          Download CSV (these {formatCount(peaks.length)} readings)
        </a>
      </div>
      {peaks.length === 0 ? <p>No readings in this window.</p> : <PeaksTable id="top-peaks-table" caption={caption} peaks={peaks} />}
    </section>
  );
}

/** A market's page: top N over any window of its data, and a chart of its readings with those peaks marked. */
export function MarketPage(props: MarketPageProps) {
  const { market, view, changedAt } = props;
  return (
    <Layout title={`Peak usage: ${market.name}`} current={BOARD_PATH}>
      <p class="breadcrumb">
        <a href={BOARD_PATH}>Peak usage</a> › {market.name}
      </p>
      <h1>
        Peak usage: <span class="market-name">{market.name}</span>
      </h1>
      <p class="lede">
        The highest usage readings of {market.name} in kilowatts (kW), over all its data or a window, and a chart of its readings. Reading
        times are the market's local time as it reports them (no time zone); the time the data changed is UTC.
      </p>
      <Facts market={market} changedAt={changedAt} />
      {market.readingCount === 0 ? (
        <EmptyState title="No readings yet.">
          <p>
            Readings arrive through <code>{`POST /v1/markets/${market.name}/readings`}</code>; see the <a href="/docs#/peaks">peaks API</a>.
          </p>
        </EmptyState>
      ) : (
        <>
          <WindowControls market={market} view={view} />
          <ChartSection {...props} />
          <TopPeaks market={market} view={view} peaks={props.peaks} />
        </>
      )}
    </Layout>
  );
}
