import type { DispatchBounds } from "./dispatch-bounds";
import { type CostRow, foldPlant, windowScratch } from "./plant-fold";
import { foldPlants, type PreparedFleet } from "./prepared-fleet";
import { decisionBytes } from "./solver-memory";

/** The least cost of every load of a grid, in tenths of a MW, and the plant that sets each one's price. */
export interface CostCurve {
  fleet: PreparedFleet;
  /** Tenths between two loads of the grid. */
  step: number;
  /** Tenths: the last load of the grid (`upTo` rounded down to the step). */
  maxLoad: number;
  /** Tenths, ascending: the feasible loads of the grid. */
  loads: Int32Array;
  /** Euros, the least cost of each feasible load. */
  totalCosts: Float64Array;
  /** Payload index of each feasible load's marginal plant; -1 at load 0 (nothing runs). */
  marginal: Int32Array;
  /** Tenths, inclusive: runs of grid loads no plan makes exactly. */
  gaps: Array<{ from: number; to: number }>;
  statesEvaluated: number;
  workingBytes: number;
}

const NOTHING_RUNS = -1;

/**
 * The cost curve in one pass of the solver's dynamic programme (see solveDispatch): after every plant is folded in,
 * the cost row holds the cheapest cost of every load from 0 to the capacity, so one pass answers every load at once.
 * Unlike a plan's pass it prunes nothing (its bounds are for one load) and keeps no checkpoints (nothing is walked
 * back): O(plants × loads) time and about 70 bytes a load of memory.
 *
 * The marginal plant of a load is the dearest plant running in the plan the solver would return for it. Plants are
 * folded dearest first, so that is the first plant switched on along the plan's path; each load carries it forward
 * from the load it was reached from (`label`), following exactly the choices the solver's walk back would read, so
 * ties resolve as the plan route resolves them.
 *
 * `upTo` (tenths) caps the grid; `step` (tenths) spaces it. Callers check the size first (see costCurveBody).
 */
export function solveCostCurve(fleet: PreparedFleet, step: number, upTo: number): CostCurve {
  const maxLoad = Math.floor(Math.min(fleet.capacity, upTo) / step) * step;
  const steps = maxLoad + 1;
  const folded = foldPlants(fleet);

  const rows = [new Float64Array(steps), new Float64Array(steps)] as const;
  const labels = [new Int32Array(steps), new Int32Array(steps)] as const;
  // Euros along each load's chosen plan, summed in floats as the plan route sums them: the integer units decide,
  // but their rounding (about 1e-9 € a MWh) should not reach the answer.
  const euros = [new Float64Array(steps), new Float64Array(steps)] as const;
  const scratch = windowScratch(steps);
  const widest = folded.reduce((max, plant) => Math.max(max, plant.hi - plant.lo + 1), 1);
  const decisions = decisionBytes(widest) === 4 ? new Uint32Array(steps) : new Uint16Array(steps);
  // Nothing to prune: no budget, and a remainder of zero everywhere.
  const unbounded: DispatchBounds = { budget: Infinity, remainder: new Float64Array(steps) };
  const workingBytes =
    2 * rows[0].byteLength +
    2 * labels[0].byteLength +
    2 * euros[0].byteLength +
    scratch.index.byteLength +
    scratch.value.byteLength +
    decisions.byteLength +
    unbounded.remainder.byteLength;

  rows[0][0] = 0;
  labels[0][0] = NOTHING_RUNS;
  euros[0][0] = 0;
  let row: CostRow = { costs: rows[0], from: 0, to: 0 };
  let label = labels[0];
  let euro = euros[0];
  let statesEvaluated = 0;
  folded.forEach((plant, k) => {
    const next: CostRow = { costs: row.costs === rows[0] ? rows[1] : rows[0], from: 0, to: Math.min(row.to + plant.hi, maxLoad) };
    const nextLabel = label === labels[0] ? labels[1] : labels[0];
    const nextEuro = euro === euros[0] ? euros[1] : euros[0];
    foldPlant(row, next, plant, scratch, unbounded, decisions);
    statesEvaluated += next.to + 1;
    const running = fleet.usable[k]!;
    const costPerMWh = fleet.costs[running]!;
    for (let s = 0; s <= next.to; s++) {
      const choice = decisions[s]!;
      if (choice === 0) {
        nextLabel[s] = label[s]!;
        nextEuro[s] = euro[s]!;
      } else {
        const p = choice + plant.lo - 1;
        const before = label[s - p]!;
        nextLabel[s] = before === NOTHING_RUNS ? running : before;
        nextEuro[s] = euro[s - p]! + costPerMWh * (p / 10);
      }
    }
    next.to = scratch.last;
    row = next;
    label = nextLabel;
    euro = nextEuro;
  });

  const grid = Math.floor(maxLoad / step) + 1;
  const loads = new Int32Array(grid);
  const totalCosts = new Float64Array(grid);
  const marginal = new Int32Array(grid);
  const gaps: Array<{ from: number; to: number }> = [];
  let count = 0;
  for (let s = 0; s <= maxLoad; s += step) {
    const units = s <= row.to ? row.costs[s]! : Infinity;
    if (units === Infinity) {
      const last = gaps[gaps.length - 1];
      if (last && last.to === s - step) last.to = s;
      else gaps.push({ from: s, to: s });
      continue;
    }
    loads[count] = s;
    totalCosts[count] = euro[s]!;
    marginal[count] = label[s]!;
    count++;
  }
  return {
    fleet,
    step,
    maxLoad,
    loads: loads.subarray(0, count),
    totalCosts: totalCosts.subarray(0, count),
    marginal: marginal.subarray(0, count),
    gaps,
    statesEvaluated,
    workingBytes,
  };
}
