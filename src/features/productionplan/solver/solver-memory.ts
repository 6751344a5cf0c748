/**
 * The solver's working memory at worst (no load can be pruned), so a payload it cannot plan inside a Worker's
 * 128 MB is refused up front instead of exhausting the isolate (which answers a bare 503 and drops every request
 * in flight with it). See solveDispatch for where these bytes go.
 */
export const SOLVER_MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

/** Cost rows, the sliding window's scratch and the pruning bound: 8 + 8 + 4 + 8 + 8 bytes a load step, rounded up. */
const FIXED_BYTES_PER_STEP = 40;

/** Bytes one recorded choice takes: 2 while every plant's range of outputs fits 16 bits, else 4. */
export function decisionBytes(widestRangeTenths: number): 2 | 4 {
  return widestRangeTenths < 2 ** 16 ? 2 : 4;
}

/** Checkpoint rows plus one block of choices: about 2√(8·n·d) bytes a load step (blocks of √(8n / d) plants). */
export function worstCaseBytesPerStep(plants: number, widestRangeTenths: number): number {
  return 2 * Math.sqrt(8 * Math.max(1, plants) * decisionBytes(widestRangeTenths)) + FIXED_BYTES_PER_STEP;
}

/** The largest load, in tenths, that a fleet of this shape can be planned at within the budget. */
export function largestPlannableLoadTenths(plants: number, widestRangeTenths: number): number {
  return Math.floor(SOLVER_MEMORY_BUDGET_BYTES / worstCaseBytesPerStep(plants, widestRangeTenths)) - 1;
}
