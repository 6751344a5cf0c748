import { Layout } from "../../../web/layout";
import type { PlanCurve } from "../productionplan.schemas";
import { PLAN_FEED_PATH } from "./feed/plan-feed.page";
import { FleetForm } from "./fleet-form";
import { JsonView } from "./json-view";
import { PLAN_OUTPUT_ID, PlanOutput, STATUS_ID } from "./plan-output";
import { CHART_SLOT_IDS, type ChartSlot, ChartSlotContent, type ChartState } from "./workbench-chart-slots";
import { type ErrorsByField, WORKBENCH_PATH, type WorkbenchFields } from "./workbench-fields";
import { type PlanOutcome, statusText } from "./workbench-outcome";

export interface PresetLink {
  id: string;
  title: string;
  about: string;
  href: string;
}

export interface WorkbenchPageProps {
  fields: WorkbenchFields;
  errors: ErrorsByField;
  json: string;
  outcome: PlanOutcome;
  charts: ChartState;
  presets: PresetLink[];
  /** The preset the payload is, if it is one. */
  currentPreset?: string;
  loadHref: (load: number) => string;
}

function Presets({ presets, current }: { presets: PresetLink[]; current?: string }) {
  return (
    <nav class="wb-presets" aria-labelledby="wb-presets-heading">
      <h2 id="wb-presets-heading">Start from an example fleet</h2>
      <ul>
        {presets.map((preset) => (
          <li>
            <a href={preset.href} data-preset={preset.id} aria-current={preset.id === current ? "true" : undefined}>
              <strong>{preset.title}</strong>
              <span class="wb-preset-about">{preset.about}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ChartSection({ slot, title, state }: { slot: ChartSlot; title: string; state: ChartState }) {
  const id = CHART_SLOT_IDS[slot];
  return (
    <section class="wb-chart" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <div id={id} data-chart-slot={slot}>
        <ChartSlotContent slot={slot} state={state} />
      </div>
    </section>
  );
}

const curveOf = (state: ChartState): PlanCurve | null => (state.curve.kind === "curve" ? state.curve.curve : null);

/**
 * The workbench: the payload in (a form and its JSON), the plan out (figures, table, charts), and the cost of every
 * load. Everything is rendered here from the URL's payload; the page's script only re-renders the same components
 * in place as the payload changes, from the API's answers.
 */
export function WorkbenchPage(props: WorkbenchPageProps) {
  const { fields, errors, json, outcome, charts, presets, currentPreset, loadHref } = props;
  return (
    <Layout title="Production-plan workbench" current={WORKBENCH_PATH} scripts={["workbench.client.ts"]}>
      <h1>Production-plan workbench</h1>
      <p class="lede">
        Change the fleet, the fuel prices or the load and see the cheapest plan that makes the load exactly, its merit order and the cost of
        every other load. Plans come from <code>POST /v1/productionplan</code>; the address holds the payload, so copy it to share a plan.
        Every plan the service computes, from here or any client, is listed live on the <a href={PLAN_FEED_PATH}>plan feed</a>.
      </p>
      <Presets presets={presets} current={currentPreset} />
      <div class="wb-layout">
        <section class="wb-in" aria-labelledby="wb-in-heading">
          <h2 id="wb-in-heading">Payload in</h2>
          <FleetForm fields={fields} errors={errors} />
        </section>
        <section class="wb-out" aria-labelledby="wb-out-heading">
          <h2 id="wb-out-heading">Plan out</h2>
          <p id={STATUS_ID} class="wb-status" role="status" aria-live="polite" data-outcome={outcome.kind}>
            {statusText(outcome)}
          </p>
          <div id={PLAN_OUTPUT_ID} data-region>
            <PlanOutput outcome={outcome} curve={curveOf(charts)} loadHref={loadHref} />
          </div>
          <ChartSection slot="merit" title="Merit order" state={charts} />
          <ChartSection slot="bars" title="Output per plant" state={charts} />
        </section>
        {/* After the plan in the page, so a phone shows the plan right below the form; beside the form on a wide screen. */}
        <JsonView json={json} />
      </div>
      <section class="wb-curve" aria-labelledby="wb-curve-heading">
        <h2 id="wb-curve-heading">The whole cost curve</h2>
        <p class="meta">
          The least total cost and the marginal price of every load from 0 to the fleet's capacity (from{" "}
          <code>POST /v1/productionplan/curve</code>), with the current load marked and the loads no plan makes shaded.
        </p>
        <div id={CHART_SLOT_IDS.costCurve} data-chart-slot="costCurve">
          <ChartSlotContent slot="costCurve" state={charts} />
        </div>
      </section>
    </Layout>
  );
}
