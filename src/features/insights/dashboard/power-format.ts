/** How the insights pages print power, energy and coverage: one way across cards, tables and the chart's legend. */

const watts = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const scaled = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** The API's watts as they are (it rounds to 3 decimals): 12666.834 → `12,666.834`. */
export function formatWatts(value: number): string {
  return watts.format(value);
}

/** A headline figure in the unit that keeps it short: W below 1 kW, then kW, then MW (`830.328 kW`, `1,191.193 MW`). */
function withPrefix(value: number, unit: string): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${scaled.format(value / 1e6)} M${unit}`;
  if (magnitude >= 1e3) return `${scaled.format(value / 1e3)} k${unit}`;
  return `${scaled.format(value)} ${unit}`;
}

/** Power for a card: 12666.834 → `12.667 kW`. */
export const formatPower = (value: number) => withPrefix(value, "W");

/** Energy for a card, from the API's watt-hours: 291337.2 → `291.337 kWh`. */
export const formatEnergy = (wattHours: number) => withPrefix(wattHours, "Wh");

/** A share (0–1, the API's 6 decimals) as a percentage to 4 decimals, exact: 0.958333 → `95.8333 %`. */
export function formatCoverage(share: number): string {
  return `${percent.format(share * 100)} %`;
}

/** Watt-hours as kilowatt-hours, for a column of them: 291337.2 → `291.337`. */
export function formatKilowattHours(wattHours: number): string {
  return watts.format(wattHours / 1000);
}
