import { niceTicks } from "../../../web/bar-chart";
import type { PeakReading, RankedPeak } from "../peak-order";
import type { ReadingBucketRow } from "../peaks.repository";
import { naiveAt, naiveMs } from "./market-window";
import { formatKw, formatNaive } from "./reading-format";
import { timeTicks } from "./time-ticks";

/** What the chart draws: the readings themselves, or per bucket of `seconds` (as the readings route answers). */
export type ChartSeries = { kind: "raw"; points: PeakReading[] } | { kind: "buckets"; seconds: number; buckets: ReadingBucketRow[] };

export interface ReadingsChartProps {
  /** The time the x axis spans, epoch ms on the market's clock. */
  span: { from: number; to: number };
  series: ChartSeries;
  peaks: RankedPeak[];
  /** What the chart shows, for assistive technology: the peaks are also in the table beside it. */
  description: string;
}

const WIDTH = 960;
const HEIGHT = 340;
const MARGIN = { top: 28, right: 24, bottom: 56, left: 72 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const LABEL_HEIGHT = 15;

/** A tenth of a pixel is finer than any screen shows, and keeps a thousand points' markup small. */
const px = (value: number) => Math.round(value * 10) / 10;

interface Vertex {
  at: number;
  max: number;
  min: number;
}

/** Runs of points drawn joined: a bucket that follows an empty one starts a new run, so missing data shows as a gap. */
function runsOf(series: ChartSeries): Vertex[][] {
  if (series.kind === "raw") return [series.points.map((p) => ({ at: naiveMs(p.timestamp), max: p.usage_kw, min: p.usage_kw }))];
  const runs: Vertex[][] = [];
  let previousStart = Number.NEGATIVE_INFINITY;
  for (const bucket of series.buckets) {
    const start = naiveMs(bucket.start);
    if (start - previousStart > series.seconds * 1000 || runs.length === 0) runs.push([]);
    runs.at(-1)!.push({ at: naiveMs(bucket.max_at), max: bucket.max_kw, min: bucket.min_kw });
    previousStart = start;
  }
  return runs;
}

interface Hit {
  left: number;
  right: number;
  at: string;
  kw: number;
  title: string;
}

/** The hover targets, one per point: a bucket's own time, or the half-way marks to a reading's neighbours. */
function hitsOf(series: ChartSeries, x: (ms: number) => number): Hit[] {
  const clamp = (value: number) => Math.min(MARGIN.left + PLOT_WIDTH, Math.max(MARGIN.left, value));
  if (series.kind === "buckets") {
    return series.buckets.map((bucket) => {
      const start = naiveMs(bucket.start);
      const end = start + series.seconds * 1000;
      const title =
        `${formatNaive(bucket.start)} to ${formatNaive(naiveAt(end) ?? bucket.start)}: ${bucket.count} readings; ` +
        `highest ${formatKw(bucket.max_kw)} kW at ${formatNaive(bucket.max_at)}; lowest ${formatKw(bucket.min_kw)} kW; ` +
        `mean ${bucket.mean_kw.toFixed(2)} kW`;
      return { left: clamp(x(start)), right: clamp(x(end)), at: bucket.start, kw: bucket.max_kw, title };
    });
  }
  const xs = series.points.map((p) => x(naiveMs(p.timestamp)));
  return series.points.map((point, i) => ({
    left: clamp(i === 0 ? MARGIN.left : (xs[i - 1]! + xs[i]!) / 2),
    right: clamp(i === xs.length - 1 ? MARGIN.left + PLOT_WIDTH : (xs[i]! + xs[i + 1]!) / 2),
    at: point.timestamp,
    kw: point.usage_kw,
    title: `${formatNaive(point.timestamp)}: ${formatKw(point.usage_kw)} kW`,
  }));
}

interface Marker {
  peak: RankedPeak;
  cx: number;
  cy: number;
}

/** One number label for the peaks whose markers touch: their ranks, the highest first, and where it goes. */
interface PeakLabel {
  ranks: RankedPeak[];
  text: string;
  x: number;
  y: number;
  width: number;
}

const NEAR = 14;
const SHOWN_RANKS = 3;

/**
 * Numbers for the markers: touching markers share one label ("1, 4, 7 +2"), placed above them, higher still, or
 * below, whichever first covers no other label; a label with no room is left out (each marker's tooltip and the
 * table still give its rank).
 */
function labelPeaks(markers: Marker[]): PeakLabel[] {
  const groups: Array<{ cx: number; cy: number; ranks: RankedPeak[] }> = [];
  for (const marker of markers) {
    const group = groups.find((g) => Math.abs(g.cx - marker.cx) < NEAR && Math.abs(g.cy - marker.cy) < NEAR);
    if (group) group.ranks.push(marker.peak);
    else groups.push({ cx: marker.cx, cy: marker.cy, ranks: [marker.peak] });
  }
  const placed: PeakLabel[] = [];
  for (const group of groups) {
    const shown = group.ranks.slice(0, SHOWN_RANKS).map((peak) => peak.rank);
    const more = group.ranks.length - shown.length;
    const text = `${shown.join(", ")}${more > 0 ? ` +${more}` : ""}`;
    const width = 8 + 6.5 * text.length;
    const x = Math.min(WIDTH - 2 - width, Math.max(2, group.cx - width / 2));
    const tops = [group.cy - 9 - LABEL_HEIGHT, group.cy - 11 - 2 * LABEL_HEIGHT, group.cy + 9];
    const top = tops.find(
      (candidate) =>
        candidate >= 2 &&
        candidate + LABEL_HEIGHT <= MARGIN.top + PLOT_HEIGHT &&
        !placed.some((b) => x < b.x + b.width && b.x < x + width && candidate < b.y + LABEL_HEIGHT && b.y < candidate + LABEL_HEIGHT),
    );
    if (top !== undefined) placed.push({ ranks: group.ranks, text, x, y: top, width });
  }
  return placed;
}

const peakText = (peak: RankedPeak) => `Peak ${peak.rank}: ${formatKw(peak.usage_kw)} kW at ${formatNaive(peak.timestamp)}`;

function Runs({ runs, band, x, y }: { runs: Vertex[][]; band: boolean; x: (ms: number) => number; y: (kw: number) => number }) {
  return (
    <g class="series">
      {runs.map((run) => {
        if (run.length === 1) {
          const [only] = run as [Vertex];
          return (
            <g>
              {band && <line class="series-band-edge" x1={px(x(only.at))} x2={px(x(only.at))} y1={px(y(only.min))} y2={px(y(only.max))} />}
              <circle class="series-dot" cx={px(x(only.at))} cy={px(y(only.max))} r={2.5} />
            </g>
          );
        }
        const upper = run.map((v) => `${px(x(v.at))},${px(y(v.max))}`);
        const lower = run.map((v) => `${px(x(v.at))},${px(y(v.min))}`).reverse();
        return (
          <g>
            {band && <polygon class="series-band" points={[...upper, ...lower].join(" ")} />}
            <polyline class="series-line" points={upper.join(" ")} />
          </g>
        );
      })}
    </g>
  );
}

/**
 * A server-rendered SVG of a market's readings over a window: the highest reading per bucket as a line, the range
 * from lowest to highest as a band behind it (raw readings: the line alone), the window's top peaks as markers
 * numbered by rank, and a native tooltip with exact values on every point and marker. No script, no inline style.
 */
export function ReadingsChart({ span, series, peaks, description }: ReadingsChartProps) {
  const values = [
    ...(series.kind === "raw" ? series.points.map((p) => p.usage_kw) : series.buckets.map((b) => b.max_kw)),
    ...peaks.map((p) => p.usage_kw),
  ];
  const yTicks = niceTicks(Math.max(0, ...values));
  const top = yTicks.at(-1)!;
  const x = (ms: number) => MARGIN.left + ((ms - span.from) / (span.to - span.from)) * PLOT_WIDTH;
  const y = (kw: number) => MARGIN.top + PLOT_HEIGHT - (kw / top) * PLOT_HEIGHT;
  const xTicks = timeTicks(span.from, span.to, Math.floor(PLOT_WIDTH / 110));
  const markers = peaks.map((peak) => ({ peak, cx: x(naiveMs(peak.timestamp)), cy: y(peak.usage_kw) }));
  const resolution = series.kind === "raw" ? "raw" : String(series.seconds);
  return (
    <svg
      class="chart readings-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={description}
      preserveAspectRatio="xMinYMin meet"
      data-resolution={resolution}
    >
      {yTicks.map((value) => (
        <g>
          <line class="grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={px(y(value))} y2={px(y(value))} />
          <text x={MARGIN.left - 8} y={px(y(value)) + 4} text-anchor="end">
            {formatKw(value)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <g>
          <line class="axis" x1={px(x(tick.at))} x2={px(x(tick.at))} y1={MARGIN.top + PLOT_HEIGHT} y2={MARGIN.top + PLOT_HEIGHT + 5} />
          <text x={px(x(tick.at))} y={MARGIN.top + PLOT_HEIGHT + 20} text-anchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
      <line class="axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + PLOT_HEIGHT} y2={MARGIN.top + PLOT_HEIGHT} />
      <Runs runs={runsOf(series)} band={series.kind === "buckets"} x={x} y={y} />
      <g class="points">
        {hitsOf(series, x).map((hit) => (
          <rect
            class="point"
            x={px(hit.left)}
            y={MARGIN.top}
            width={Math.max(0.1, px(hit.right - hit.left))}
            height={PLOT_HEIGHT}
            data-at={hit.at}
            data-kw={String(hit.kw)}
          >
            <title>{hit.title}</title>
          </rect>
        ))}
      </g>
      <g class="peaks">
        {[...markers].reverse().map(({ peak, cx, cy }) => (
          <g class="peak" data-rank={String(peak.rank)} data-timestamp={peak.timestamp} data-kw={String(peak.usage_kw)}>
            <title>{peakText(peak)}</title>
            <circle class="peak-mark" cx={px(cx)} cy={px(cy)} r={5} />
          </g>
        ))}
        {labelPeaks(markers).map((label) => (
          <g class="peak-label" data-ranks={label.ranks.map((peak) => peak.rank).join(",")}>
            <title>{label.ranks.map(peakText).join("\n")}</title>
            <rect x={px(label.x)} y={px(label.y)} width={px(label.width)} height={LABEL_HEIGHT} rx={3} />
            <text class="peak-rank" x={px(label.x + label.width / 2)} y={px(label.y + LABEL_HEIGHT - 3.5)} text-anchor="middle">
              {label.text}
            </text>
          </g>
        ))}
      </g>
      <text x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 10} text-anchor="middle">
        Market-local time
      </text>
      <text x={18} y={MARGIN.top + PLOT_HEIGHT / 2} text-anchor="middle" transform={`rotate(-90 18 ${MARGIN.top + PLOT_HEIGHT / 2})`}>
        Usage (kW)
      </text>
    </svg>
  );
}
