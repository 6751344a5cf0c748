import { wholeUnitSlack } from "../../../lib/decimal-units";

/**
 * Prices have two decimals and quantities one, so the feed keeps them as integer cents and tenths of a MW:
 * sums of thousands of deals stay exact, where float sums would drift by a cent now and then.
 * A quantity × price product is then in thousandths of a euro ("tenth-cents").
 */

/** `value × scale` as an integer when it is one (allowing for binary floating point), otherwise null. */
export function toWholeUnits(value: number, scale: number): number | null {
  const scaled = value * scale;
  const whole = Math.round(scaled);
  return Math.abs(scaled - whole) <= wholeUnitSlack(scaled) ? whole : null;
}

/** n / d rounded half away from zero, exactly, for safe integers n and d > 0. */
export function roundDiv(n: number, d: number): number {
  const magnitude = Math.abs(n);
  const quotient = Math.floor(magnitude / d);
  const rounded = 2 * (magnitude - quotient * d) >= d ? quotient + 1 : quotient;
  // Never -0: it would survive into comparisons and print oddly outside JSON.
  return n < 0 && rounded !== 0 ? -rounded : rounded;
}

/** The double JSON prints with at most two decimals (2064 → 20.64). */
export function centsToEuros(cents: number): number {
  return cents / 100;
}

/** A sum of quantity × price (tenth-cents) in euros, rounded to the cent. */
export function tenthCentsToEuros(tenthCents: number): number {
  return centsToEuros(roundDiv(tenthCents, 10));
}

/** Σ q·p / Σ q in €/MWh rounded to the cent; null when nothing was traded. */
export function vwap(valueTenthCents: number, quantityTenths: number): number | null {
  return quantityTenths === 0 ? null : centsToEuros(roundDiv(valueTenthCents, quantityTenths));
}
