import { describe, expect, it } from "vitest";
import type { PlanCurve, V1Plan } from "../../../src/features/productionplan/productionplan.schemas";
import { call, expectProblem, fixture, jsonInit } from "../helpers";

interface Payload {
  load: number;
  fuels: Record<string, number>;
  powerplants: Array<{ name: string; type: string; efficiency: number; pmin: number; pmax: number }>;
}

const payload3 = JSON.parse(fixture("productionplan/payload3.json")) as Payload;
const { load: _load, ...fleet3 } = payload3;
const post = (path: string, body: unknown) => call(path, jsonInit("POST", body));

async function curveOf(body: unknown): Promise<PlanCurve> {
  const response = await post("/v1/productionplan/curve", body);
  expect(response.status).toBe(200);
  return (await response.json()) as PlanCurve;
}

/** The plan route's answer for one load of the fleet: its plan, or its 422's reason. */
async function planAt(fleet: Omit<Payload, "load">, load: number): Promise<V1Plan | { reason: string }> {
  const response = await post("/v1/productionplan", { ...fleet, load });
  if (response.status === 200) return (await response.json()) as V1Plan;
  expect(response.status).toBe(422);
  return (await response.json()) as { reason: string };
}

/** Every grid load from 0 to max_load, each in `points` or in a gap, never both. */
function gridOf(curve: PlanCurve): Map<number, number | "gap"> {
  const grid = new Map<number, number | "gap">();
  curve.points.load.forEach((load, i) => {
    grid.set(Math.round(load * 10), i);
  });
  const step = Math.round(curve.step * 10);
  for (const gap of curve.gaps) {
    for (let s = Math.round(gap.from * 10); s <= Math.round(gap.to * 10); s += step) {
      expect(grid.has(s), `${s / 10} MW both feasible and in a gap`).toBe(false);
      grid.set(s, "gap");
    }
  }
  expect(grid.size).toBe(Math.round(curve.max_load * 10) / step + 1);
  return grid;
}

describe("POST /v1/productionplan/curve", () => {
  it("gives payload3's fleet, every 0.1 MW, the plan route's cost and marginal plant, and its gaps as 422s", async () => {
    const curve = await curveOf(fleet3);
    expect(curve.step).toBe(0.1);
    expect(curve.options).toEqual({ co2: true, wind: "binary" });
    // 460 + 460 + 210 + 16 + 60 % of 150 and of 36 (binary wind: all of it or nothing).
    expect(curve.capacity).toBe(1257.6);
    expect(curve.max_load).toBe(1257.6);
    expect(curve.plants.map((plant) => plant.name)).toEqual([
      "windpark1",
      "windpark2",
      "gasfiredbig1",
      "gasfiredbig2",
      "gasfiredsomewhatsmaller",
      "tj1",
    ]);
    expect(curve.plants[0]!.available).toEqual({ min: 90, max: 90 });
    expect(curve.plants[2]!.available).toEqual({ min: 100, max: 460 });
    const grid = gridOf(curve);
    expect(curve.gaps.length).toBeGreaterThan(0);

    // Every gap's ends and neighbours, the origin's load, and a spread of loads across the curve.
    const loads = new Set<number>([9100, 0, Math.round(curve.max_load * 10)]);
    for (const gap of curve.gaps) {
      for (const s of [gap.from - 1, gap.from, gap.to, gap.to + 1]) loads.add(Math.round(s * 10));
    }
    for (let s = 3; s < curve.max_load * 10; s += 337) loads.add(s);
    for (const s of loads) {
      const answer = await planAt(fleet3, s / 10);
      const at = grid.get(s);
      if ("reason" in answer) {
        expect(at, `${s / 10} MW`).toBe("gap");
        expect(answer.reason).toBe("unreachable");
        continue;
      }
      expect(at, `${s / 10} MW`).not.toBe("gap");
      const i = at as number;
      expect(curve.points.total_cost[i]).toBeCloseTo(answer.total_cost, 5);
      const marginal = curve.points.marginal[i];
      expect(marginal === null ? null : curve.plants[marginal!]!.name, `marginal at ${s / 10} MW`).toBe(
        answer.marginal_plant?.name ?? null,
      );
    }
    // One more than the capacity is beyond the curve and the plan route's capacity.
    expect(await planAt(fleet3, (Math.round(curve.max_load * 10) + 1) / 10)).toMatchObject({ reason: "exceeds-capacity" });
  });

  it("spaces the grid by `step` and honours the options", async () => {
    const curve = await curveOf({ ...fleet3, step: 2.5, options: { co2: false, wind: "curtailable" } });
    expect(curve.options).toEqual({ co2: false, wind: "curtailable" });
    // The capacity, 1,257.6 MW, rounded down to the step.
    expect(curve.max_load).toBe(1257.5);
    const grid = gridOf(curve);
    for (const load of curve.points.load) expect(Math.round(load * 10) % 25).toBe(0);
    const withOptions = { ...fleet3, options: { co2: false, wind: "curtailable" } };
    for (const s of [25, 1000, 4875, 9100, 12575]) {
      const answer = await planAt(withOptions, s / 10);
      expect("reason" in answer ? "gap" : "plan").toBe(grid.get(s) === "gap" ? "gap" : "plan");
      if (!("reason" in answer)) expect(curve.points.total_cost[grid.get(s) as number]).toBeCloseTo(answer.total_cost, 5);
    }
  });

  it("answers a fleet that cannot run with load 0 alone", async () => {
    const curve = await curveOf({ fuels: { ...fleet3.fuels, "wind(%)": 0 }, powerplants: [fleet3.powerplants[4]] });
    expect(curve).toMatchObject({ capacity: 0, max_load: 0, gaps: [], points: { load: [0], total_cost: [0], marginal: [null] } });
    expect(curve.plants[0]!.available).toBeNull();
  });

  it.each([
    ["a step below 0.1 MW", { ...fleet3, step: 0.05 }, "/step"],
    ["a step off the 0.1 MW grid", { ...fleet3, step: 0.25 }, "/step"],
    ["no fuels", { powerplants: fleet3.powerplants }, "/fuels"],
    ["an empty fleet", { fuels: fleet3.fuels, powerplants: [] }, "/powerplants"],
    ["pmin above pmax", { ...fleet3, powerplants: [{ ...fleet3.powerplants[0]!, pmin: 500 }] }, "/powerplants/0/pmin"],
    ["two plants of one name", { ...fleet3, powerplants: [fleet3.powerplants[0], fleet3.powerplants[0]] }, "/powerplants/1/name"],
  ])("refuses %s with 422 at the field", async (_, body, pointer) => {
    const problem = await expectProblem(await post("/v1/productionplan/curve", body), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it("refuses malformed JSON with 400", async () => {
    const response = await call("/v1/productionplan/curve", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" });
    await expectProblem(response, 400);
  });

  it("asks for a larger step when the grid would exceed 200,001 loads, and answers with that step", async () => {
    const big = { fuels: fleet3.fuels, powerplants: [{ name: "big", type: "gasfired", efficiency: 0.5, pmin: 0, pmax: 30_000 }] };
    const problem = await expectProblem(await post("/v1/productionplan/curve", big), 422);
    const error = problem.errors?.find((e) => e.pointer === "/step");
    expect(error?.detail).toMatch(/use a step of at least 0\.2 MW/);
    const curve = await curveOf({ ...big, step: 0.2 });
    expect(curve.points.load).toHaveLength(150_001);
    expect(curve.gaps).toEqual([]);
  });

  it("refuses a fleet whose curve is too much work for one request, at /powerplants", async () => {
    const powerplants = Array.from({ length: 1_000 }, (_, i) => ({ name: `g${i}`, type: "gasfired", efficiency: 0.5, pmin: 0, pmax: 20 }));
    const problem = await expectProblem(await post("/v1/productionplan/curve", { fuels: fleet3.fuels, powerplants, step: 1 }), 422);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/powerplants"]);
  });
});
