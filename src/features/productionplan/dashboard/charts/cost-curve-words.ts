import type { PlanCurve } from "../../productionplan.schemas";
import type { LoadOnCurve } from "./cost-curve-model";
import { formatEuros, formatMw, formatPrice } from "./plan-chart-format";

/** A range of MW in words: one load alone, or its two ends. */
export const mwRange = (range: { from: number; to: number }) =>
  range.from === range.to ? `${formatMw(range.from)} MW` : `${formatMw(range.from)}–${formatMw(range.to)} MW`;

/** Beyond this many, the summary counts the feasible ranges instead of listing them. */
const LISTED_RANGES = 6;

/** The short text beside the chart: where plans exist, the capacity, and the load's cost. */
export function curveSummary(
  curve: PlanCurve,
  ranges: Array<{ from: number; to: number }>,
  load: number | null,
  at: LoadOnCurve | null,
): string {
  const parts: string[] = [];
  if (ranges.length === 0) parts.push("No load has a plan.");
  else if (ranges.length <= LISTED_RANGES) {
    const listed = ranges.map(mwRange);
    const words = listed.length <= 1 ? listed.join("") : `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
    parts.push(`Plans exist for ${words}.`);
  } else {
    parts.push(
      `Plans exist in ${ranges.length} separate ranges from ${formatMw(ranges[0]!.from)} to ${formatMw(ranges.at(-1)!.to)} MW, ` +
        "with the gaps between them listed below.",
    );
  }
  parts.push(`Capacity ${formatMw(curve.capacity)} MW.`);
  if (load !== null && at !== null) parts.push(loadSentence(load, at, curve.step));
  return parts.join(" ");
}

function loadSentence(load: number, at: LoadOnCurve, step: number): string {
  const mw = `${formatMw(load)} MW`;
  if (at.kind === "feasible") {
    if (at.price === null) return `At ${mw} nothing runs: ${formatEuros(at.totalCost)} €.`;
    return `At ${mw}: ${formatEuros(at.totalCost)} € in all, marginal price ${formatPrice(at.price)} €/MWh (${at.marginal}).`;
  }
  if (at.kind === "gap") return `No plan at ${mw}: no combination of plants makes it exactly.`;
  if (at.kind === "beyond-capacity") return `No plan at ${mw}: it is beyond the capacity.`;
  return `${mw} is not on the curve's ${formatMw(step)} MW grid.`;
}

/** The words beside the load's line on the chart. */
export function curveLoadLabel(load: number, at: LoadOnCurve, pinned: boolean): string {
  const where = `Load ${formatMw(load)} MW${pinned ? ", off the scale" : ""}`;
  if (at.kind === "feasible") {
    return at.price === null
      ? `${where}: ${formatEuros(at.totalCost)} €`
      : `${where}: ${formatEuros(at.totalCost)} € · ${formatPrice(at.price)} €/MWh`;
  }
  if (at.kind === "off-grid") return `${where}: between grid loads`;
  return `${where}: no plan at this load`;
}

/** The SVG's accessible name: what the picture shows; the summary and the gap list give the figures. */
export function curveAriaLabel(curve: PlanCurve, load: number | null): string {
  const gaps = curve.gaps.length === 1 ? "1 gap" : `${curve.gaps.length} gaps`;
  return (
    `Two line charts over the load from 0 to ${formatMw(curve.max_load)} MW: total cost in euros above, marginal price ` +
    `in €/MWh below, broken and hatched where no plan exists (${gaps})` +
    `${load === null ? "" : `; the load at ${formatMw(load)} MW marked`}. A summary and the gaps follow the chart.`
  );
}
