import type { V1Plan } from "../../productionplan.schemas";
import type { MeritOrder } from "./merit-order-model";
import { formatMw, formatPrice } from "./plan-chart-format";

/** Names in a sentence, the first few of a long list and a count of the rest. */
export function nameList(names: string[], shown = 8): string {
  if (names.length <= shown) return names.join(", ");
  return `${names.slice(0, shown).join(", ")} and ${names.length - shown} more`;
}

/** The chart's caption: what can run, what cannot, and what the plan does at the load. */
export function meritCaption(order: MeritOrder, plan: V1Plan | null, load: number | null): string {
  const plants = order.steps.length === 1 ? "1 plant can" : `${order.steps.length} plants can`;
  const parts = [`${plants} run this hour, ${formatMw(order.capacity)} MW in all, cheapest first.`];
  if (order.unusable.length > 0) parts.push(`Cannot run this hour: ${nameList(order.unusable.map((plant) => plant.name))}.`);
  if (load !== null) {
    if (plan?.marginal_plant) {
      const running = plan.plan.filter((planned) => planned.p > 0).length;
      parts.push(
        `At ${formatMw(load)} MW the plan runs ${running} ${running === 1 ? "plant" : "plants"}; the marginal plant is ` +
          `${plan.marginal_plant.name} at ${formatPrice(plan.marginal_plant.cost_per_mwh)} €/MWh.`,
      );
    } else if (plan) parts.push(`At ${formatMw(load)} MW nothing runs.`);
    else if (load > order.capacity) parts.push(`${formatMw(load)} MW is beyond the capacity: no plan, nothing is shaded.`);
    else parts.push(`No combination of plants makes exactly ${formatMw(load)} MW: no plan, nothing is shaded.`);
  }
  return parts.join(" ");
}

/** The SVG's accessible name: what the picture shows; the figures themselves are in the table. */
export function meritAriaLabel(order: MeritOrder, load: number | null): string {
  const costs = order.steps.map((step) => step.costPerMwh);
  const range = costs.length === 0 ? "" : `, priced ${formatPrice(Math.min(...costs))} to ${formatPrice(Math.max(...costs))} €/MWh`;
  return (
    `Merit-order step chart: ${order.steps.length} plants as steps, each as wide as its available MW and as high as its ` +
    `€/MWh, from 0 to ${formatMw(order.capacity)} MW${range}` +
    `${load === null ? "" : `; the load at ${formatMw(load)} MW`}. The figures are in the table below.`
  );
}

/** The words beside the load's line. */
export function meritLoadLabel(load: number, plan: V1Plan | null, pinned: boolean): string {
  const where = `Load ${formatMw(load)} MW${pinned ? ", off the scale" : ""}`;
  if (plan === null) return `${where}: no plan`;
  if (plan.marginal_plant === null) return where;
  return `${where} · marginal ${formatPrice(plan.marginal_plant.cost_per_mwh)} €/MWh`;
}
