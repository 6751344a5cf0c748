/**
 * Typical wholesale price level (€/MWh) per UTC delivery hour: a night trough,
 * a morning ramp, a midday solar dip and an evening peak. Deals and reference
 * prices both hover around it, so a trader's average price lands near the
 * reference price as on a real desk, and delta_vs_reference stays meaningful.
 */
const HOURLY_LEVEL = [62, 58, 55, 54, 56, 63, 82, 104, 112, 98, 78, 62, 52, 46, 50, 64, 86, 118, 136, 128, 108, 92, 80, 70];

export function hourlyPriceLevel(hour: number): number {
  return HOURLY_LEVEL[hour] ?? 70;
}

/** Midday hours, when solar surplus can push real prices below zero. */
export function isSolarHour(hour: number): boolean {
  return hour >= 10 && hour <= 14;
}

/** A standard normal draw (Box–Muller): price noise is bell-shaped, not flat. */
export function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Rounds to a number of decimals, never returning -0 (JSON would print it as 0 anyway, but tests compare with Object.is). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}
