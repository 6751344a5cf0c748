import { tenthsToMW } from "../../../lib/decimal-units";
import { solveDispatch } from "./dispatch-solver";
import type { OutputRange } from "./dispatch-units";
import { nearestFeasibleLoads } from "./feasible-loads";
import {
  DEFAULT_PLAN_OPTIONS,
  MAX_LOAD_MWH,
  type MarginalPlant,
  type PlannedPlant,
  type PlanOptions,
  type ProductionPlanPayload,
  type ProductionPlanResult,
  type SolverStats,
} from "./plan-types";
import { foldPlants, prepareFleet } from "./prepared-fleet";
import { tenthsNearest } from "./tenths";

/**
 * The cheapest production plan that makes the load exactly, at 0.1 MW.
 *
 * Tie rule: among plans of equal cost, the one producing the most on the first plant in merit order, then on the
 * second, and so on (the lexicographically greatest output vector in merit order: the cheapest plants are loaded
 * first, and between plants of equal cost the one earlier in the payload). Costs are compared as exact integers
 * (see costScale), so floating-point noise never decides a tie.
 *
 * The plan lists every plant once, in merit order (cheapest cost per MWh first, payload order among equals).
 * The marginal plant is the running plant latest in merit order: the dearest one running, which sets the price of
 * the last MWh (between running plants of equal cost, the last one in payload order).
 *
 * Assumes a payload the route has validated; the load must be a multiple of 0.1 MW.
 */
export function solveProductionPlan(payload: ProductionPlanPayload, options: PlanOptions = DEFAULT_PLAN_OPTIONS): ProductionPlanResult {
  const started = performance.now();
  const plants = payload.powerplants;
  const fleet = prepareFleet(plants, payload.fuels, options);
  const { costs, order, ranges, usable, capacity } = fleet;
  const load = tenthsNearest(payload.load);
  const usableRanges = usable.map((index) => ranges[index]!);
  const solution = solveDispatch(foldPlants(fleet), load);
  const stats = (): SolverStats => ({
    plants: plants.length,
    usablePlants: usable.length,
    loadSteps: load + 1,
    statesEvaluated: solution.statesEvaluated,
    workingBytes: solution.workingBytes,
    ms: performance.now() - started,
  });

  if (solution.outputs === null) return infeasible(usableRanges, load, capacity, stats);

  const outputs = new Array<number>(plants.length).fill(0);
  const dispatched = solution.outputs;
  usable.forEach((index, k) => {
    outputs[index] = dispatched[k]!;
  });
  let marginalPlant: MarginalPlant | null = null;
  let totalCost = 0;
  const plan: PlannedPlant[] = [];
  for (const index of order) {
    const plant = plants[index]!;
    const p = tenthsToMW(outputs[index]!);
    const cost = costs[index]! * p;
    totalCost += cost;
    if (p > 0) marginalPlant = { name: plant.name, costPerMWh: costs[index]! };
    plan.push({ name: plant.name, type: plant.type, costPerMWh: costs[index]!, p, cost });
  }
  return { feasible: true, plan, totalCost, marginalPlant, stats: stats() };
}

function infeasible(ranges: readonly OutputRange[], load: number, capacity: number, stats: () => SolverStats): ProductionPlanResult {
  const nearest = nearestFeasibleLoads(ranges, load, tenthsNearest(MAX_LOAD_MWH));
  return {
    feasible: false,
    reason: load > capacity ? "exceeds-capacity" : "unreachable",
    capacity: tenthsToMW(capacity),
    nearestBelow: tenthsToMW(nearest.below),
    ...(nearest.above === undefined ? {} : { nearestAbove: tenthsToMW(nearest.above) }),
    stats: stats(),
  };
}
