import type { DispatchBounds } from "./dispatch-bounds";

/** Storage for the outputs chosen while folding a plant in: 0 is off, otherwise p − lo + 1. */
export type DecisionArray = Uint16Array | Uint32Array;

/** A slice of cost-by-load: `costs[s]` is meaningful for s in [from, to]; Infinity marks an unreachable load. */
export interface CostRow {
  costs: Float64Array;
  from: number;
  to: number;
}

/** A plant as the fold sees it: outputs lo..hi tenths (lo ≥ 1) at `unitCost` integer units per tenth. */
export interface FoldPlant {
  lo: number;
  hi: number;
  unitCost: number;
}

/**
 * Reusable monotonic deque for the sliding-window minimum, sized for the longest row: every load index enters it at
 * most once per fold, so plain arrays with a moving head need no wrap-around.
 */
export interface WindowScratch {
  index: Int32Array;
  value: Float64Array;
  /** Set by each fold: the lowest and highest loads left reachable (first > last when none is). */
  first: number;
  last: number;
}

export function windowScratch(loadSteps: number): WindowScratch {
  return { index: new Int32Array(loadSteps), value: new Float64Array(loadSteps), first: 0, last: -1 };
}

/**
 * Folds one plant into the cheapest cost of every load, for s in [from, to]:
 *   next[s] = min(prev[s], min over lo ≤ p ≤ hi of prev[s − p] + unitCost · p).
 * The second term is min over j in [s − hi, s − lo] of (prev[j] − unitCost · j), plus unitCost · s: a minimum over a
 * window that slides right by one per load, kept in a deque of increasing values, so each load costs O(1) amortised.
 * Costs are integers below 2^53 (see costScale), so every sum and comparison here is exact.
 *
 * Ties go to the larger output (the earliest j of the window, which the deque keeps in front because it only drops
 * strictly greater values, and running over being off): with plants folded dearest first, this makes the
 * reconstructed plan the lexicographically greatest optimal one in merit order.
 *
 * A load whose cost plus bounds.remainder exceeds bounds.budget is dropped (set to Infinity): see DispatchBounds.
 * When `decisions` is given, the chosen output for load s is written at decisions[base + s] (0 = off, else p − lo + 1).
 */
export function foldPlant(
  prev: CostRow,
  next: CostRow,
  plant: FoldPlant,
  scratch: WindowScratch,
  bounds: DispatchBounds,
  decisions?: DecisionArray,
  base = 0,
): void {
  const { lo, hi, unitCost } = plant;
  const remainder = bounds.remainder;
  const budget = bounds.budget;
  let first = next.to + 1;
  let last = -1;
  const before = prev.costs;
  const after = next.costs;
  const prevFrom = prev.from;
  const prevTo = prev.to;
  const from = next.from;
  const to = next.to;
  const record = decisions !== undefined;

  if (lo === hi) {
    // One possible output (binary wind, pmin = pmax): no window to slide.
    const runCost = unitCost * lo;
    for (let s = from; s <= to; s++) {
      const off = s <= prevTo ? before[s]! : Infinity;
      const j = s - lo;
      const on = j >= prevFrom && j <= prevTo ? before[j]! + runCost : Infinity;
      let cost = off;
      if (on <= off && on !== Infinity) {
        cost = on;
        if (record) decisions[base + s] = 1;
      } else if (record) decisions[base + s] = 0;
      if (cost + remainder[s]! > budget) cost = Infinity;
      after[s] = cost;
      if (cost !== Infinity) {
        if (first > s) first = s;
        last = s;
      }
    }
    scratch.first = first;
    scratch.last = last;
    return;
  }

  const index = scratch.index;
  const value = scratch.value;
  let head = 0;
  let tail = 0;
  // Loads below `from - lo` enter the window before the first step; then each step adds exactly j = s − lo.
  for (let j = Math.max(prevFrom, from - hi); j < from - lo && j <= prevTo; j++) {
    const cost = before[j]!;
    if (cost === Infinity) continue;
    const shifted = cost - unitCost * j;
    while (tail > head && value[tail - 1]! > shifted) tail--;
    index[tail] = j;
    value[tail] = shifted;
    tail++;
  }
  for (let s = from; s <= to; s++) {
    const j = s - lo;
    if (j >= prevFrom && j <= prevTo) {
      const cost = before[j]!;
      if (cost !== Infinity) {
        const shifted = cost - unitCost * j;
        while (tail > head && value[tail - 1]! > shifted) tail--;
        index[tail] = j;
        value[tail] = shifted;
        tail++;
      }
    }
    const firstJ = s - hi;
    while (tail > head && index[head]! < firstJ) head++;

    let cost = s <= prevTo ? before[s]! : Infinity;
    const best = tail > head ? value[head]! + unitCost * s : Infinity;
    if (best <= cost && best !== Infinity) {
      cost = best;
      if (record) decisions[base + s] = s - index[head]! - lo + 1;
    } else if (record) decisions[base + s] = 0;
    if (cost + remainder[s]! > budget) cost = Infinity;
    after[s] = cost;
    if (cost !== Infinity) {
      if (first > s) first = s;
      last = s;
    }
  }
  scratch.first = first;
  scratch.last = last;
}
