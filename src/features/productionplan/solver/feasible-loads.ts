import type { OutputRange } from "./dispatch-units";

export interface NearestLoads {
  /** Tenths: the largest feasible load below `load` (zero, everything off, always is). */
  below: number;
  /** Tenths: the smallest feasible load above `load`, if any. */
  above?: number;
}

/**
 * The feasible loads closest to an infeasible one, by reachability over the loads in tenths: with each plant, a load
 * is reachable if it was already, or if some load within [s − hi, s − lo] was (a prefix count answers that in O(1)).
 *
 * Searching above `load` stops at load − 1 + the largest lo: the feasible loads are the union, over sets of running
 * plants, of [Σ lo, Σ hi]; when `load` is in none of them, the smallest feasible load above it is the smallest Σ lo
 * above it, and dropping any plant from that set falls below `load` (not onto it: `load` would then be feasible),
 * so it exceeds `load` by less than one lo.
 *
 * The search also stops at `maxLoad`, the largest load a caller may ask for: a nearer load above it could not be
 * requested anyway, and without that cap one plant with a huge pmin would make the search allocate gigabytes.
 */
export function nearestFeasibleLoads(ranges: readonly OutputRange[], load: number, maxLoad: number): NearestLoads {
  const capacity = ranges.reduce((sum, range) => sum + range.hi, 0);
  if (load > capacity) return { below: capacity };
  const largestLo = ranges.reduce((max, range) => Math.max(max, range.lo), 0);
  const limit = Math.min(capacity, load - 1 + largestLo, maxLoad);
  const reachable = new Uint8Array(limit + 1);
  const counts = new Int32Array(limit + 2);
  reachable[0] = 1;
  for (const { lo, hi } of ranges) {
    for (let s = 0; s <= limit; s++) counts[s + 1] = counts[s]! + reachable[s]!;
    // counts[i] = reachable loads below i, from before this plant, so updating in place is safe.
    for (let s = lo; s <= limit; s++) {
      if (reachable[s] === 0 && counts[s - lo + 1]! > counts[Math.max(0, s - hi)]!) reachable[s] = 1;
    }
  }
  let below = load - 1;
  while (below > 0 && reachable[below] === 0) below--;
  let above = load + 1;
  while (above <= limit && reachable[above] === 0) above++;
  return above <= limit ? { below, above } : { below };
}
