import type { PlanCurve } from "../../productionplan.schemas";
import { curveRuns, decimateRun, polylinePoints } from "./curve-decimation";
import { formatTick } from "./plan-chart-format";
import { axisTicks, linearScale, loadAxisEnd, px, type Tick, textWidth, ticksUpTo } from "./plan-chart-scale";

export const CURVE_WIDTH = 640;
export const CURVE_FONT = 12;
/**
 * Two panels over one load axis, total cost above and marginal price below, rather than one plot with two y axes:
 * € and €/MWh share no scale, so where two lines cross on a dual-axis chart means nothing, and telling which line
 * reads against which axis takes colour; stacked, each panel reads on its own and a load lines up in both.
 */
const COST_PANEL = { top: 34, bottom: 184 };
const PRICE_PANEL = { top: 212, bottom: 322 };
export const CURVE_HEIGHT = 366;
const RIGHT = CURVE_WIDTH - 18;
/**
 * A gap of one 0.1 MW step on a 10,000 MW axis is a thousandth of a user unit: bands are widened to this, so one shows
 * as at least a pixel when the chart is drawn no narrower than its 640 units scaled to a 320 px phone column.
 */
export const MIN_BAND_WIDTH = 2;

/** Loads with no plan over a stretch of the axis: one or more gaps of the curve, or the loads past its capacity. */
export interface Band {
  x0: number;
  x1: number;
  /** MW, the first and last infeasible grid loads the band covers. */
  from: number;
  to: number;
  /** How many of the curve's gaps it covers (bands closer than a pixel merge); 0 for the loads past the capacity. */
  gaps: number;
}

/**
 * A band per gap, from half a step before its first load to half a step after its last (each grid load stands for
 * the half steps either side of it), at least MIN_BAND_WIDTH wide, and merged with the band before when they touch so
 * thousands of gaps stay a few hundred rectangles at most.
 */
export function gapBands(
  gaps: PlanCurve["gaps"],
  step: number,
  x: (mw: number) => number,
  left: number,
  right: number,
  minWidth = MIN_BAND_WIDTH,
): Band[] {
  const bands: Band[] = [];
  for (const gap of gaps) {
    let x0 = Math.max(left, x(gap.from - step / 2));
    let x1 = Math.min(right, x(gap.to + step / 2));
    if (x1 - x0 < minWidth) {
      const middle = Math.min(right - minWidth / 2, Math.max(left + minWidth / 2, (x0 + x1) / 2));
      x0 = middle - minWidth / 2;
      x1 = middle + minWidth / 2;
    }
    const previous = bands.at(-1);
    if (previous && x0 <= previous.x1) {
      previous.x1 = Math.max(previous.x1, x1);
      previous.to = gap.to;
      previous.gaps += 1;
    } else bands.push({ x0, x1, from: gap.from, to: gap.to, gaps: 1 });
  }
  return bands.map((band) => ({ ...band, x0: px(band.x0), x1: px(band.x1) }));
}

/** The feasible stretches of the grid, from the curve's points: loads one step apart belong to one range. */
export function feasibleRanges(loads: readonly number[], step: number): Array<{ from: number; to: number }> {
  return curveRuns(loads, loads, step).map((run) => ({ from: run.loads[0]!, to: run.loads.at(-1)! }));
}

/** What the curve says about one load. */
export type LoadOnCurve =
  | { kind: "feasible"; totalCost: number; price: number | null; marginal: string | null }
  | { kind: "gap" }
  | { kind: "beyond-capacity" }
  /** Between two loads of a coarse grid, or between its last load and the capacity: the curve does not know. */
  | { kind: "off-grid" };

export function loadOnCurve(curve: PlanCurve, load: number): LoadOnCurve {
  if (load > curve.capacity) return { kind: "beyond-capacity" };
  const tenths = Math.round(load * 10);
  const loads = curve.points.load;
  let low = 0;
  let high = loads.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = Math.round(loads[middle]! * 10);
    if (at === tenths) {
      const marginal = curve.points.marginal[middle] ?? null;
      const plant = marginal === null ? undefined : curve.plants[marginal];
      return {
        kind: "feasible",
        totalCost: curve.points.total_cost[middle]!,
        price: plant?.cost_per_mwh ?? null,
        marginal: plant?.name ?? null,
      };
    }
    if (at < tenths) low = middle + 1;
    else high = middle - 1;
  }
  const inGap = curve.gaps.some((gap) => Math.round(gap.from * 10) <= tenths && tenths <= Math.round(gap.to * 10));
  return inGap ? { kind: "gap" } : { kind: "off-grid" };
}

export interface Panel {
  top: number;
  bottom: number;
  ticks: Tick[];
  /** Polylines, one per feasible run of two points or more. */
  lines: string[];
  /** Runs of a single load (load 0 alone before a gap), drawn as dots as a one-point line shows nothing. */
  dots: Array<{ x: number; y: number }>;
  y: (value: number) => number;
}

export interface CurveLayout {
  left: number;
  right: number;
  xTicks: Tick[];
  cost: Panel;
  price: Panel;
  bands: Band[];
  /** The loads past the capacity, when the axis reaches beyond it to show the load. */
  beyond: Band | null;
  load: { x: number; pinned: boolean; at: LoadOnCurve } | null;
  /** Points drawn, both panels together: what decimation left of the curve. */
  drawnPoints: number;
}

function panel(
  bounds: { top: number; bottom: number },
  loads: number[],
  values: Array<number | null>,
  step: number,
  x: (mw: number) => number,
  left: number,
): Panel & { drawn: number } {
  const max = values.reduce<number>((top, value) => (value !== null && value > top ? value : top), 0);
  const yTicks = axisTicks(max, 4);
  const y = linearScale(0, yTicks.values.at(-1)!, bounds.bottom, bounds.top);
  // One column per user unit of the plot: the width the chart is drawn at on a desktop, so nothing finer is lost.
  const column = (load: number) => Math.floor(x(load) - left);
  const lines: string[] = [];
  const dots: Panel["dots"] = [];
  let drawn = 0;
  for (const run of curveRuns(loads, values, step)) {
    const points = polylinePoints(decimateRun(run, column), x, y);
    drawn += points.length;
    if (points.length === 1) dots.push({ x: points[0]![0], y: points[0]![1] });
    else lines.push(points.map(([px0, py0]) => `${px0},${py0}`).join(" "));
  }
  const ticks = yTicks.values.map((value) => ({ value, at: px(y(value)), label: formatTick(value, yTicks.step) }));
  return { ...bounds, ticks, lines, dots, y, drawn };
}

/** The widest y tick label of both panels, so their plots line up on one left edge. */
function leftMargin(maxCost: number, maxPrice: number): number {
  const widest = [maxCost, maxPrice].map((max) => {
    const ticks = axisTicks(max, 4);
    return Math.max(...ticks.values.map((value) => textWidth(formatTick(value, ticks.step), CURVE_FONT)));
  });
  return Math.ceil(Math.max(48, 26 + Math.max(...widest)));
}

/** Where everything of the cost-curve chart goes, in the SVG's user units. */
export function costCurveLayout(curve: PlanCurve, load: number | null): CurveLayout {
  const { load: loads, total_cost: costs, marginal } = curve.points;
  const prices = marginal.map((index) => (index === null ? null : (curve.plants[index]?.cost_per_mwh ?? null)));
  const maxOf = (values: Array<number | null>) => values.reduce<number>((top, v) => (v !== null && v > top ? v : top), 0);
  const left = leftMargin(maxOf(costs), maxOf(prices));
  const xEnd = loadAxisEnd(curve.max_load, load);
  const x = linearScale(0, xEnd, left, RIGHT);
  const cost = panel(COST_PANEL, loads, costs, curve.step, x, left);
  const price = panel(PRICE_PANEL, loads, prices, curve.step, x, left);
  const xTicks = ticksUpTo(xEnd, Math.max(2, Math.floor((RIGHT - left) / 90)));
  const beyond =
    xEnd > curve.capacity ? { x0: px(x(curve.capacity)), x1: RIGHT, from: curve.capacity, to: load ?? curve.capacity, gaps: 0 } : null;
  return {
    left,
    right: RIGHT,
    xTicks: xTicks.values.map((value) => ({ value, at: px(x(value)), label: formatTick(value, xTicks.step) })),
    cost,
    price,
    bands: gapBands(curve.gaps, curve.step, x, left, RIGHT),
    beyond,
    load: load === null ? null : { x: px(x(Math.min(load, xEnd))), pinned: load > xEnd, at: loadOnCurve(curve, load) },
    drawnPoints: cost.drawn + price.drawn,
  };
}
