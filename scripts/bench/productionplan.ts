import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlantType, PowerPlant, ProductionPlanPayload } from "../../src/features/productionplan/solver/plan-types";
import { solveProductionPlan } from "../../src/features/productionplan/solver/production-plan";
import { fixturesDir } from "../lib/paths";
import { seededRandom } from "../lib/random";
import type { HttpScenario, MicroBenchmark } from "./registry";

const FLEETS_PER_SIZE = 5;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * A random fleet shaped like the origin's examples: half gas-fired (pmin 20–50 % of pmax, so there are gaps),
 * a quarter turbojets (pmin 0), a quarter wind parks, with random fuel prices, efficiencies and wind. Plants are
 * sized so the fleet can carry about three times the load, a generous reserve; with turbojets down to 0.1 MW the
 * load is then always reachable (measure() checks it anyway).
 */
export function randomFleet(plants: number, loadMW: number, seed: number): ProductionPlanPayload {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const windPercent = Math.round(between(0, 100));
  const meanCapacity = (3 * loadMW) / plants;
  const powerplants: PowerPlant[] = [];
  for (let i = 0; i < plants; i++) {
    const draw = random();
    const type: PlantType = draw < 0.5 ? "gasfired" : draw < 0.75 ? "turbojet" : "windturbine";
    const pmax = round1(between(0.2, 1.8) * meanCapacity * (type === "turbojet" ? 0.3 : 1));
    const pmin = type === "gasfired" ? round1(pmax * between(0.2, 0.5)) : 0;
    const efficiency = type === "windturbine" ? 1 : Math.round(between(type === "gasfired" ? 30 : 20, 60)) / 100;
    powerplants.push({ name: `${type}${i}`, type, efficiency, pmin, pmax });
  }
  return {
    load: loadMW,
    fuels: {
      "gas(euro/MWh)": round1(between(8, 30)),
      "kerosine(euro/MWh)": round1(between(40, 80)),
      "co2(euro/ton)": round1(between(5, 40)),
      "wind(%)": windPercent,
    },
    powerplants,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The same fleet with every plant a gas-fired one of one efficiency: every plan of the right load costs the same,
 * so no cost bound can discard anything and the dynamic programme covers every (plant, load) pair it may need.
 */
export function equalCostFleet(plants: number, loadMW: number, seed: number): ProductionPlanPayload {
  const fleet = randomFleet(plants, loadMW, seed);
  return {
    ...fleet,
    powerplants: fleet.powerplants.map((plant) => ({ ...plant, type: "gasfired", efficiency: 0.5, pmin: round1(plant.pmax * 0.3) })),
  };
}

/**
 * Times the solver on several fleets. Memory is the solver's own typed arrays, counted exactly (everything else it
 * allocates is a few objects per plant); a heap delta around a synchronous solve would miss whatever the collector
 * frees mid-solve. The process's peak RSS (Node itself and every benchmark run before included) is shown beside it.
 */
async function measure(fleets: ProductionPlanPayload[]): Promise<Record<string, number>> {
  const times: number[] = [];
  let solverBytes = 0;
  let states = 0;
  // One untimed solve first, so the timings are of optimised code rather than of the JIT warming up.
  solveProductionPlan(fleets[0]!);
  for (const fleet of fleets) {
    const started = performance.now();
    const result = solveProductionPlan(fleet);
    times.push(performance.now() - started);
    if (!result.feasible) throw new Error(`benchmark fleet of ${fleet.powerplants.length} plants is infeasible: ${result.reason}`);
    solverBytes = Math.max(solverBytes, result.stats.workingBytes);
    states = Math.max(states, result.stats.statesEvaluated);
  }
  return {
    median_ms: Math.round(median(times) * 10) / 10,
    max_ms: Math.round(Math.max(...times) * 10) / 10,
    solver_mb: Math.round((solverBytes / 2 ** 20) * 10) / 10,
    process_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    max_states: states,
    fleets: fleets.length,
  };
}

const fleets = (count: number, make: (seed: number) => ProductionPlanPayload, seedBase: number) =>
  Array.from({ length: count }, (_, i) => make(seedBase + i));

export const productionplanMicro: MicroBenchmark[] = [
  {
    name: "productionplan: 100 plants, 10,000 MW",
    service: "productionplan",
    run: () => measure(fleets(FLEETS_PER_SIZE, (seed) => randomFleet(100, 10_000, seed), 100)),
    target: { description: "≤ 50 ms (median of 5 random fleets)", check: (m) => (m.median_ms ?? Infinity) <= 50 },
  },
  {
    name: "productionplan: 1,000 plants, 20,000 MW",
    service: "productionplan",
    run: () => measure(fleets(FLEETS_PER_SIZE, (seed) => randomFleet(1_000, 20_000, seed), 1_000)),
    target: {
      description: "≤ 2,000 ms and < 128 MB (median of 5 random fleets)",
      check: (m) => (m.median_ms ?? Infinity) <= 2_000 && (m.solver_mb ?? Infinity) < 128,
    },
  },
  {
    // No target of its own: how far the worst case (nothing pruned) is from the 1,000-plant figure.
    name: "productionplan: 1,000 equal-cost plants, 20,000 MW (nothing to prune)",
    service: "productionplan",
    run: () => measure(fleets(3, (seed) => equalCostFleet(1_000, 20_000, seed), 1_000)),
  },
];

/** The origin's payload3, read from the fixtures (never copied into the project). */
function payload3(): unknown {
  const path = join(fixturesDir(), "productionplan", "payload3.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: the productionplan scenario posts the origin's payload3 (set FIXTURES_DIR)`);
  return JSON.parse(readFileSync(path, "utf8"));
}

export const productionplanScenarios: HttpScenario[] = [
  {
    name: "productionplan: origin POST /productionplan, payload3",
    service: "productionplan",
    method: "POST",
    path: "/productionplan",
    get body() {
      return payload3();
    },
    target: { minRatioToHealth: 0.7, description: "≥ 70 % of /health" },
  },
];
