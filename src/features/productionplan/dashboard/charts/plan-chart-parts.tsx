/** SVG pieces the production-plan charts share: hatch patterns, legend swatches, axes. */
import type { Child } from "hono/jsx";
import type { Tick } from "./plan-chart-scale";

/**
 * Hatches carry their own background so a band reads the same over anything, and a sliver of one still shows its
 * tint. `min-idle`/`min-run`: the part of a plant below its minimum, undispatched or dispatched; `no-plan`: loads
 * with no plan. The ids must be unique on the page, hence the prefix.
 */
export type HatchKind = "min-idle" | "min-run" | "no-plan";

export const hatchId = (idPrefix: string, kind: HatchKind) => `${idPrefix}-${kind}`;

export function HatchPattern({ idPrefix, kind }: { idPrefix: string; kind: HatchKind }) {
  return (
    <pattern id={hatchId(idPrefix, kind)} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect class={`pp-hatch-bg pp-hatch-${kind}`} width="6" height="6" />
      <line class={`pp-hatch-line pp-hatch-${kind}`} x1="0" y1="0" x2="0" y2="6" />
    </pattern>
  );
}

export type SwatchKind = "dispatched" | "idle" | HatchKind | "load" | "min-mark" | "cost-line" | "price-line";

/** A legend's sample of a mark, drawn with the chart's own classes and patterns. */
export function Swatch({ kind, idPrefix = "" }: { kind: SwatchKind; idPrefix?: string }) {
  let mark: Child;
  if (kind === "dispatched") mark = <rect class="pp-dispatched" x="1" y="1" width="26" height="12" />;
  else if (kind === "idle") mark = <rect class="pp-idle" x="1.5" y="1.5" width="25" height="11" />;
  else if (kind === "min-mark") mark = <line class="pp-min-mark" x1="14" y1="0" x2="14" y2="14" />;
  else if (kind === "load") mark = <line class="pp-load-line" x1="14" y1="0" x2="14" y2="14" />;
  else if (kind === "cost-line" || kind === "price-line") mark = <line class={`pp-series pp-${kind}`} x1="1" y1="7" x2="27" y2="7" />;
  else mark = <rect class="pp-hatched" x="1" y="1" width="26" height="12" fill={`url(#${hatchId(idPrefix, kind)})`} />;
  return (
    <svg class="legend-swatch pp-swatch" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
      {mark}
    </svg>
  );
}

/** Horizontal grid lines with their values at the left. */
export function YTicks({ ticks, left, right }: { ticks: Tick[]; left: number; right: number }) {
  return (
    <g class="pp-y-ticks">
      {ticks.map((tick) => (
        <g>
          <line class="grid" x1={left} x2={right} y1={tick.at} y2={tick.at} />
          <text x={left - 6} y={tick.at + 4} text-anchor="end">
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The x axis line, its tick marks and values under it. */
export function XTicks({ ticks, left, right, bottom }: { ticks: Tick[]; left: number; right: number; bottom: number }) {
  return (
    <g class="pp-x-ticks">
      <line class="axis" x1={left} x2={right} y1={bottom} y2={bottom} />
      {ticks.map((tick, i) => (
        <g>
          <line class="axis" x1={tick.at} x2={tick.at} y1={bottom} y2={bottom + 5} />
          <text x={tick.at} y={bottom + 18} text-anchor={i === ticks.length - 1 && tick.at > right - 20 ? "end" : "middle"}>
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/** An axis title turned to run up the left edge. */
export function YTitle({ text, x, middle }: { text: string; x: number; middle: number }) {
  return (
    <text class="pp-axis-title" x={x} y={middle} text-anchor="middle" transform={`rotate(-90 ${x} ${middle})`}>
      {text}
    </text>
  );
}

interface ChartFrameProps {
  /** Names the scrolling frame, e.g. "Merit-order chart". */
  name: string;
  width: number;
  height: number;
  /** The chart's figures in one sentence, for the svg's accessible name. */
  summary: string;
  children: Child;
}

/**
 * An SVG chart in a frame a keyboard can scroll: on a phone the chart keeps a legible width and scrolls sideways
 * (workbench-charts.css), with a hint that says so.
 */
export function ChartFrame({ name, width, height, summary, children }: ChartFrameProps) {
  return (
    <>
      <p class="meta pp-scroll-hint">The chart is wider than this screen: swipe it sideways to see all of it.</p>
      <section class="pp-chart-frame" aria-label={`${name}, scrolls sideways on a narrow screen`} tabindex={0}>
        <svg
          class="chart pp-chart-svg"
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={summary}
          preserveAspectRatio="xMinYMin meet"
        >
          {children}
        </svg>
      </section>
    </>
  );
}
