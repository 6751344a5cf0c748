import type { Fuels, PlanOptions, PowerPlant } from "./plan-types";
import { tenthsDown, tenthsUp } from "./tenths";

/** What a running plant may produce, in tenths of a MW: any whole number in [lo, hi], with lo ≥ 1. */
export interface OutputRange {
  lo: number;
  hi: number;
}

/**
 * A plant's possible outputs once rounded to tenths (pmin up, pmax and available wind down, so every output is one
 * the real plant can deliver), or null when it can never run: its rounded pmin lies above its rounded pmax, or the
 * wind leaves it nothing (or less than its pmin).
 * A binary turbine runs at exactly the available wind; a curtailable one anywhere from pmin up to it.
 * lo is at least one tenth because producing zero is being off.
 */
export function outputRange(plant: PowerPlant, fuels: Fuels, options: PlanOptions): OutputRange | null {
  const pmin = Math.max(1, tenthsUp(plant.pmin));
  let hi = tenthsDown(plant.pmax);
  let lo = pmin;
  if (plant.type === "windturbine") {
    hi = Math.min(hi, tenthsDown((plant.pmax * fuels["wind(%)"]) / 100));
    if (options.wind === "binary") lo = hi;
  }
  if (hi < pmin || hi < 1) return null;
  return { lo, hi };
}
