import { type OutputRange, outputRange } from "./dispatch-units";
import { type Fuels, MAX_LOAD_MWH, type PlanOptions, type PowerPlant } from "./plan-types";
import { costPerMWh, costScale, meritOrder, quantiseCost } from "./plant-costs";
import type { FoldPlant } from "./plant-fold";
import { tenthsNearest } from "./tenths";

/** A fleet as both the plan and the cost curve see it this hour: costs, merit order and what each plant can produce. */
export interface PreparedFleet {
  /** €/MWh of each plant, in payload order. */
  costs: number[];
  /** Payload indices, cheapest first (payload order among equal costs). */
  order: number[];
  /** Each plant's outputs in tenths, in payload order; null when it cannot run. */
  ranges: Array<OutputRange | null>;
  /** Payload indices of the plants that can run, dearest first: the solver's fold order (see solveDispatch). */
  usable: number[];
  /** Tenths: every usable plant at its maximum. */
  capacity: number;
}

export function prepareFleet(plants: readonly PowerPlant[], fuels: Fuels, options: PlanOptions): PreparedFleet {
  const costs = plants.map((plant) => costPerMWh(plant, fuels, options));
  const order = meritOrder(costs);
  const ranges = plants.map((plant) => outputRange(plant, fuels, options));
  const usable = order.filter((index) => ranges[index] !== null).reverse();
  const capacity = usable.reduce((sum, index) => sum + ranges[index]!.hi, 0);
  return { costs, order, ranges, usable, capacity };
}

/** Every plan and curve is scaled for the largest load a route accepts: see foldPlants. */
const SCALED_LOAD_TENTHS = tenthsNearest(MAX_LOAD_MWH);

/**
 * The usable plants in fold order with integer costs (see costScale). One scale for every load, whatever the load
 * asked for: the plan of a load and the cost curve's point for it then compare the very same integers, so when two
 * plans cost the same to within the rounding (10.4 MW at 19.5 €/MWh against 5.2 MW at 39.1 €/MWh) both pick the same one.
 */
export function foldPlants(fleet: PreparedFleet): FoldPlant[] {
  const scale = costScale(
    fleet.usable.reduce((max, index) => Math.max(max, fleet.costs[index]!), 0),
    SCALED_LOAD_TENTHS,
  );
  return fleet.usable.map((index) => ({ ...fleet.ranges[index]!, unitCost: quantiseCost(fleet.costs[index]!, scale) }));
}
