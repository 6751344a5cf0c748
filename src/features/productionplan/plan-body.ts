import type { V1Payload, V1Plan } from "./productionplan.schemas";
import type { FeasiblePlan, InfeasiblePlan, InfeasibleReason } from "./solver/plan-types";

/** Money and prices to the micro-euro: the float noise of a sum never reaches a reader. */
export const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** POST /v1/productionplan's answer for a feasible plan; the workbench page renders the same shape. */
export function planBody(payload: V1Payload, plan: FeasiblePlan): V1Plan {
  return {
    load: payload.load,
    options: payload.options,
    total_cost: roundTo(plan.totalCost, 6),
    marginal_plant: plan.marginalPlant && { name: plan.marginalPlant.name, cost_per_mwh: roundTo(plan.marginalPlant.costPerMWh, 6) },
    plan: plan.plan.map((p) => ({ name: p.name, type: p.type, cost_per_mwh: roundTo(p.costPerMWh, 6), p: p.p, cost: roundTo(p.cost, 6) })),
    stats: {
      plants: plan.stats.plants,
      usable_plants: plan.stats.usablePlants,
      load_steps: plan.stats.loadSteps,
      states_evaluated: plan.stats.statesEvaluated,
      working_bytes: plan.stats.workingBytes,
      ms: roundTo(plan.stats.ms, 3),
    },
  };
}

/** Why a load has no plan: the 422's `detail` and extension members, which the workbench shows as they come. */
export interface InfeasibleExplanation {
  detail: string;
  reason: InfeasibleReason;
  load: number;
  capacity: number;
  nearest_feasible_loads: { below: number; above?: number };
}

export function infeasibleExplanation(load: number, result: InfeasiblePlan): InfeasibleExplanation {
  const detail =
    result.reason === "exceeds-capacity"
      ? `the load of ${load} MWh exceeds the fleet's capacity of ${result.capacity} MW this hour`
      : `no combination of plants makes exactly ${load} MWh (pmin and pmax leave a gap there)`;
  return {
    detail,
    reason: result.reason,
    load,
    capacity: result.capacity,
    nearest_feasible_loads: { below: result.nearestBelow, ...(result.nearestAbove !== undefined && { above: result.nearestAbove }) },
  };
}
