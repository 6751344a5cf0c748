import { wholeUnitSlack } from "../../../lib/decimal-units";

/**
 * Every output is a whole number of tenths of a MW, so the solver works in integer tenths and never sums floats.
 * Bounds round towards what the real plant can do: a minimum up, a maximum down.
 */

/**
 * The largest whole number of tenths not above `mw`; a value a float's error away from a whole tenth is that
 * tenth, instead of falling to the tenth below.
 */
export function tenthsDown(mw: number): number {
  const tenths = mw * 10;
  return Math.floor(tenths + wholeUnitSlack(tenths));
}

/** The smallest whole number of tenths not below `mw` (a float's error above a whole tenth is that tenth). */
export function tenthsUp(mw: number): number {
  const tenths = mw * 10;
  return Math.ceil(tenths - wholeUnitSlack(tenths));
}

/** For values the route has already checked are multiples of 0.1, such as the load. */
export function tenthsNearest(mw: number): number {
  return Math.round(mw * 10);
}
