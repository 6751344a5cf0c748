import type { Child } from "hono/jsx";
import { formatAmount, formatUtcClock } from "../../../../web/format";
import type { V1Payload } from "../../productionplan.schemas";
import { DEFAULT_PLAN_OPTIONS } from "../../solver/plan-types";
import { workbenchQuery } from "../workbench-address";
import { WORKBENCH_PATH } from "../workbench-fields";
import type { FeedPlan } from "./plan-feed-messages";

/**
 * One plan of the feed page, as its script prepends it: rendered to a string with hono/jsx in the browser (so every
 * text and attribute is escaped the way the server escapes pages), and on the server by the tests.
 */

/** The page keeps the newest plans only: a page left open all day stays light. */
export const MAX_FEED_ENTRIES = 100;

/** Above this many plants the per-plant list starts folded, so a 1,000-plant fleet does not fill the screen. */
const PLANTS_SHOWN_UNFOLDED = 12;

const tenths = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** MW to the tenth, as the solver plans them (the origin prints p with one decimal too). */
const formatMw = (value: number): string => tenths.format(value);
const formatEuros = (value: number): string => `€${formatAmount(value)}`;

/** The workbench opened on this plan's payload; the origin route always plans with the default options. */
function workbenchHref(plan: FeedPlan): string {
  const payload: V1Payload = plan.route === "/v1/productionplan" ? plan.payload : { ...plan.payload, options: DEFAULT_PLAN_OPTIONS };
  return `${WORKBENCH_PATH}?${workbenchQuery(payload)}`;
}

/** Each plant's MW, in the merit order the service answered. */
function plantOutputs(plan: FeedPlan): Array<{ name: string; p: number }> {
  return plan.route === "/productionplan" ? plan.result : plan.result.plan;
}

/** The one-line summary a screen reader hears when the plan arrives. */
export function planAnnouncement(plan: FeedPlan, receivedAt: number): string {
  const what = `${formatMw(plan.payload.load)} MW from POST ${plan.route}`;
  const cost = plan.route === "/v1/productionplan" ? `, total cost ${formatEuros(plan.result.total_cost)}` : " (origin route)";
  return `New plan at ${formatUtcClock(receivedAt)}: ${what}${cost}.`;
}

function Figure({ term, children }: { term: string; children: Child }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PlantList({ plants }: { plants: Array<{ name: string; p: number }> }) {
  return (
    <ul class="plan-plants">
      {plants.map((plant) => (
        <li class={plant.p > 0 ? "plan-plant" : "plan-plant plan-plant-idle"}>
          <span class="plan-plant-name">{plant.name}</span> <data value={String(plant.p)}>{formatMw(plant.p)}</data>
        </li>
      ))}
    </ul>
  );
}

export function PlanFeedEntry({ plan, receivedAt }: { plan: FeedPlan; receivedAt: number }) {
  const at = new Date(receivedAt).toISOString();
  const clock = formatUtcClock(receivedAt);
  const plants = plantOutputs(plan);
  const running = plants.filter((plant) => plant.p > 0).length;
  const fleet = plan.payload.powerplants.length;
  const origin = plan.route === "/productionplan";
  const options = origin ? DEFAULT_PLAN_OPTIONS : plan.payload.options;
  const marginal = origin ? null : plan.result.marginal_plant;
  return (
    <li class="plan-entry" data-plan-entry data-route={plan.route}>
      <h3 class="plan-entry-title">
        <time datetime={at} data-received>
          {clock}
        </time>{" "}
        <span class="plan-route">POST {plan.route}</span>
        {origin && <span class="plan-route-note"> origin route</span>}
      </h3>
      <dl class="plan-figures">
        <Figure term="Load">
          <span data-figure="load">{formatMw(plan.payload.load)} MW</span>
        </Figure>
        <Figure term="Total cost">
          <span data-figure="total-cost" class={origin ? "plan-figure-none" : undefined}>
            {origin ? "not computed (origin route)" : formatEuros(plan.result.total_cost)}
          </span>
        </Figure>
        <Figure term="Marginal plant">
          <span data-figure="marginal" class={origin ? "plan-figure-none" : undefined}>
            {origin
              ? "not computed (origin route)"
              : marginal
                ? `${marginal.name} at ${formatEuros(marginal.cost_per_mwh)}/MWh`
                : "none (no plant runs)"}
          </span>
        </Figure>
        <Figure term="Plants running">
          <span data-figure="running">
            {running} of {fleet}
          </span>
        </Figure>
        <Figure term="Options">
          CO₂ {options.co2 ? "counted" : "ignored"}, wind {options.wind}
          {origin && " (the origin's)"}
        </Figure>
      </dl>
      {plants.length > PLANTS_SHOWN_UNFOLDED ? (
        <details class="plan-plants-fold">
          <summary>
            MW per plant: {running} running, {plants.length - running} idle
          </summary>
          <PlantList plants={plants} />
        </details>
      ) : (
        <>
          <p class="plan-plants-label">MW per plant, in merit order:</p>
          <PlantList plants={plants} />
        </>
      )}
      <p class="plan-entry-open">
        <a href={workbenchHref(plan)} data-open-workbench>
          Open in the workbench<span class="visually-hidden">: the plan received at {clock}</span>
        </a>
      </p>
    </li>
  );
}
