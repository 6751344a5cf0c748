import type { Fuels, PlanOptions, PowerPlant } from "./plan-types";

/** Each MWh burnt in a gas-fired plant emits 0.3 t of CO2 (the origin's figure). */
const CO2_TONS_PER_MWH = 0.3;

/** Euros per MWh produced. */
export function costPerMWh(plant: PowerPlant, fuels: Fuels, options: PlanOptions): number {
  switch (plant.type) {
    case "gasfired":
      return fuels["gas(euro/MWh)"] / plant.efficiency + (options.co2 ? CO2_TONS_PER_MWH * fuels["co2(euro/ton)"] : 0);
    case "turbojet":
      return fuels["kerosine(euro/MWh)"] / plant.efficiency;
    case "windturbine":
      return 0;
  }
}

/** Plant indices, cheapest cost per MWh first, payload order among equal costs. */
export function meritOrder(costs: readonly number[]): number[] {
  return costs.map((_, index) => index).sort((a, b) => costs[a]! - costs[b]! || a - b);
}

/** The largest power of two a cost scale may be: 2^1000 is finite, and costs below 2^-1000 €/MWh count as 0. */
const MAX_SCALE_EXPONENT = 1000;

/**
 * Integer cost units per (euro per MWh), chosen so that every plan cost of up to `loadTenths` tenths stays below
 * 2^52 when costs are rounded to whole units: the solver then adds and compares exact integers in doubles, and no
 * rounding noise can make one of two equal-cost plans look cheaper. A power of two, so scaling itself is exact.
 * The resolution is about 2^-51 × loadTenths of the dearest plant's cost (1e-10 of it for 20,000 MW): plants of the
 * same cost per MWh always get the same units; only plans whose true costs differ by less than that can be ordered
 * by the rounding.
 */
export function costScale(maxCostPerMWh: number, loadTenths: number): number {
  const budget = 2 ** 51;
  const span = maxCostPerMWh * Math.max(1, loadTenths);
  if (!(span > 0)) return 1;
  // A subnormal span (a price of 4e-323) makes budget / span overflow to Infinity, and halving Infinity never ends:
  // the exponent stays where 2 ** exponent is finite.
  let scale = 2 ** Math.min(MAX_SCALE_EXPONENT, Math.floor(Math.log2(budget / span)));
  while (span * scale > budget) scale /= 2;
  return scale;
}

export function quantiseCost(costPerMWh: number, scale: number): number {
  return Math.round(costPerMWh * scale);
}
