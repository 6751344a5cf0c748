import type { PlanCurve, V1Plan } from "../productionplan.schemas";
import { CostCurveChart } from "./charts/cost-curve-chart";
import { MeritOrderChart } from "./charts/merit-order-chart";
import { OutputBars } from "./charts/output-bars";

/**
 * What each chart container of the workbench holds: the chart, or why there is none. One function for the page and
 * its script, so a chart re-rendered in place is the one the server would have rendered for the same state.
 */

/** The curve of the payload's fleet and fuels, or why there is none (an invalid field, a fleet too large to chart). */
export type CurveOutcome = { kind: "curve"; curve: PlanCurve } | { kind: "missing"; reason: string };

export const CHART_SLOT_IDS = { merit: "wb-merit-order", bars: "wb-output-bars", costCurve: "wb-cost-curve" } as const;
export type ChartSlot = keyof typeof CHART_SLOT_IDS;

export interface ChartState {
  curve: CurveOutcome;
  plan: V1Plan | null;
  /** The payload's load, when it is a number. */
  load: number | null;
}

const Missing = ({ reason }: { reason: string }) => <p class="notice wb-chart-missing">{reason}</p>;

export function ChartSlotContent({ slot, state }: { slot: ChartSlot; state: ChartState }) {
  if (state.curve.kind === "missing") return <Missing reason={state.curve.reason} />;
  const { curve } = state.curve;
  switch (slot) {
    case "merit":
      return <MeritOrderChart curve={curve} plan={state.plan} load={state.load} />;
    case "bars":
      return <OutputBars curve={curve} plan={state.plan} />;
    case "costCurve":
      return <CostCurveChart curve={curve} load={state.load} />;
  }
}

/** A curve's request without the load, the way POST /v1/productionplan/curve takes it. */
export function curveRequestOf(payload: unknown, step: number): Record<string, unknown> | null {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const { load: _load, ...rest } = payload as Record<string, unknown>;
  return { ...rest, step };
}
