/**
 * Every output is a whole number of tenths of a MW, so the solver works in integer tenths and never sums floats.
 * Bounds round towards what the real plant can do: a minimum up, a maximum down.
 */

/**
 * JSON decimals are not exact binary floats (2.3 × 10 is 22.999999999999996 in a double), so a value within
 * this relative distance of a whole tenth is that tenth, instead of falling to the tenth below (or above).
 */
const RELATIVE_TOLERANCE = 1e-9;

function slack(tenths: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(tenths));
}

/** The largest whole number of tenths not above `mw`. */
export function tenthsDown(mw: number): number {
  const tenths = mw * 10;
  return Math.floor(tenths + slack(tenths));
}

/** The smallest whole number of tenths not below `mw`. */
export function tenthsUp(mw: number): number {
  const tenths = mw * 10;
  return Math.ceil(tenths - slack(tenths));
}

/** For values the route has already checked are multiples of 0.1, such as the load. */
export function tenthsNearest(mw: number): number {
  return Math.round(mw * 10);
}

/** The double a JSON decimal with one digit after the point parses to (3384 → 338.4). */
export function tenthsToMW(tenths: number): number {
  return tenths / 10;
}
