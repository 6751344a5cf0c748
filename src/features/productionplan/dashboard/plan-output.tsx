import type { Child } from "hono/jsx";
import type { FieldError } from "../../../lib/problem";
import type { InfeasibleExplanation } from "../plan-body";
import type { PlanCurve, V1Plan } from "../productionplan.schemas";
import { formatEuros, formatMw, formatPrice } from "./charts/plan-chart-format";
import { controlId, fieldKeyOf } from "./workbench-fields";
import { loadText, type PlanOutcome } from "./workbench-outcome";

/**
 * The plan out, as the API answered it: the figures, the plan table, or why there is none (an infeasible load with
 * the nearest loads that work, or the invalid fields). The nearest loads are links to their workbench address, so
 * they work without the page's script; with it, they set the load in place (data-set-load).
 */

export const PLAN_OUTPUT_ID = "wb-plan-output";
/** The status line above it: what the output shows now, said politely to a screen reader. */
export const STATUS_ID = "wb-status";

const PLANT_TYPE_WORDS: Record<V1Plan["plan"][number]["type"], string> = {
  gasfired: "Gas-fired",
  turbojet: "Turbojet",
  windturbine: "Wind turbine",
};

/** A figure with its exact value for machines (`<data value>`), printed for people. */
const Value = ({ value, text }: { value: number; text: string }) => <data value={String(value)}>{text}</data>;

function Figure({ term, children }: { term: string; children: Child }) {
  return (
    <div class="figure">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PlanFigures({ plan }: { plan: V1Plan }) {
  const marginal = plan.marginal_plant;
  return (
    <dl class="figures wb-figures" id="wb-plan-figures">
      <Figure term="Total cost (€)">
        <Value value={plan.total_cost} text={formatEuros(plan.total_cost)} />
      </Figure>
      <Figure term="Marginal plant">
        <span data-marginal-plant>{marginal ? marginal.name : "none: nothing runs"}</span>
      </Figure>
      <Figure term="Marginal price (€/MWh)">
        {marginal ? <Value value={marginal.cost_per_mwh} text={formatPrice(marginal.cost_per_mwh)} /> : "—"}
      </Figure>
    </dl>
  );
}

/** A word after a plant's name ("marginal", "off"), spaced from it in the text as well as on screen. */
const Tag = ({ text }: { text: string }) => (
  <>
    {" "}
    <span class={`wb-tag wb-tag-${text}`}>{text}</span>
  </>
);

function PlanTable({ plan, curve }: { plan: V1Plan; curve: PlanCurve | null }) {
  const available = new Map(curve?.plants.map((plant) => [plant.name, plant.available]));
  const produced = plan.plan.reduce((sum, planned) => sum + Math.round(planned.p * 10), 0) / 10;
  return (
    // Focusable, so a keyboard can scroll the table on a phone, where it is wider than the screen.
    <section class="table-wrap" aria-labelledby="wb-plan-caption" tabindex={0}>
      <table id="wb-plan-table">
        <caption id="wb-plan-caption">Plan for {formatMw(plan.load)} MW, in merit order (cheapest first)</caption>
        <thead>
          <tr>
            <th scope="col">Plant</th>
            <th scope="col">Type</th>
            <th scope="col" class="num">
              €/MWh
            </th>
            <th scope="col" class="num">
              p (MW)
            </th>
            <th scope="col" class="num">
              Available max (MW)
            </th>
            <th scope="col" class="num">
              Cost (€)
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.plan.map((planned) => {
            const max = available.get(planned.name);
            const marginal = plan.marginal_plant?.name === planned.name;
            return (
              <tr data-plant={planned.name} class={planned.p === 0 ? "wb-off" : undefined}>
                <th scope="row">
                  {planned.name}
                  {marginal && <Tag text="marginal" />}
                  {planned.p === 0 && <Tag text="off" />}
                </th>
                <td>{PLANT_TYPE_WORDS[planned.type]}</td>
                <td class="num">
                  <Value value={planned.cost_per_mwh} text={formatPrice(planned.cost_per_mwh)} />
                </td>
                <td class="num">
                  <Value value={planned.p} text={formatMw(planned.p)} />
                </td>
                <td class="num">{max ? <Value value={max.max} text={formatMw(max.max)} /> : max === null ? "cannot run" : "—"}</td>
                <td class="num">
                  <Value value={planned.cost} text={formatEuros(planned.cost)} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td />
            <td class="num">
              <Value value={produced} text={formatMw(produced)} />
            </td>
            <td class="num">{curve ? <Value value={curve.capacity} text={formatMw(curve.capacity)} /> : "—"}</td>
            <td class="num">
              <Value value={plan.total_cost} text={formatEuros(plan.total_cost)} />
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

const REASON_WORDS: Record<InfeasibleExplanation["reason"], string> = {
  "exceeds-capacity": "more than every plant can make together this hour",
  unreachable: "a gap: the plants' minimums and maximums leave no combination that makes it exactly",
};

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function NearestLoad({ load, side, loadHref }: { load: number; side: string; loadHref: (load: number) => string }) {
  return (
    <li>
      <a class="button" href={loadHref(load)} data-set-load={String(load)}>
        Plan {formatMw(load)} MW <span class="wb-nearest-side">({side})</span>
      </a>
    </li>
  );
}

function Infeasible({ explanation, loadHref }: { explanation: InfeasibleExplanation; loadHref: (load: number) => string }) {
  const { below, above } = explanation.nearest_feasible_loads;
  return (
    <div class="notice notice-error wb-infeasible" id="wb-infeasible">
      <p>
        <strong>No plan makes exactly {loadText(explanation.load)}.</strong> {sentence(explanation.detail)}
      </p>
      <dl class="wb-infeasible-facts">
        <dt>Reason</dt>
        <dd>
          <code data-reason>{explanation.reason}</code>: {REASON_WORDS[explanation.reason]}
        </dd>
        <dt>Capacity this hour</dt>
        <dd>
          <Value value={explanation.capacity} text={`${formatMw(explanation.capacity)} MW`} />
        </dd>
      </dl>
      <p id="wb-nearest-heading">The nearest loads that have a plan:</p>
      <ul class="wb-nearest" aria-labelledby="wb-nearest-heading">
        <NearestLoad load={below} side="below" loadHref={loadHref} />
        {above !== undefined && <NearestLoad load={above} side="above" loadHref={loadHref} />}
      </ul>
    </div>
  );
}

function ErrorSummary({ errors }: { errors: FieldError[] }) {
  return (
    <div class="notice notice-error wb-error-summary" id="wb-error-summary">
      <p>
        <strong>{errors.length === 1 ? "1 field is" : `${errors.length} fields are`} not valid</strong>, so there is no plan yet:
      </p>
      <ul>
        {errors.map((error) => {
          const key = fieldKeyOf(error.pointer);
          const where = error.pointer === "" ? "the payload" : error.pointer;
          return (
            <li>
              {key ? <a href={`#${controlId(key)}`}>{where}</a> : <code>{where}</code>}: {error.detail}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface PlanOutputProps {
  outcome: PlanOutcome;
  curve: PlanCurve | null;
  /** The workbench address of the same payload at another load. */
  loadHref: (load: number) => string;
}

export function PlanOutput({ outcome, curve, loadHref }: PlanOutputProps) {
  switch (outcome.kind) {
    case "plan":
      return (
        <>
          <PlanFigures plan={outcome.plan} />
          <PlanTable plan={outcome.plan} curve={curve} />
        </>
      );
    case "infeasible":
      return <Infeasible explanation={outcome.explanation} loadHref={loadHref} />;
    case "invalid":
      return <ErrorSummary errors={outcome.errors} />;
    case "failed":
      return (
        <div class="notice notice-error">
          <p>{outcome.message}</p>
        </div>
      );
  }
}
