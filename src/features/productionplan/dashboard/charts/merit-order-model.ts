import { formatMw, formatPrice, formatTick } from "./plan-chart-format";
import { axisTicks, linearScale, loadAxisEnd, px, type Tick, textWidth, ticksUpTo } from "./plan-chart-scale";
import type { PlantFigures } from "./plant-figures";

/** A plant that can run, placed on the merit-order axis. */
export interface MeritStep extends PlantFigures {
  available: { min: number; max: number };
  /** MW where the plant's step begins: the available maxima of the cheaper plants, summed. */
  start: number;
}

export interface MeritOrder {
  steps: MeritStep[];
  /** Plants that cannot run this hour, in merit order: named in words, as they have no step. */
  unusable: PlantFigures[];
  /** MW, the end of the last step. */
  capacity: number;
}

/** The plants that can run as consecutive steps, each as wide as its available maximum. */
export function meritOrder(figures: PlantFigures[]): MeritOrder {
  const steps: MeritStep[] = [];
  const unusable: PlantFigures[] = [];
  // Summed in whole tenths: the API's MW are tenths, and 0.1 + 0.2 must end the axis at 0.3, not 0.30000000000000004.
  let startTenths = 0;
  for (const plant of figures) {
    if (plant.available === null) {
      unusable.push(plant);
      continue;
    }
    steps.push({ ...plant, available: plant.available, start: startTenths / 10 });
    startTenths += Math.round(plant.available.max * 10);
  }
  return { steps, unusable, capacity: startTenths / 10 };
}

export const MERIT_WIDTH = 640;
export const MERIT_HEIGHT = 320;
export const MERIT_FONT = 12;
const MARGIN = { top: 34, right: 18, bottom: 48 };
/** A plant whose fuel is free (wind) still gets a visible strip. */
const MIN_STEP_HEIGHT = 3;

export interface StepBox {
  step: MeritStep;
  x0: number;
  x1: number;
  top: number;
  /** Where the part below the plant's minimum ends: a running plant produces at least that much. */
  minX: number;
  /** Where the dispatched part ends; null without a plan. */
  dispatchX: number | null;
  /** The plant's name when it fits above its step, else its merit-order number, else nothing (the tooltip names it). */
  label: { text: string; x: number; y: number } | null;
}

export interface MeritLayout {
  plot: { left: number; top: number; right: number; bottom: number };
  boxes: StepBox[];
  xTicks: Tick[];
  yTicks: Tick[];
  /** The supply curve: each step's top, as polyline points. */
  supplyLine: string;
  /** The load's vertical line; `pinned` when the load is so far past the capacity that the line sits at the edge. */
  load: { x: number; pinned: boolean } | null;
}

function stepLabel(step: MeritStep, x0: number, x1: number, top: number, plotTop: number): StepBox["label"] {
  const room = x1 - x0 - 4;
  const text = [step.name, String(step.order)].find((candidate) => textWidth(candidate, MERIT_FONT) <= room);
  if (text === undefined) return null;
  return { text, x: px((x0 + x1) / 2), y: px(Math.max(plotTop + MERIT_FONT, top - 5)) };
}

/** Where everything of the merit-order chart goes, in the SVG's user units. */
export function meritOrderLayout(order: MeritOrder, load: number | null): MeritLayout {
  const maxCost = Math.max(0, ...order.steps.map((step) => step.costPerMwh));
  // Headroom above the dearest step for its label.
  const yTicks = axisTicks(maxCost * 1.12, 5);
  const yTop = yTicks.values.at(-1)!;
  const left = Math.max(48, 24 + Math.max(...yTicks.values.map((v) => textWidth(formatTick(v, yTicks.step), MERIT_FONT))));
  const plot = { left, top: MARGIN.top, right: MERIT_WIDTH - MARGIN.right, bottom: MERIT_HEIGHT - MARGIN.bottom };
  const xEnd = loadAxisEnd(order.capacity, load);
  const x = linearScale(0, xEnd, plot.left, plot.right);
  const y = linearScale(0, yTop, plot.bottom, plot.top);
  const boxes = order.steps.map((step): StepBox => {
    const x0 = x(step.start);
    const x1 = x(step.start + step.available.max);
    const top = Math.min(y(step.costPerMwh), plot.bottom - MIN_STEP_HEIGHT);
    const dispatched = step.p === null ? null : Math.min(Math.max(step.p, 0), step.available.max);
    return {
      step,
      x0: px(x0),
      x1: px(x1),
      top: px(top),
      minX: px(x(step.start + step.available.min)),
      dispatchX: dispatched === null ? null : px(x(step.start + dispatched)),
      label: stepLabel(step, x0, x1, top, plot.top),
    };
  });
  const supplyLine = boxes.map((box) => `${box.x0},${box.top} ${box.x1},${box.top}`).join(" ");
  const xTicks = ticksUpTo(xEnd, Math.max(2, Math.floor((plot.right - plot.left) / 90)));
  return {
    plot,
    boxes,
    xTicks: xTicks.values.map((value) => ({ value, at: px(x(value)), label: formatTick(value, xTicks.step) })),
    yTicks: yTicks.values.map((value) => ({ value, at: px(y(value)), label: formatTick(value, yTicks.step) })),
    supplyLine,
    load: load === null ? null : { x: px(x(Math.min(load, xEnd))), pinned: load > xEnd },
  };
}

/** A step's tooltip: every figure of the plant, exactly. */
export function stepTitle(step: MeritStep): string {
  const { min, max } = step.available;
  const end = (Math.round(step.start * 10) + Math.round(max * 10)) / 10;
  const dispatched = step.p === null ? "no plan" : `dispatched ${formatMw(step.p)} MW${step.marginal ? " (marginal plant)" : ""}`;
  return (
    `${step.order}. ${step.name} (${step.type}): ${formatPrice(step.costPerMwh)} €/MWh; ` +
    `available ${formatMw(min)}–${formatMw(max)} MW, from ${formatMw(step.start)} to ${formatMw(end)} MW ` +
    `of the merit order; ${dispatched}`
  );
}
