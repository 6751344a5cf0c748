import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exhaustive, expectSameCost, type Fleet, fleetArbitrary, payloadOf } from "../../../../test/productionplan-references";
import { type CostCurve, solveCostCurve } from "./cost-curve";
import { prepareFleet } from "./prepared-fleet";
import { solveProductionPlan } from "./production-plan";

// The cost curve against a separate solve of every load of its grid, and against the exhaustive reference.

const NO_CAP = 400_000;

function curveOf(fleet: Fleet, step: number, upTo = NO_CAP): CostCurve {
  const payload = payloadOf(fleet, 0);
  return solveCostCurve(prepareFleet(payload.powerplants, payload.fuels, fleet.options), step, upTo);
}

/** Every grid load once: feasible ones ascending in `loads`, the others in `gaps` (maximal runs), nothing else. */
function expectGridCovered(curve: CostCurve): Map<number, number> {
  const index = new Map<number, number>();
  for (const [i, load] of curve.loads.entries()) index.set(load, i);
  const infeasible = new Set<number>();
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const gap of curve.gaps) {
    expect(gap.from).toBeGreaterThan(previousEnd + curve.step);
    for (let s = gap.from; s <= gap.to; s += curve.step) infeasible.add(s);
    previousEnd = gap.to;
  }
  for (let s = 0; s <= curve.maxLoad; s += curve.step) expect(index.has(s) !== infeasible.has(s), `load ${s} tenths`).toBe(true);
  expect(index.size + infeasible.size).toBe(Math.floor(curve.maxLoad / curve.step) + 1);
  expect([...curve.loads]).toEqual([...curve.loads].sort((a, b) => a - b));
  return index;
}

const stepArbitrary = fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 7 }));

describe("cost curve property", () => {
  it("gives every load of the grid the cost, feasibility and marginal plant of a separate solve of that load", () => {
    fc.assert(
      fc.property(fleetArbitrary(0, 7, 2_000), stepArbitrary, (fleet, step) => {
        const curve = curveOf(fleet, step);
        expect(curve.maxLoad).toBe(Math.floor(curve.fleet.capacity / step) * step);
        const index = expectGridCovered(curve);
        for (let s = 0; s <= curve.maxLoad; s += step) {
          const payload = payloadOf(fleet, s);
          const plan = solveProductionPlan(payload, fleet.options);
          const i = index.get(s);
          expect(plan.feasible, `load ${s} tenths`).toBe(i !== undefined);
          if (!plan.feasible || i === undefined) continue;
          expectSameCost(curve.totalCosts[i]!, plan.totalCost);
          const marginal = curve.marginal[i]!;
          expect(marginal < 0 ? null : payload.powerplants[marginal]!.name, `marginal plant at ${s} tenths`).toBe(
            plan.marginalPlant?.name ?? null,
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("agrees with the exhaustive reference on the cheapest cost and feasibility of every load", () => {
    fc.assert(
      fc.property(fleetArbitrary(0, 8, 1_500), (fleet) => {
        const curve = curveOf(fleet, 1);
        const index = expectGridCovered(curve);
        for (let s = 0; s <= curve.maxLoad; s++) {
          const expected = exhaustive(fleet, s);
          const i = index.get(s);
          expect(i !== undefined, `load ${s} tenths`).toBe(expected.outputs !== null);
          if (i !== undefined) expectSameCost(curve.totalCosts[i]!, expected.cost);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("stops at the cap, rounded down to the step, when the capacity is larger", () => {
    fc.assert(
      fc.property(fleetArbitrary(1, 6, 2_000), stepArbitrary, fc.integer({ min: 0, max: 600 }), (fleet, step, upTo) => {
        const full = curveOf(fleet, step);
        const capped = curveOf(fleet, step, upTo);
        expect(capped.maxLoad).toBe(Math.floor(Math.min(full.fleet.capacity, upTo) / step) * step);
        const kept = [...full.loads].filter((load) => load <= capped.maxLoad);
        expect([...capped.loads]).toEqual(kept);
        for (const i of kept.keys()) expectSameCost(capped.totalCosts[i]!, full.totalCosts[i]!);
      }),
      { numRuns: 100 },
    );
  });
});
