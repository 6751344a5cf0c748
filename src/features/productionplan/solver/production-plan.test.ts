import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../../../scripts/lib/paths";
import type { FeasiblePlan, InfeasiblePlan, PlanOptions, PowerPlant, ProductionPlanPayload, ProductionPlanResult } from "./plan-types";
import { solveProductionPlan } from "./production-plan";

// The origin's examples, read from FIXTURES_DIR (never copied into the project); a missing one fails the file.
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(fixturesDir(), "productionplan", name), "utf8")) as T;
const PAYLOAD1 = fixture<ProductionPlanPayload>("payload1.json");
const PAYLOAD2 = fixture<ProductionPlanPayload>("payload2.json");
const PAYLOAD3 = fixture<ProductionPlanPayload>("payload3.json");
const RESPONSE3 = fixture<Array<{ name: string; p: number }>>("response3.json");
const FLEET: PowerPlant[] = PAYLOAD3.powerplants;
const FUELS = PAYLOAD3.fuels;
/** response3.json's plan priced: 798.4 MWh of gas at 13.4 / 0.53 + 0.3 × 20 €/MWh. */
const RESPONSE3_TOTAL_COST = 24976.362264150943;

const GAS_BIG = 13.4 / 0.53 + 0.3 * 20;
const GAS_SMALL = 13.4 / 0.37 + 0.3 * 20;

function feasible(result: ProductionPlanResult): FeasiblePlan {
  if (!result.feasible) throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
  return result;
}

function infeasible(result: ProductionPlanResult): InfeasiblePlan {
  if (result.feasible) throw new Error(`expected no plan, got ${JSON.stringify(result.plan)}`);
  return result;
}

const outputs = (plan: FeasiblePlan) => Object.fromEntries(plan.plan.map((entry) => [entry.name, entry.p]));
const loadOf = (plan: FeasiblePlan) => Math.round(plan.plan.reduce((sum, entry) => sum + entry.p * 10, 0));

describe("the origin's payloads", () => {
  it("payload1: makes 480 MW exactly, wind first then one big gas plant", () => {
    const plan = feasible(solveProductionPlan(PAYLOAD1));
    expect(loadOf(plan)).toBe(4800);
    expect(outputs(plan)).toEqual({
      windpark1: 90,
      windpark2: 21.6,
      gasfiredbig1: 368.4,
      gasfiredbig2: 0,
      gasfiredsomewhatsmaller: 0,
      tj1: 0,
    });
    expect(plan.totalCost).toBeCloseTo(368.4 * GAS_BIG, 9);
  });

  it("payload2: avoids the merit-order trap (460 + 16 cannot make 480) with two gas plants", () => {
    const plan = feasible(solveProductionPlan(PAYLOAD2));
    expect(loadOf(plan)).toBe(4800);
    expect(outputs(plan)).toEqual({ windpark1: 0, windpark2: 0, gasfiredbig1: 380, gasfiredbig2: 100, gasfiredsomewhatsmaller: 0, tj1: 0 });
    expect(plan.totalCost).toBeCloseTo(480 * GAS_BIG, 9);
    // A merit order stops at 460 + 16 = 476 MW; the next best plan, 440 + the small plant's 40 MW minimum, costs more.
    expect(plan.totalCost).toBeLessThan(440 * GAS_BIG + 40 * GAS_SMALL);
  });

  it("payload3: the cost of response3.json, and here its very plan, in merit order", () => {
    const plan = feasible(solveProductionPlan(PAYLOAD3));
    expect(loadOf(plan)).toBe(9100);
    expect(plan.totalCost).toBeCloseTo(RESPONSE3_TOTAL_COST, 6);
    expect(plan.plan.map(({ name, p }) => ({ name, p }))).toEqual(RESPONSE3);
    expect(plan.marginalPlant).toEqual({ name: "gasfiredbig2", costPerMWh: GAS_BIG });
    expect(plan.plan[2]).toEqual({ name: "gasfiredbig1", type: "gasfired", costPerMWh: GAS_BIG, p: 460, cost: 460 * GAS_BIG });
    expect(plan.totalCost).toBe(plan.plan.reduce((sum, entry) => sum + entry.cost, 0));
    expect(plan.stats).toMatchObject({ plants: 6, usablePlants: 6, loadSteps: 9101 });
    expect(plan.stats.statesEvaluated).toBeGreaterThan(0);
    expect(plan.stats.ms).toBeGreaterThanOrEqual(0);
  });

  it("serialises every p with at most one decimal", () => {
    const body = JSON.stringify(feasible(solveProductionPlan(PAYLOAD3)).plan.map(({ name, p }) => ({ name, p })));
    expect(body).toBe(
      '[{"name":"windpark1","p":90},{"name":"windpark2","p":21.6},{"name":"gasfiredbig1","p":460},' +
        '{"name":"gasfiredbig2","p":338.4},{"name":"gasfiredsomewhatsmaller","p":0},{"name":"tj1","p":0}]',
    );
  });
});

describe("tie rule and determinism", () => {
  it("loads the first of two equal plants in payload order first, whichever that is", () => {
    const swapped = { ...PAYLOAD3, powerplants: [FLEET[1]!, FLEET[0]!, ...FLEET.slice(2)] };
    const plan = feasible(solveProductionPlan(swapped));
    expect(outputs(plan)).toMatchObject({ gasfiredbig2: 460, gasfiredbig1: 338.4 });
    expect(plan.plan.map((entry) => entry.name).slice(2, 4)).toEqual(["gasfiredbig2", "gasfiredbig1"]);
  });

  it("between free wind parks, fills the earlier one first when curtailable", () => {
    const plan = feasible(solveProductionPlan({ ...PAYLOAD3, load: 50 }, { co2: true, wind: "curtailable" }));
    expect(outputs(plan)).toMatchObject({ windpark1: 50, windpark2: 0 });
  });

  it("answers the same plan every time", () => {
    expect(feasible(solveProductionPlan(PAYLOAD2)).plan).toEqual(feasible(solveProductionPlan(PAYLOAD2)).plan);
  });
});

describe("options", () => {
  it("uses CO2 and binary wind by default", () => {
    expect(solveProductionPlan(PAYLOAD3)).toEqual({
      ...solveProductionPlan(PAYLOAD3, { co2: true, wind: "binary" }),
      stats: expect.anything(),
    });
  });

  it("leaves CO2 out of gas costs when asked", () => {
    const plan = feasible(solveProductionPlan(PAYLOAD3, { co2: false, wind: "binary" }));
    expect(plan.totalCost).toBeCloseTo(798.4 * (13.4 / 0.53), 9);
    expect(plan.plan[2]!.costPerMWh).toBe(13.4 / 0.53);
  });

  it("binary wind is all or nothing; curtailable wind takes any tenth up to what the wind gives", () => {
    // 50 MW: binary wind parks give 90 or 21.6 (+ 16 of kerosine at most), so the small gas plant runs alone.
    const binary = feasible(solveProductionPlan({ ...PAYLOAD3, load: 50 }));
    expect(outputs(binary)).toMatchObject({ windpark1: 0, windpark2: 0, gasfiredsomewhatsmaller: 50 });
    const curtailed = feasible(solveProductionPlan({ ...PAYLOAD3, load: 50 }, { co2: true, wind: "curtailable" }));
    expect(curtailed.totalCost).toBe(0);
    expect(curtailed.marginalPlant).toEqual({ name: "windpark1", costPerMWh: 0 });
  });
});

const gas = (name: string, pmin: number, pmax: number, efficiency = 0.5): PowerPlant => ({
  name,
  type: "gasfired",
  efficiency,
  pmin,
  pmax,
});
const jet = (name: string, pmax: number): PowerPlant => ({ name, type: "turbojet", efficiency: 0.3, pmin: 0, pmax });
const wind = (name: string, pmax: number): PowerPlant => ({ name, type: "windturbine", efficiency: 1, pmin: 0, pmax });
const payload = (load: number, powerplants: PowerPlant[], windPercent = 50): ProductionPlanPayload => ({
  load,
  fuels: { ...FUELS, "wind(%)": windPercent },
  powerplants,
});
const curtailable: PlanOptions = { co2: true, wind: "curtailable" };

describe("edge cases", () => {
  it("a zero load runs nothing", () => {
    const plan = feasible(solveProductionPlan({ ...PAYLOAD3, load: 0 }));
    expect(plan.plan.every((entry) => entry.p === 0 && entry.cost === 0)).toBe(true);
    expect(plan.totalCost).toBe(0);
    expect(plan.marginalPlant).toBeNull();
  });

  it("an empty fleet makes only zero", () => {
    expect(feasible(solveProductionPlan(payload(0, []))).plan).toEqual([]);
    expect(infeasible(solveProductionPlan(payload(0.1, [])))).toMatchObject({ reason: "exceeds-capacity", capacity: 0, nearestBelow: 0 });
  });

  it("an all-wind fleet: binary sums of what each park gives, curtailable anything up to the total", () => {
    const fleet = [wind("w1", 100), wind("w2", 50), wind("w3", 20)]; // 50 %: 50, 25, 10 MW
    expect(outputs(feasible(solveProductionPlan(payload(35, fleet))))).toEqual({ w1: 0, w2: 25, w3: 10 });
    expect(infeasible(solveProductionPlan(payload(30, fleet)))).toMatchObject({
      reason: "unreachable",
      nearestBelow: 25,
      nearestAbove: 35,
    });
    expect(outputs(feasible(solveProductionPlan(payload(30, fleet), curtailable)))).toEqual({ w1: 30, w2: 0, w3: 0 });
    expect(outputs(feasible(solveProductionPlan(payload(84.9, fleet), curtailable)))).toEqual({ w1: 50, w2: 25, w3: 9.9 });
    expect(infeasible(solveProductionPlan(payload(85.1, fleet), curtailable))).toMatchObject({
      reason: "exceeds-capacity",
      capacity: 85,
      nearestBelow: 85,
    });
  });

  it("plans with a subnormal fuel price instead of looping forever", () => {
    const tiny = { ...payload(40, [jet("tj", 50), wind("w", 20)]), fuels: { ...FUELS, "kerosine(euro/MWh)": 4.4e-323, "wind(%)": 50 } };
    expect(outputs(feasible(solveProductionPlan(tiny, curtailable)))).toEqual({ tj: 30, w: 10 });
  });

  it("looks for the nearest loads only up to the largest load a caller may ask for, whatever the plants' pmin", () => {
    const fleet = [gas("huge", 999_999, 1_000_000)];
    const result = infeasible(solveProductionPlan(payload(10, fleet)));
    expect(result).toMatchObject({ reason: "unreachable", nearestBelow: 0 });
    expect(result.nearestAbove).toBeUndefined();
  });

  it("rounds available wind down to the tenth: 36 MW at 33 % gives 11.8 MW, not 11.88", () => {
    const plan = feasible(solveProductionPlan(payload(11.8, [wind("w", 36)], 33)));
    expect(outputs(plan)).toEqual({ w: 11.8 });
    expect(infeasible(solveProductionPlan(payload(11.9, [wind("w", 36)], 33))).reason).toBe("exceeds-capacity");
  });

  it("with no wind the turbines stay off and the rest carries the load", () => {
    const plan = feasible(solveProductionPlan(payload(10, [wind("w", 100), jet("j", 20)], 0)));
    expect(outputs(plan)).toEqual({ w: 0, j: 10 });
    expect(infeasible(solveProductionPlan(payload(5, [wind("w", 100)], 0)))).toMatchObject({
      reason: "exceeds-capacity",
      capacity: 0,
      nearestBelow: 0,
    });
  });

  it("a plant with pmin = pmax runs at exactly that", () => {
    const fleet = [gas("fixed", 50, 50, 0.9), jet("j", 10)];
    expect(outputs(feasible(solveProductionPlan(payload(55, fleet))))).toEqual({ fixed: 50, j: 5 });
    expect(infeasible(solveProductionPlan(payload(45, fleet)))).toMatchObject({
      reason: "unreachable",
      nearestBelow: 10,
      nearestAbove: 50,
    });
  });

  it("never runs a plant whose pmin rounds above its pmax", () => {
    const fleet = [gas("odd", 10.05, 10.08, 0.9), jet("j", 20)];
    expect(outputs(feasible(solveProductionPlan(payload(10, fleet))))).toEqual({ odd: 0, j: 10 });
    expect(infeasible(solveProductionPlan(payload(20.1, fleet)))).toMatchObject({ reason: "exceeds-capacity", capacity: 20 });
    expect(feasible(solveProductionPlan(payload(0, fleet))).stats.usablePlants).toBe(1);
  });

  it("rounds pmin up and pmax down to the tenth", () => {
    const fleet = [gas("g", 10.01, 20.09)];
    expect(infeasible(solveProductionPlan(payload(10, fleet)))).toMatchObject({ nearestBelow: 0, nearestAbove: 10.1 });
    expect(infeasible(solveProductionPlan(payload(20.1, fleet)))).toMatchObject({ reason: "exceeds-capacity", capacity: 20 });
  });

  it("handles a plant whose range spans more than 65,535 tenths (wide decision storage)", () => {
    const fleet = [gas("huge", 10, 8000, 0.4), gas("cheap", 100, 300, 0.6)];
    const plan = feasible(solveProductionPlan(payload(7000.3, fleet)));
    expect(outputs(plan)).toEqual({ cheap: 300, huge: 6700.3 });
  });
});

describe("infeasible loads", () => {
  it("a load in a gap: the nearest feasible loads on both sides", () => {
    expect(infeasible(solveProductionPlan(payload(50, [gas("g", 100, 200)])))).toMatchObject({
      reason: "unreachable",
      capacity: 200,
      nearestBelow: 0,
      nearestAbove: 100,
    });
    // The origin's fleet without wind: 16 MW of kerosine, then 40 MW and up.
    expect(infeasible(solveProductionPlan({ ...PAYLOAD2, load: 20 }))).toMatchObject({
      reason: "unreachable",
      nearestBelow: 16,
      nearestAbove: 40,
    });
  });

  it("a load above the capacity: the capacity below, nothing above", () => {
    const result = infeasible(solveProductionPlan(payload(250, [gas("g", 100, 200)])));
    expect(result).toMatchObject({ reason: "exceeds-capacity", capacity: 200, nearestBelow: 200 });
    expect(result).not.toHaveProperty("nearestAbove");
    // 90 + 21.6 of wind, 460 + 460 + 210 of gas, 16 of kerosine.
    expect(infeasible(solveProductionPlan({ ...PAYLOAD3, load: 1257.7 }))).toMatchObject({ capacity: 1257.6, nearestBelow: 1257.6 });
  });
});

/** A deterministic fleet (a tiny LCG), since code under src/ never imports the scripts' generator. */
function bigFleet(plants: number, seed: number): PowerPlant[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: plants }, (_, i) => {
    const pmax = Math.round(50 + random() * 500);
    return i % 4 === 3
      ? jet(`j${i}`, Math.round(pmax / 10))
      : gas(`g${i}`, Math.round(pmax * (0.2 + random() * 0.3)), pmax, 0.3 + Math.round(random() * 30) / 100);
  });
}

describe("large fleets", () => {
  it("dispatches 1,000 plants exactly", () => {
    const fleet = bigFleet(1_000, 7);
    const plan = feasible(solveProductionPlan(payload(5_000.7, fleet)));
    expect(plan.plan).toHaveLength(1_000);
    expect(new Set(plan.plan.map((entry) => entry.name)).size).toBe(1_000);
    expect(loadOf(plan)).toBe(50_007);
    const byName = new Map(fleet.map((plant) => [plant.name, plant]));
    for (const entry of plan.plan) {
      const plant = byName.get(entry.name)!;
      expect(entry.p === 0 || (entry.p >= plant.pmin && entry.p <= plant.pmax)).toBe(true);
    }
    const costs = plan.plan.map((entry) => entry.costPerMWh);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it("equal-cost fleets (nothing to prune) stay exact", () => {
    const fleet = bigFleet(200, 11).map((plant) => ({ ...plant, type: "gasfired" as const, efficiency: 0.5 }));
    const plan = feasible(solveProductionPlan(payload(3_000.1, fleet)));
    expect(loadOf(plan)).toBe(30_001);
    expect(plan.totalCost).toBeCloseTo(3_000.1 * (13.4 / 0.5 + 6), 6);
  });
});
