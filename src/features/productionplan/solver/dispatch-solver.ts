import { DecisionStore } from "../plan-feed/decision-store";
import { dispatchBounds } from "./dispatch-bounds";
import { type CostRow, type FoldPlant, foldPlant } from "./plant-fold";
import { float64Buffer, int32Buffer } from "./solver-buffers";
import { decisionBytes } from "./solver-memory";

export interface DispatchSolution {
  /** Output of each plant in tenths, in the order given; null when no combination makes the load exactly. */
  outputs: Int32Array | null;
  /** (plant, load) pairs computed, the reconstruction's recomputations included. */
  statesEvaluated: number;
  /** Bytes of typed arrays allocated. */
  workingBytes: number;
}

interface Checkpoint {
  from: number;
  to: number;
  /** costs[s − from] */
  costs: Float64Array;
}

/**
 * The exact cheapest dispatch: a dynamic programme over the load in tenths, one plant at a time (cost of every
 * load with the plants folded so far), each fold a sliding-window minimum (see foldPlant): O(plants × load steps)
 * time.
 *
 * Plants come dearest first and the last one is the cheapest: among optimal plans the result is then the
 * lexicographically greatest output vector read from the last plant back (each fold prefers the larger output on a
 * tie, and the walk back takes the last plant's choice first).
 *
 * Only the loads that can still matter are computed: after plant k, s ≥ load − (capacity of the plants still to
 * come), or the rest could not make up the load, and s ≤ min(load, capacity folded so far); and loads that no plan
 * as cheap as a quick greedy one can pass through are dropped (see DispatchBounds). On random fleets that leaves a
 * few hundred loads per plant; when every plan costs the same (identical plants) nothing can be dropped and the
 * full O(plants × load steps) is paid.
 *
 * Memory: keeping every plant's choice for every load would take plants × steps entries (400 MB for 1,000 plants
 * and 20,000 MW). Instead the plants are cut into blocks of about √(8n / d) (d = 2 or 4 bytes a choice); the
 * forward pass keeps the cost row at the start of each block (8 bytes a load it covers) and only the last block's
 * choices. Walking back, each earlier block is recomputed from its checkpoint, only up to the load the walk has
 * reached there, recording its choices. At worst (no pruning) that is about 2√(8n·d) bytes a load step, 51 MB for
 * 1,000 plants and 20,000 MW, and one extra forward pass in time; with pruning both shrink to the rows kept. Routes
 * refuse payloads whose worst case exceeds SOLVER_MEMORY_BUDGET_BYTES (see solver-memory.ts).
 */
export function solveDispatch(plants: readonly FoldPlant[], load: number): DispatchSolution {
  const n = plants.length;
  const steps = load + 1;
  const { from: fromAfter, to: toAfter, capacity } = reachableRanges(plants, load);
  if (load > capacity) return { outputs: null, statesEvaluated: 0, workingBytes: 0 };

  const widest = plants.reduce((max, plant) => Math.max(max, plant.hi - plant.lo + 1), 1);
  const choiceBytes = decisionBytes(widest);
  const blockSize = Math.max(1, Math.min(n, Math.round(Math.sqrt((8 * n) / choiceBytes))));
  const blocks = Math.ceil(n / blockSize);
  const decisions = new DecisionStore(choiceBytes === 4, steps);
  const rows = [float64Buffer(0, steps), float64Buffer(1, steps)] as const;
  const scratch = { index: int32Buffer(0, steps), value: float64Buffer(2, steps), first: 0, last: -1 };
  const bounds = dispatchBounds(plants, load);
  let workingBytes = 2 * rows[0].byteLength + scratch.index.byteLength + scratch.value.byteLength + bounds.remainder.byteLength;
  let statesEvaluated = 0;

  /**
   * Folds plants [start, end) from `prev`, loads capped at `ceiling`, recording their choices if asked (which
   * slows the fold, so the forward pass only records the last block). Each row's range shrinks to the loads left
   * reachable, and the next plant can only add between 0 and hi to them.
   */
  const foldBlock = (start: number, end: number, initial: CostRow, ceiling: number, record: boolean): CostRow => {
    decisions.clear();
    let prev = initial;
    for (let k = start; k < end; k++) {
      const plant = plants[k]!;
      const next: CostRow = {
        costs: prev.costs === rows[0] ? rows[1] : rows[0],
        from: Math.max(fromAfter[k]!, prev.from),
        to: Math.min(toAfter[k]!, prev.to + plant.hi, ceiling),
      };
      if (next.from <= next.to) {
        const store = record ? decisions.reserve(k - start, next.from, next.to) : undefined;
        foldPlant(prev, next, plant, scratch, bounds, store?.array, store?.base);
        statesEvaluated += next.to - next.from + 1;
        next.from = scratch.first;
        next.to = scratch.last;
      }
      prev = next;
    }
    return prev;
  };

  rows[0][0] = 0;
  let row: CostRow = { costs: rows[0], from: 0, to: 0 };
  const checkpoints: Checkpoint[] = [];
  for (let b = 0; b < blocks; b++) {
    // The last block's choices are still in `decisions` when the forward pass ends: it needs no checkpoint.
    if (b < blocks - 1) {
      const checkpoint = { from: row.from, to: row.to, costs: row.costs.slice(row.from, Math.max(row.from, row.to + 1)) };
      workingBytes += checkpoint.costs.byteLength;
      checkpoints.push(checkpoint);
    }
    row = foldBlock(b * blockSize, Math.min(n, (b + 1) * blockSize), row, load, b === blocks - 1);
  }
  if (row.to !== load) return { outputs: null, statesEvaluated, workingBytes: workingBytes + decisions.peakBytes };

  const outputs = new Int32Array(n);
  let s = load;
  for (let b = blocks - 1; b >= 0 && s > 0; b--) {
    const start = b * blockSize;
    const end = Math.min(n, start + blockSize);
    if (b < blocks - 1) {
      const checkpoint = checkpoints[b]!;
      rows[0].set(checkpoint.costs, checkpoint.from);
      foldBlock(start, end, { costs: rows[0], from: checkpoint.from, to: Math.min(checkpoint.to, s) }, s, true);
    }
    for (let k = end - 1; k >= start; k--) {
      const choice = decisions.choice(k - start, s);
      const p = choice === 0 ? 0 : choice + plants[k]!.lo - 1;
      outputs[k] = p;
      s -= p;
    }
  }
  if (s !== 0) throw new Error(`dispatch reconstruction ended at ${s} tenths instead of 0`);
  return { outputs, statesEvaluated, workingBytes: workingBytes + decisions.peakBytes };
}

/**
 * For each plant k, the loads worth computing once it is folded: at least the load minus what the plants after it
 * can add (else the load is out of reach), at most what the plants up to it can produce.
 */
function reachableRanges(plants: readonly FoldPlant[], load: number) {
  const n = plants.length;
  const from: number[] = new Array<number>(n);
  const to: number[] = new Array<number>(n);
  let after = 0;
  for (let k = n - 1; k >= 0; k--) {
    from[k] = Math.max(0, load - after);
    after += plants[k]!.hi;
  }
  let upTo = 0;
  for (let k = 0; k < n; k++) {
    upTo += plants[k]!.hi;
    to[k] = Math.min(load, upTo);
  }
  return { from, to, capacity: after };
}
