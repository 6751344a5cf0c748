import { tenthsToMW } from "../../lib/decimal-units";
import { ProblemError } from "../../lib/problem";
import { roundTo } from "./plan-body";
import type { CurveRequest, PlanCurve } from "./productionplan.schemas";
import { solveCostCurve } from "./solver/cost-curve";
import { MAX_LOAD_MWH } from "./solver/plan-types";
import { prepareFleet } from "./solver/prepared-fleet";
import { tenthsNearest } from "./solver/tenths";

/** Loads on one curve: 200,001 is 20,000 MW at 0.1 MW (about 5 MB of JSON); a larger fleet takes a coarser step. */
export const MAX_CURVE_POINTS = 200_001;
/**
 * (plant, load) pairs one curve may compute, whatever its step (the programme always runs at 0.1 MW): about a second
 * of CPU on this machine. 100 plants up to 10,000 MW are 10 million.
 */
export const MAX_CURVE_STATES = 80_000_000;

/** POST /v1/productionplan/curve's answer; 422 (at the field to change) for a curve too large to compute or send. */
export function costCurveBody(request: CurveRequest): PlanCurve {
  const started = performance.now();
  const step = tenthsNearest(request.step);
  const upTo = tenthsNearest(MAX_LOAD_MWH);
  const { powerplants, fuels, options } = request;
  const fleet = prepareFleet(powerplants, fuels, options);
  const loads = Math.min(fleet.capacity, upTo);
  const states = fleet.usable.length * (loads + 1);
  if (states > MAX_CURVE_STATES) {
    tooLarge(
      "/powerplants",
      `the curve of ${fleet.usable.length} plants up to ${tenthsToMW(loads)} MW needs ${states.toLocaleString("en-US")} steps ` +
        `of the dynamic programme, more than the ${MAX_CURVE_STATES.toLocaleString("en-US")} one request may take: split the fleet`,
    );
  }
  const points = Math.floor(loads / step) + 1;
  if (points > MAX_CURVE_POINTS) {
    const smallest = Math.ceil(loads / (MAX_CURVE_POINTS - 1));
    tooLarge(
      "/step",
      `a step of ${request.step} MW gives ${points} loads up to ${tenthsToMW(loads)} MW; at most ${MAX_CURVE_POINTS}: ` +
        `use a step of at least ${tenthsToMW(smallest)} MW`,
    );
  }
  const curve = solveCostCurve(fleet, step, upTo);
  const position = new Int32Array(powerplants.length);
  fleet.order.forEach((index, rank) => {
    position[index] = rank;
  });
  return {
    options,
    step: request.step,
    capacity: tenthsToMW(fleet.capacity),
    max_load: tenthsToMW(curve.maxLoad),
    plants: fleet.order.map((index) => {
      const plant = powerplants[index]!;
      const range = fleet.ranges[index];
      return {
        name: plant.name,
        type: plant.type,
        cost_per_mwh: roundTo(fleet.costs[index]!, 6),
        available: range ? { min: tenthsToMW(range.lo), max: tenthsToMW(range.hi) } : null,
      };
    }),
    points: {
      load: Array.from(curve.loads, tenthsToMW),
      total_cost: Array.from(curve.totalCosts, (cost) => roundTo(cost, 6)),
      marginal: Array.from(curve.marginal, (index) => (index < 0 ? null : position[index]!)),
    },
    gaps: curve.gaps.map((gap) => ({ from: tenthsToMW(gap.from), to: tenthsToMW(gap.to) })),
    stats: {
      plants: powerplants.length,
      usable_plants: fleet.usable.length,
      load_steps: curve.maxLoad + 1,
      states_evaluated: curve.statesEvaluated,
      working_bytes: curve.workingBytes,
      ms: roundTo(performance.now() - started, 3),
    },
  };
}

function tooLarge(pointer: string, detail: string): never {
  throw new ProblemError("validation", { detail, errors: [{ pointer, location: "body", detail }] });
}
