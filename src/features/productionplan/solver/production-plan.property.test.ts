import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  costsOf,
  directCost,
  exhaustive,
  expectSameCost,
  type Fleet,
  fleetArbitrary,
  loadPickArbitrary,
  meritOrderOf,
  payloadOf,
  pickLoad,
  rangesOf,
} from "../../../../test/productionplan-references";
import type { FeasiblePlan, ProductionPlanResult } from "./plan-types";
import { solveProductionPlan } from "./production-plan";

// The solver against the references of test/productionplan-references.ts.

/** Checks what holds for any answer: every plant once in merit order, outputs on the grid and in range, sum exact. */
function checkPlan(fleet: Fleet, load: number, result: FeasiblePlan): number[] {
  const costs = costsOf(fleet);
  const ranges = rangesOf(fleet);
  const merit = meritOrderOf(costs);
  expect(result.plan.map((entry) => entry.name)).toEqual(merit.map((i) => `${fleet.plants[i]!.type}-${i}`));
  const tenths = new Array<number>(fleet.plants.length).fill(0);
  result.plan.forEach((entry, position) => {
    const i = merit[position]!;
    const t = Math.round(entry.p * 10);
    expect(entry.p).toBe(t / 10);
    const range = ranges[i];
    if (t !== 0) {
      expect(range).not.toBeNull();
      expect(t).toBeGreaterThanOrEqual(range!.lo);
      expect(t).toBeLessThanOrEqual(range!.hi);
    }
    if (fleet.plants[i]!.type === "windturbine" && fleet.options.wind === "binary" && t !== 0) expect(t).toBe(range!.hi);
    expect(entry.cost).toBeCloseTo(costs[i]! * entry.p, 6);
    tenths[i] = t;
  });
  expect(tenths.reduce((sum, t) => sum + t, 0)).toBe(load);
  const running = result.plan.filter((entry) => entry.p > 0);
  expect(result.marginalPlant?.name ?? null).toBe(running.at(-1)?.name ?? null);
  return tenths;
}

function solve(fleet: Fleet, load: number): ProductionPlanResult {
  return solveProductionPlan(payloadOf(fleet, load), fleet.options);
}

describe("production plan property: exhaustive reference, up to 12 plants", () => {
  it("finds the optimal cost and the tie rule's plan, or the infeasibility and the nearest loads, exactly", () => {
    fc.assert(
      fc.property(fleetArbitrary(0, 12, 30_000), loadPickArbitrary, (fleet, pick) => {
        const load = pickLoad(rangesOf(fleet), pick);
        const expected = exhaustive(fleet, load);
        const result = solve(fleet, load);
        expect(result.feasible).toBe(expected.outputs !== null);
        if (!result.feasible) {
          const capacity = rangesOf(fleet).reduce((sum, range) => sum + (range?.hi ?? 0), 0);
          expect(result.reason).toBe(load > capacity ? "exceeds-capacity" : "unreachable");
          expect(result.capacity).toBe(capacity / 10);
          expect(result.nearestBelow).toBe(expected.below / 10);
          expect(result.nearestAbove).toBe(expected.above === undefined ? undefined : expected.above / 10);
          return;
        }
        const tenths = checkPlan(fleet, load, result);
        expectSameCost(result.totalCost, expected.cost);
        expect(tenths).toEqual(expected.outputs);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("production plan property: direct recurrence, 13 to 40 plants", () => {
  it("matches the cheapest cost and feasibility with many plants (several checkpoint blocks, pruning at work)", () => {
    fc.assert(
      fc.property(fleetArbitrary(13, 40, 1_500), fc.integer({ min: 0, max: 400 }), (fleet, load) => {
        const expected = directCost(fleet, load);
        const result = solve(fleet, load);
        expect(result.feasible).toBe(expected !== Infinity);
        if (!result.feasible) return;
        checkPlan(fleet, load, result);
        expectSameCost(result.totalCost, expected);
      }),
      { numRuns: 120 },
    );
  });
});
