import type { PlanCurve, V1Plan } from "../../productionplan.schemas";

/** One plant as the charts and their tables show it: the curve's merit order joined with a plan's dispatch. */
export interface PlantFigures {
  /** 1-based position in merit order (cheapest first), the number the charts label a narrow step with. */
  order: number;
  name: string;
  type: PlanCurve["plants"][number]["type"];
  costPerMwh: number;
  /** MW when running; null when the plant cannot run this hour. */
  available: { min: number; max: number } | null;
  /** MW the plan dispatches; null without a plan (an infeasible load). */
  p: number | null;
  /** The plan's marginal plant, which sets the price of the last MWh. */
  marginal: boolean;
}

/** Every plant of the curve in its merit order, its output taken from the plan by name (a plant the plan omits is off). */
export function plantFigures(curve: PlanCurve, plan: V1Plan | null): PlantFigures[] {
  const dispatched = new Map(plan?.plan.map((planned) => [planned.name, planned.p]));
  return curve.plants.map((plant, index) => ({
    order: index + 1,
    name: plant.name,
    type: plant.type,
    costPerMwh: plant.cost_per_mwh,
    available: plant.available,
    p: plan === null ? null : (dispatched.get(plant.name) ?? 0),
    marginal: plan?.marginal_plant?.name === plant.name,
  }));
}
