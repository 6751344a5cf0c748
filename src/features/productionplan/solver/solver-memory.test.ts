import { describe, expect, it } from "vitest";
import type { PowerPlant } from "./plan-types";
import { solveProductionPlan } from "./production-plan";
import { largestPlannableLoadTenths, SOLVER_MEMORY_BUDGET_BYTES } from "./solver-memory";

const FUELS = { "gas(euro/MWh)": 13.4, "kerosine(euro/MWh)": 50.8, "co2(euro/ton)": 20, "wind(%)": 60 };

/** Every plan of a given load costs the same, so no load can be pruned: the solver's worst case. */
function equalCostFleet(plants: number, pmin: number, pmax: number): PowerPlant[] {
  return Array.from({ length: plants }, (_, i) => ({ name: `g${i}`, type: "gasfired", efficiency: 0.5, pmin, pmax }));
}

describe("the solver's memory budget", () => {
  it.each([
    ["2-byte choices", 60, 200],
    ["4-byte choices", 0, 7_000],
  ])("holds for 1,000 equal-cost plants at the largest load the routes accept (%s)", (_label, pmin, pmax) => {
    const largest = largestPlannableLoadTenths(1_000, Math.ceil((pmax - pmin) * 10) + 1);
    const result = solveProductionPlan({ load: largest / 10, fuels: FUELS, powerplants: equalCostFleet(1_000, pmin, pmax) });
    expect(result.feasible).toBe(true);
    expect(result.stats.workingBytes).toBeLessThanOrEqual(SOLVER_MEMORY_BUDGET_BYTES);
    expect(result.stats.workingBytes).toBeGreaterThan(SOLVER_MEMORY_BUDGET_BYTES / 4);
  });
});
