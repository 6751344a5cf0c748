import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { costCurveBody } from "../../src/features/productionplan/cost-curve-body";
import type { CurveRequest } from "../../src/features/productionplan/productionplan.schemas";
import { outputRange } from "../../src/features/productionplan/solver/dispatch-units";
import { DEFAULT_PLAN_OPTIONS, type ProductionPlanPayload } from "../../src/features/productionplan/solver/plan-types";
import { fixturesDir } from "../lib/paths";
import { randomFleet } from "./productionplan";
import type { MicroBenchmark } from "./registry";

const round1 = (value: number) => Math.round(value * 10) / 10;
const MB = 2 ** 20;

function curveRequest(payload: Omit<ProductionPlanPayload, "load">): CurveRequest {
  return { fuels: payload.fuels, powerplants: payload.powerplants, options: { ...DEFAULT_PLAN_OPTIONS }, step: 0.1 };
}

/** The origin's payload3 without its load, read from the fixtures (never copied into the project). */
function payload3Fleet(): CurveRequest {
  const path = join(fixturesDir(), "productionplan", "payload3.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: the curve benchmark uses the origin's payload3 (set FIXTURES_DIR)`);
  return curveRequest(JSON.parse(readFileSync(path, "utf8")) as ProductionPlanPayload);
}

/** A random 100-plant fleet (see randomFleet) with its pmax scaled so the plants that can run total `capacityMW`. */
function fleetOfCapacity(plants: number, capacityMW: number, seed: number): CurveRequest {
  const fleet = randomFleet(plants, capacityMW / 3, seed);
  const available = fleet.powerplants.reduce(
    (sum, plant) => sum + (outputRange(plant, fleet.fuels, DEFAULT_PLAN_OPTIONS)?.hi ?? 0) / 10,
    0,
  );
  const scale = capacityMW / available;
  const powerplants = fleet.powerplants.map((plant) => {
    const pmax = round1(plant.pmax * scale);
    return { ...plant, pmax, pmin: Math.min(pmax, round1(plant.pmin * scale)) };
  });
  return curveRequest({ fuels: fleet.fuels, powerplants });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Times what the route does after validation: the one-pass curve and its JSON (the body a client downloads). Memory:
 * the solver's typed arrays, counted exactly, plus the answer's three columns (8 bytes a number) and its JSON text,
 * the most one curve holds at once inside a Worker (128 MB).
 */
async function measure(requests: CurveRequest[], runsEach: number): Promise<Record<string, number>> {
  const times: number[] = [];
  let workingBytes = 0;
  let answerBytes = 0;
  let points = 0;
  let maxLoad = 0;
  costCurveBody(requests[0]!);
  for (const request of requests) {
    for (let run = 0; run < runsEach; run++) {
      const started = performance.now();
      const body = costCurveBody(request);
      const json = JSON.stringify(body);
      times.push(performance.now() - started);
      workingBytes = Math.max(workingBytes, body.stats.working_bytes);
      answerBytes = Math.max(answerBytes, json.length + 3 * 8 * body.points.load.length);
      points = Math.max(points, body.points.load.length);
      maxLoad = Math.max(maxLoad, body.max_load);
    }
  }
  return {
    median_ms: Math.round(median(times) * 10) / 10,
    max_ms: Math.round(Math.max(...times) * 10) / 10,
    curve_mb: Math.round(((workingBytes + answerBytes) / MB) * 10) / 10,
    solver_mb: Math.round((workingBytes / MB) * 10) / 10,
    json_mb: Math.round(((answerBytes - 3 * 8 * points) / MB) * 10) / 10,
    points,
    max_load_mw: maxLoad,
    runs: times.length,
  };
}

export const productionplanCurveMicro: MicroBenchmark[] = [
  {
    name: "productionplan curve: payload3's fleet, every 0.1 MW",
    service: "productionplan",
    run: () => measure([payload3Fleet()], 10),
    target: { description: "≤ 50 ms (median of 10)", check: (m) => (m.median_ms ?? Infinity) <= 50 },
  },
  {
    name: "productionplan curve: 100 plants up to 10,000 MW, every 0.1 MW",
    service: "productionplan",
    run: () =>
      measure(
        Array.from({ length: 5 }, (_, i) => fleetOfCapacity(100, 10_000, 300 + i)),
        1,
      ),
    target: {
      description: "≤ 500 ms and < 128 MB (median of 5 random fleets)",
      check: (m) => (m.median_ms ?? Infinity) <= 500 && (m.curve_mb ?? Infinity) < 128,
    },
  },
];
