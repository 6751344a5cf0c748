/** How the production-plan charts print their figures: MW to 0.1, €/MWh to the cent, euros grouped by thousands. */
import { formatAmount } from "../../../../web/format";

const tenths = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1330 → `1,330.0`: the API plans in tenths of a MW, so one decimal is every digit there is. */
export function formatMw(mw: number): string {
  return tenths.format(mw);
}

/** 31.283019 → `31.28` (€/MWh) and 25076.07 → `25,076.07` (€): the product's one amount format, two names for the reader. */
export const formatPrice = formatAmount;
export const formatEuros = formatAmount;

/** The decimals a tick step needs (2.5 → 1, 0.25 → 2, 500 → 0), so every tick of an axis has as many. */
function stepDecimals(step: number): number {
  for (let decimals = 0; decimals < 6; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 6;
}

/** A tick label: grouped by thousands, with the decimals its axis's step needs and no more. */
export function formatTick(value: number, step: number): string {
  const decimals = stepDecimals(step);
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}
