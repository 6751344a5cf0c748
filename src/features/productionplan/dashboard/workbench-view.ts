import { ProblemError } from "../../../lib/problem";
import { fieldErrors } from "../../../lib/validation-hook";
import { costCurveBody } from "../cost-curve-body";
import { infeasibleExplanation, planBody } from "../plan-body";
import { CurveRequestSchema, V1PayloadSchema } from "../productionplan.schemas";
import { solveProductionPlan } from "../solver/production-plan";
import type { WorkbenchPageProps } from "./workbench.page";
import { describesPayload, payloadFromQuery, workbenchQuery } from "./workbench-address";
import { type CurveOutcome, curveRequestOf } from "./workbench-chart-slots";
import { queryWithLoad } from "./workbench-edits";
import { curveStepFor, errorsByField, fieldsOfPayload, queryOfFields, WORKBENCH_PATH } from "./workbench-fields";
import { formatPayloadJson } from "./workbench-json";
import type { PlanOutcome } from "./workbench-outcome";
import { DEFAULT_PRESET, WORKBENCH_PRESETS } from "./workbench-presets";

/**
 * The workbench page of a URL query, computed as the API computes it: the query's payload validated by the route's
 * own schema (its errors at the same JSON pointers), solved by the same solver, answered in the same shapes.
 */

const PRESET_LINKS = WORKBENCH_PRESETS.map((preset) => ({
  id: preset.id,
  title: preset.title,
  about: preset.about,
  query: workbenchQuery(preset.payload).toString(),
}));

export const workbenchHref = (query: URLSearchParams) => `${WORKBENCH_PATH}?${query}`;

/** The curve of the payload's fleet and fuels, whether or not its load is valid; why not when there is none. */
function curveOutcome(payload: unknown): CurveOutcome {
  const request = CurveRequestSchema.safeParse(curveRequestOf(payload, curveStepFor(payload)));
  if (!request.success) return { kind: "missing", reason: "The charts appear once the fleet and the fuel prices are valid." };
  try {
    return { kind: "curve", curve: costCurveBody(request.data) };
  } catch (error) {
    if (error instanceof ProblemError) return { kind: "missing", reason: `No charts for this fleet: ${error.message}.` };
    throw error;
  }
}

export interface WorkbenchView {
  /** 422 when the query's payload has invalid fields (the page still shows them, marked). */
  status: 200 | 422;
  /** The canonical query of what the page shows: equal keys, equal pages. */
  key: string;
  /** Solves the plan and its curve: call it only when the page is not cached. */
  props(): WorkbenchPageProps;
}

const PRESETS = PRESET_LINKS.map(({ query, ...preset }) => ({ ...preset, href: `${WORKBENCH_PATH}?${query}` }));

export function workbenchView(query: URLSearchParams): WorkbenchView {
  const payload: unknown = describesPayload(query) ? payloadFromQuery(query) : DEFAULT_PRESET.payload;
  const parsed = V1PayloadSchema.safeParse(payload);
  const shown = parsed.success ? parsed.data : payload;
  const fields = fieldsOfPayload(shown);
  const canonical = queryOfFields(fields);
  const key = canonical.toString();
  const props = (): WorkbenchPageProps => {
    let outcome: PlanOutcome;
    if (parsed.success) {
      const result = solveProductionPlan(parsed.data, parsed.data.options);
      outcome = result.feasible
        ? { kind: "plan", plan: planBody(parsed.data, result) }
        : { kind: "infeasible", explanation: infeasibleExplanation(parsed.data.load, result) };
    } else {
      outcome = { kind: "invalid", errors: fieldErrors(parsed.error, "query") };
    }
    const load = (shown as { load?: unknown }).load;
    return {
      fields,
      errors: errorsByField(outcome.kind === "invalid" ? outcome.errors : []),
      json: formatPayloadJson(shown),
      outcome,
      charts: {
        curve: curveOutcome(shown),
        plan: outcome.kind === "plan" ? outcome.plan : null,
        load: typeof load === "number" && Number.isFinite(load) ? load : null,
      },
      presets: PRESETS,
      currentPreset: PRESET_LINKS.find((preset) => preset.query === key)?.id,
      loadHref: (newLoad) => workbenchHref(queryWithLoad(canonical, newLoad)),
    };
  };
  return { status: parsed.success ? 200 : 422, key, props };
}
