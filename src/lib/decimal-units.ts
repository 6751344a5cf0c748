/**
 * Decimal quantities kept as whole units (tenths of a MW, cents), so that sums are exact integers rather than
 * drifting float sums: the production-plan solver and the trading feed both work this way.
 */

/**
 * JSON decimals are not exact binary floats (2.3 × 10 is 22.999999999999996, 20.64 × 100 is 2063.9999999999998),
 * so a scaled value within this relative distance of a whole number is that number.
 */
const RELATIVE_TOLERANCE = 1e-9;

/** How far `scaled` (a JSON decimal times 10 or 100) may lie from a whole number and still count as it. */
export function wholeUnitSlack(scaled: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(scaled));
}

/** The double JSON prints with at most one decimal (3384 → 338.4). */
export function tenthsToMW(tenths: number): number {
  return tenths / 10;
}
