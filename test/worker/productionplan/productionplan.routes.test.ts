import { describe, expect, it } from "vitest";
import { call, expectProblem, fixture, jsonInit } from "../helpers";

const payload = (n: number) =>
  JSON.parse(fixture(`productionplan/payload${n}.json`)) as {
    load: number;
    fuels: Record<string, number>;
    powerplants: Array<{ name: string; type: string; efficiency: number; pmin: number; pmax: number }>;
  };
const response3 = JSON.parse(fixture("productionplan/response3.json")) as Array<{ name: string; p: number }>;
const post = (path: string, body: unknown) => call(path, jsonInit("POST", body));

/** The cost of a plan computed independently from the payload (€/MWh × MW). */
function costOf(p: ReturnType<typeof payload>, plan: Array<{ name: string; p: number }>, co2 = true): number {
  return plan.reduce((sum, entry) => {
    const plant = p.powerplants.find((x) => x.name === entry.name)!;
    const perMWh =
      plant.type === "gasfired"
        ? p.fuels["gas(euro/MWh)"]! / plant.efficiency + (co2 ? 0.3 * p.fuels["co2(euro/ton)"]! : 0)
        : plant.type === "turbojet"
          ? p.fuels["kerosine(euro/MWh)"]! / plant.efficiency
          : 0;
    return sum + perMWh * entry.p;
  }, 0);
}

describe("POST /productionplan (origin contract)", () => {
  it.each([1, 2, 3])("answers payload%i with every plant once, in merit order, summing exactly to the load", async (n) => {
    const p = payload(n);
    const response = await post("/productionplan", p);
    expect(response.status).toBe(200);
    const text = await response.text();
    const plan = JSON.parse(text) as Array<{ name: string; p: number }>;
    expect(plan.map((e) => e.name).sort()).toEqual(p.powerplants.map((x) => x.name).sort());
    expect(Math.round(plan.reduce((s, e) => s + e.p, 0) * 10)).toBe(Math.round(p.load * 10));
    for (const entry of plan) expect(Math.abs(entry.p * 10 - Math.round(entry.p * 10))).toBeLessThan(1e-9);
    // One decimal, as the origin prints it.
    expect(text).toMatch(/^\[\{"name":"[^"]+","p":\d+\.\d\}(,\{"name":"[^"]+","p":\d+\.\d\})*\]$/);
  });

  it("costs payload3 exactly as much as the origin's optimal answer", async () => {
    const plan = (await (await post("/productionplan", payload(3))).json()) as Array<{ name: string; p: number }>;
    expect(costOf(payload(3), plan)).toBeCloseTo(costOf(payload(3), response3), 6);
  });

  it("avoids payload2's greedy trap: two gas plants, not gas + turbojet", async () => {
    const p = payload(2);
    const plan = (await (await post("/productionplan", p)).json()) as Array<{ name: string; p: number }>;
    const running = plan.filter((e) => e.p > 0).map((e) => p.powerplants.find((x) => x.name === e.name)!.type);
    expect(running.filter((t) => t === "turbojet")).toHaveLength(0);
  });
});

describe("POST /v1/productionplan", () => {
  it("answers costs, the marginal plant, the options used and solver statistics", async () => {
    const body = (await (await post("/v1/productionplan", payload(3))).json()) as {
      total_cost: number;
      marginal_plant: { name: string; cost_per_mwh: number } | null;
      options: unknown;
      plan: Array<{ name: string; type: string; cost_per_mwh: number; p: number; cost: number }>;
      stats: { plants: number; load_steps: number; states_evaluated: number };
    };
    expect(body.options).toEqual({ co2: true, wind: "binary" });
    expect(body.total_cost).toBeCloseTo(costOf(payload(3), response3), 4);
    expect(body.plan.map((e) => e.cost_per_mwh)).toEqual([...body.plan.map((e) => e.cost_per_mwh)].sort((a, b) => a - b));
    for (const entry of body.plan) expect(entry.cost).toBeCloseTo(entry.cost_per_mwh * entry.p, 2);
    const running = body.plan.filter((e) => e.p > 0);
    expect(body.marginal_plant?.name).toBe(running.at(-1)!.name);
    expect(body.stats).toMatchObject({ plants: 6, load_steps: 9101 });
    expect(body.stats.states_evaluated).toBeGreaterThan(0);
  });

  it("honours co2 off and curtailable wind", async () => {
    const p = { ...payload(3), load: 100.5 };
    const curtailed = (await (await post("/v1/productionplan", { ...p, options: { wind: "curtailable" } })).json()) as {
      plan: Array<{ type: string; p: number }>;
      total_cost: number;
    };
    expect(curtailed.total_cost).toBe(0);
    expect(curtailed.plan.filter((e) => e.type === "windturbine").reduce((s, e) => s + e.p, 0)).toBeCloseTo(100.5, 9);
    const noCo2 = (await (await post("/v1/productionplan", { ...payload(3), options: { co2: false } })).json()) as {
      total_cost: number;
      options: unknown;
    };
    expect(noCo2.options).toEqual({ co2: false, wind: "binary" });
    expect(noCo2.total_cost).toBeLessThan(costOf(payload(3), response3));
  });
});

describe("infeasible loads", () => {
  it("answers a load above capacity with 422, the capacity and the nearest feasible load", async () => {
    const body = await expectProblem(await post("/productionplan", { ...payload(1), load: 30_000 }), 422);
    expect(body).toMatchObject({ reason: "exceeds-capacity", load: 30_000 });
    expect(body.errors).toEqual([expect.objectContaining({ pointer: "/load", location: "body" })]);
    const capacity = body.capacity as number;
    expect((body.nearest_feasible_loads as { below: number }).below).toBe(capacity);
  });

  it("answers a load in a gap with the nearest feasible loads on both sides", async () => {
    const fleet = {
      load: 50,
      fuels: { "gas(euro/MWh)": 10, "kerosine(euro/MWh)": 50, "co2(euro/ton)": 0, "wind(%)": 0 },
      powerplants: [
        { name: "big", type: "gasfired", efficiency: 0.5, pmin: 100, pmax: 200 },
        { name: "small", type: "turbojet", efficiency: 0.3, pmin: 0, pmax: 20 },
      ],
    };
    const body = await expectProblem(await post("/v1/productionplan", fleet), 422);
    expect(body).toMatchObject({ reason: "unreachable", nearest_feasible_loads: { below: 20, above: 100 } });
  });
});

describe("payload validation", () => {
  const base = payload(1);
  const cases: Array<[string, unknown, string[]]> = [
    ["missing fuel price", { ...base, fuels: { ...base.fuels, "gas(euro/MWh)": undefined } }, ["/fuels/gas(euro~1MWh)"]],
    ["negative fuel price", { ...base, fuels: { ...base.fuels, "kerosine(euro/MWh)": -1 } }, ["/fuels/kerosine(euro~1MWh)"]],
    ["wind above 100", { ...base, fuels: { ...base.fuels, "wind(%)": 101 } }, ["/fuels/wind(%)"]],
    ["efficiency 0", { ...base, powerplants: [{ ...base.powerplants[0]!, efficiency: 0 }] }, ["/powerplants/0/efficiency"]],
    [
      "efficiency so small the cost is infinite",
      { ...base, powerplants: [{ ...base.powerplants[0]!, efficiency: 1e-322 }] },
      ["/powerplants/0/efficiency"],
    ],
    ["a fuel price beyond any market", { ...base, fuels: { ...base.fuels, "gas(euro/MWh)": 1e308 } }, ["/fuels/gas(euro~1MWh)"]],
    ["pmax beyond any plant", { ...base, powerplants: [{ ...base.powerplants[0]!, pmax: 1e308 }] }, ["/powerplants/0/pmax"]],
    [
      "a fleet and load the solver cannot plan within its memory budget",
      {
        ...base,
        load: 39_999.9,
        powerplants: Array.from({ length: 1000 }, (_, i) => ({ ...base.powerplants[0]!, name: `p${i}`, pmin: 0, pmax: 100 })),
      },
      ["/load"],
    ],
    ["efficiency above 1", { ...base, powerplants: [{ ...base.powerplants[0]!, efficiency: 1.2 }] }, ["/powerplants/0/efficiency"]],
    ["pmin above pmax", { ...base, powerplants: [{ ...base.powerplants[0]!, pmin: 500, pmax: 100 }] }, ["/powerplants/0/pmin"]],
    [
      "negative pmax",
      { ...base, powerplants: [{ ...base.powerplants[0]!, pmin: 0, pmax: -5 }] },
      ["/powerplants/0/pmax", "/powerplants/0/pmin"],
    ],
    ["duplicate names", { ...base, powerplants: [base.powerplants[0], base.powerplants[0]] }, ["/powerplants/1/name"]],
    ["unknown type", { ...base, powerplants: [{ ...base.powerplants[0]!, type: "nuclear" }] }, ["/powerplants/0/type"]],
    ["load not a multiple of 0.1", { ...base, load: 480.05 }, ["/load"]],
    ["load a hair above a tenth, never rounded to it", { ...base, load: 1e-12 }, ["/load"]],
    ["negative load", { ...base, load: -1 }, ["/load"]],
    ["load above 40,000 MWh", { ...base, load: 40_000.1 }, ["/load"]],
    [
      "more than 1,000 plants",
      { ...base, powerplants: Array.from({ length: 1001 }, (_, i) => ({ ...base.powerplants[0]!, name: `p${i}` })) },
      ["/powerplants"],
    ],
    ["bad options", { ...base, options: { wind: "gusty" } }, ["/options/wind"]],
  ];
  it.each(cases)("rejects %s with a pointer", async (_name, body, pointers) => {
    const route = (body as { options?: unknown }).options ? "/v1/productionplan" : "/productionplan";
    const problem = await expectProblem(await post(route, body), 422);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(pointers);
  });
});

describe("GET /v1/productionplan/feed", () => {
  it("needs a WebSocket upgrade", async () => {
    const body = await expectProblem(await call("/v1/productionplan/feed"), 426);
    expect(body.detail).toContain("Upgrade: websocket");
  });

  it("broadcasts every computed plan to connected clients", async () => {
    const response = await call("/v1/productionplan/feed", { headers: { Upgrade: "websocket" } });
    expect(response.status).toBe(101);
    const socket = response.webSocket!;
    socket.accept();
    const messages: Array<{ type: string; route?: string; result?: unknown }> = [];
    const received = new Promise<void>((resolve) => {
      socket.addEventListener("message", (event) => {
        messages.push(JSON.parse(event.data as string));
        if (messages.filter((m) => m.type === "plan").length === 2) resolve();
      });
    });
    await post("/productionplan", payload(1));
    await post("/v1/productionplan", payload(2));
    await received;
    socket.close(1000, "done");
    expect(messages[0]).toMatchObject({ type: "hello" });
    const plans = messages.filter((m) => m.type === "plan");
    expect(plans.map((m) => m.route).sort()).toEqual(["/productionplan", "/v1/productionplan"]);
    expect(Array.isArray(plans.find((m) => m.route === "/productionplan")!.result)).toBe(true);
  });
});
