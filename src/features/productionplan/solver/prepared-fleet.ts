import { type OutputRange, outputRange } from "./dispatch-units";
import type { Fuels, PlanOptions, PowerPlant } from "./plan-types";
import { costPerMWh, costScale, meritOrder, quantiseCost } from "./plant-costs";
import type { FoldPlant } from "./plant-fold";

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

/**
 * The usable plants in fold order with integer costs exact for any plan of up to `loadTenths`, and the scale that
 * turns those integers back into euros (units / scale / 10 per tenth of a MWh: see costScale).
 */
export function foldPlants(fleet: PreparedFleet, loadTenths: number): { plants: FoldPlant[]; scale: number } {
  const scale = costScale(
    fleet.usable.reduce((max, index) => Math.max(max, fleet.costs[index]!), 0),
    loadTenths,
  );
  const plants = fleet.usable.map((index) => ({ ...fleet.ranges[index]!, unitCost: quantiseCost(fleet.costs[index]!, scale) }));
  return { plants, scale };
}
