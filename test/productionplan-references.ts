import fc from "fast-check";
import { expect } from "vitest";
import type { PlanOptions, PlantType, ProductionPlanPayload } from "../src/features/productionplan/solver/plan-types";
import { costScale, quantiseCost } from "../src/features/productionplan/solver/plant-costs";

/**
 * References for the production-plan solvers that share none of their machinery: random fleets, an exhaustive search
 * over on/off sets for fleets of up to 12 plants, and a plain dynamic programme over every output of every plant.
 * Plant bounds are generated in hundredths of a MW so the references round them with integer arithmetic,
 * independently of the solver's float handling. Used by the plan's and the cost curve's property tests.
 */

export interface GeneratedPlant {
  type: PlantType;
  efficiency: number;
  pminHundredths: number;
  pmaxHundredths: number;
}

export interface Fleet {
  plants: GeneratedPlant[];
  /** Euros per MWh (or ton) in tenths, so prices have one decimal like the origin's. */
  gasTenths: number;
  kerosineTenths: number;
  co2Tenths: number;
  /** Wind in tenths of a percent. */
  windPermille: number;
  options: PlanOptions;
}

export interface Range {
  lo: number;
  hi: number;
}

export const EFFICIENCIES = [0.3, 0.37, 0.45, 0.5, 0.53, 0.6, 0.9, 1];

export function plantArbitrary(maxPmaxHundredths: number): fc.Arbitrary<GeneratedPlant> {
  return fc
    .record({
      type: fc.constantFrom<PlantType>("gasfired", "turbojet", "windturbine"),
      efficiency: fc.constantFrom(...EFFICIENCIES),
      // Half on the 0.1 MW grid, half off it, so rounding pmin up and pmax down matters.
      pmax: fc.oneof(
        fc.integer({ min: 0, max: maxPmaxHundredths / 10 }).map((t) => t * 10),
        fc.integer({ min: 0, max: maxPmaxHundredths }),
      ),
      pminShape: fc.constantFrom("zero", "equal", "tight", "share"),
      below: fc.integer({ min: 0, max: 300 }),
      share: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    })
    .map(({ type, efficiency, pmax, pminShape, below, share }) => {
      const pmin =
        pminShape === "zero"
          ? 0
          : pminShape === "equal"
            ? pmax
            : pminShape === "tight"
              ? Math.max(0, pmax - below)
              : Math.floor(pmax * share);
      return { type, efficiency: type === "windturbine" ? 1 : efficiency, pminHundredths: pmin, pmaxHundredths: pmax };
    });
}

export function fleetArbitrary(minPlants: number, maxPlants: number, maxPmaxHundredths: number): fc.Arbitrary<Fleet> {
  return fc.record({
    plants: fc.array(plantArbitrary(maxPmaxHundredths), { minLength: minPlants, maxLength: maxPlants, size: "max" }),
    gasTenths: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
    kerosineTenths: fc.integer({ min: 0, max: 900 }),
    co2Tenths: fc.integer({ min: 0, max: 400 }),
    // 87.5 % and 62.5 % of some pmax land exactly on a tenth that a double misses by 1e-14 (5.6 × 87.5 % = 4.9).
    windPermille: fc.oneof(fc.constantFrom(0, 1000, 875, 625, 125), fc.integer({ min: 0, max: 1000 })),
    options: fc.record({ co2: fc.boolean(), wind: fc.constantFrom<PlanOptions["wind"]>("binary", "curtailable") }),
  });
}

/** How to pick the load once the plants' ranges are known: near the edges of the feasible intervals, where gaps are. */
export const loadPickArbitrary = fc.record({
  kind: fc.constantFrom("anywhere", "near-pmin-sum", "near-pmax-sum", "small"),
  mask: fc.nat(),
  offset: fc.integer({ min: -3, max: 3 }),
  share: fc.double({ min: 0, max: 1.05, noNaN: true }),
});
export type LoadPick = typeof loadPickArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Costs per MWh, written out again from the origin's rules. */
export function costsOf(fleet: Fleet): number[] {
  const gas = fleet.gasTenths / 10;
  const co2 = fleet.options.co2 ? 0.3 * (fleet.co2Tenths / 10) : 0;
  return fleet.plants.map((plant) =>
    plant.type === "gasfired" ? gas / plant.efficiency + co2 : plant.type === "turbojet" ? fleet.kerosineTenths / 10 / plant.efficiency : 0,
  );
}

/** Output ranges in tenths with integer arithmetic: pmin up, pmax and available wind down; null when never usable. */
export function rangesOf(fleet: Fleet): Array<Range | null> {
  return fleet.plants.map((plant) => {
    const lo = Math.max(1, Math.ceil(plant.pminHundredths / 10));
    let hi = Math.floor(plant.pmaxHundredths / 10);
    if (plant.type === "windturbine") hi = Math.min(hi, Math.floor((plant.pmaxHundredths * fleet.windPermille) / 10_000));
    if (hi < lo) return null;
    return plant.type === "windturbine" && fleet.options.wind === "binary" ? { lo: hi, hi } : { lo, hi };
  });
}

export function meritOrderOf(costs: number[]): number[] {
  return costs.map((_, i) => i).sort((a, b) => costs[a]! - costs[b]! || a - b);
}

export function pickLoad(ranges: Array<Range | null>, pick: LoadPick): number {
  const usable = ranges.filter((range): range is Range => range !== null);
  const capacity = usable.reduce((sum, range) => sum + range.hi, 0);
  const subset = usable.filter((_, i) => (pick.mask >> i) & 1);
  switch (pick.kind) {
    case "anywhere":
      return Math.round(capacity * pick.share);
    case "near-pmin-sum":
      return Math.max(0, subset.reduce((sum, range) => sum + range.lo, 0) + pick.offset);
    case "near-pmax-sum":
      return Math.max(0, subset.reduce((sum, range) => sum + range.hi, 0) + pick.offset);
    case "small":
      return Math.round(30 * pick.share);
  }
}

export function payloadOf(fleet: Fleet, loadTenths: number): ProductionPlanPayload {
  return {
    load: loadTenths / 10,
    fuels: {
      "gas(euro/MWh)": fleet.gasTenths / 10,
      "kerosine(euro/MWh)": fleet.kerosineTenths / 10,
      "co2(euro/ton)": fleet.co2Tenths / 10,
      "wind(%)": fleet.windPermille / 10,
    },
    powerplants: fleet.plants.map((plant, i) => ({
      name: `${plant.type}-${i}`,
      type: plant.type,
      efficiency: plant.efficiency,
      pmin: plant.pminHundredths / 100,
      pmax: plant.pmaxHundredths / 100,
    })),
  };
}

export interface ExhaustiveAnswer {
  /** Cheapest cost in euros (floats), Infinity when no plan exists. */
  cost: number;
  /** The tie rule's plan: among plans of minimal integer cost, the greatest output vector read in merit order. */
  outputs: number[] | null;
  below: number;
  above: number | undefined;
}

/**
 * Every on/off set of the usable plants. Within one set the cheapest dispatch is: every plant at its lo, then the
 * rest of the load poured into the plants in merit order, each up to its hi. Why: any dispatch of the set has
 * lo ≤ p ≤ hi and the same total; if a cheaper (earlier in merit order) plant is below its hi while a dearer one is
 * above its lo, moving 0.1 MW from the dearer to the cheaper one never costs more, and repeating that ends at
 * exactly this fill. The fill is also the greatest output vector of the set in merit order (it gives each plant in
 * turn as much as the later ones allow), so the tie rule's plan is the fill of some optimal set.
 * The feasible loads are the union of [Σ lo, Σ hi] over the sets.
 */
export function exhaustive(fleet: Fleet, load: number): ExhaustiveAnswer {
  const costs = costsOf(fleet);
  const ranges = rangesOf(fleet);
  const merit = meritOrderOf(costs);
  const usable = merit.filter((i) => ranges[i] !== null);
  // The solvers' one scale for every load (prepared-fleet.ts): 40,000 MWh in tenths.
  const scale = costScale(
    usable.reduce((max, i) => Math.max(max, costs[i]!), 0),
    400_000,
  );
  const units = costs.map((cost) => quantiseCost(cost, scale));
  let cost = Infinity;
  let bestUnits = Infinity;
  let outputs: number[] | null = null;
  let below = 0;
  let above: number | undefined;
  for (let mask = 0; mask < 2 ** usable.length; mask++) {
    const set = usable.filter((_, bit) => (mask >> bit) & 1);
    const lows = set.reduce((sum, i) => sum + ranges[i]!.lo, 0);
    const highs = set.reduce((sum, i) => sum + ranges[i]!.hi, 0);
    if (lows < load) below = Math.max(below, Math.min(highs, load - 1));
    if (highs > load) above = Math.min(above ?? Infinity, Math.max(lows, load + 1));
    if (lows > load || highs < load) continue;
    const fill = new Array<number>(fleet.plants.length).fill(0);
    let spare = load - lows;
    for (const i of set) {
      const extra = Math.min(spare, ranges[i]!.hi - ranges[i]!.lo);
      fill[i] = ranges[i]!.lo + extra;
      spare -= extra;
    }
    cost = Math.min(
      cost,
      set.reduce((sum, i) => sum + (costs[i]! * fill[i]!) / 10, 0),
    );
    const fillUnits = set.reduce((sum, i) => sum + units[i]! * fill[i]!, 0);
    if (fillUnits < bestUnits || (fillUnits === bestUnits && outputs !== null && greaterInOrder(fill, outputs, merit))) {
      bestUnits = fillUnits;
      outputs = fill;
    }
  }
  return { cost, outputs, below, above };
}

export function greaterInOrder(a: number[], b: number[], order: number[]): boolean {
  for (const i of order) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

export function expectSameCost(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/** Cheapest cost of every load with a direct recurrence over every output of every plant (floats, no tricks). */
export function directCost(fleet: Fleet, load: number): number {
  const costs = costsOf(fleet);
  let best = new Float64Array(load + 1).fill(Infinity);
  best[0] = 0;
  rangesOf(fleet).forEach((range, i) => {
    if (range === null) return;
    const next = best.slice();
    for (let s = 1; s <= load; s++) {
      for (let p = range.lo; p <= Math.min(range.hi, s); p++) {
        const candidate = best[s - p]! + (costs[i]! * p) / 10;
        if (candidate < next[s]!) next[s] = candidate;
      }
    }
    best = next;
  });
  return best[load]!;
}
