import type { FoldPlant } from "./plant-fold";
import { float64Buffer } from "./solver-buffers";

/**
 * Bounds that let the solver skip loads no optimal plan goes through, without changing its answer. Plants are in
 * the solver's order (dearest first); costs are the solver's integer units.
 *
 * A load s reached after folding plant k can only lead to a plan of cost
 *   (cheapest way to make s with plants ≤ k) + (cost of the rest, L − s, with the plants after k),
 * and the second term is at least remainder[s] below. When the sum exceeds the cost of a plan already known, no
 * optimal plan (nor an equal-cost one the tie rule could prefer) passes through s.
 */
export interface DispatchBounds {
  /** The integer cost of a feasible plan, or Infinity when the quick plan found none. */
  budget: number;
  /** remainder[s]: a lower bound on the cost of producing load − s with the plants not yet folded. */
  remainder: Float64Array;
}

export function dispatchBounds(plants: readonly FoldPlant[], load: number): DispatchBounds {
  return { budget: greedyPlanCost(plants, load), remainder: remainderBound(plants, load) };
}

/**
 * Without pmins the cheapest way to produce r is to fill the cheapest plants first (a fractional knapsack), and
 * dropping constraints only lowers a minimum, so this fill bounds the cost from below. The plants not yet folded
 * after plant k are the n − 1 − k cheapest ones, and filling r ≤ their capacity never reaches past them, so one
 * fill over the whole fleet, cheapest first, serves every k. Integer units, so the table is exact.
 */
function remainderBound(plants: readonly FoldPlant[], load: number): Float64Array {
  const remainder = float64Buffer(3, load + 1).fill(Infinity);
  let produced = 0;
  let cost = 0;
  remainder[load] = 0;
  for (let k = plants.length - 1; k >= 0 && produced < load; k--) {
    const { hi, unitCost } = plants[k]!;
    const take = Math.min(hi, load - produced);
    for (let t = 1; t <= take; t++) remainder[load - produced - t] = cost + unitCost * t;
    produced += take;
    cost += unitCost * take;
  }
  return remainder;
}

/**
 * A quick feasible plan: cheapest plants first, each switched on while the pmins still fit under the load, until the
 * running plants can reach it; then everything at pmin and the rest filled cheapest first. Usually close to the
 * optimum, which is what makes the bound prune; when it finds no plan the solver simply prunes nothing.
 */
function greedyPlanCost(plants: readonly FoldPlant[], load: number): number {
  const running: FoldPlant[] = [];
  let lows = 0;
  let highs = 0;
  for (let k = plants.length - 1; k >= 0 && highs < load; k--) {
    const plant = plants[k]!;
    if (lows + plant.lo > load) continue;
    running.push(plant);
    lows += plant.lo;
    highs += plant.hi;
  }
  if (highs < load) return Infinity;
  let spare = load - lows;
  let cost = 0;
  for (const { lo, hi, unitCost } of running) {
    const extra = Math.min(spare, hi - lo);
    spare -= extra;
    cost += unitCost * (lo + extra);
  }
  return cost;
}
