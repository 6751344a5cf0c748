import type { FieldError } from "../../../lib/problem";
import type { InfeasibleExplanation } from "../plan-body";
import type { V1Plan } from "../productionplan.schemas";

/**
 * What the workbench shows for a payload, whoever computed it: the page's server from the solver, or its script from
 * POST /v1/productionplan. Both build it from the same shapes (plan-body.ts), so the two renderings cannot drift.
 */
export type PlanOutcome =
  | { kind: "plan"; plan: V1Plan }
  | { kind: "infeasible"; explanation: InfeasibleExplanation }
  | { kind: "invalid"; errors: FieldError[] }
  /** Not the payload's fault (a network failure, a server error): nothing to fix in the form. */
  | { kind: "failed"; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The outcome of an answer of POST /v1/productionplan (a 400 for malformed JSON reads as an error at the root). */
export function outcomeOfAnswer(status: number, body: unknown): PlanOutcome {
  if (status === 200 && isRecord(body)) return { kind: "plan", plan: body as unknown as V1Plan };
  if (status === 422 && isRecord(body) && typeof body.reason === "string") {
    const { detail, reason, load, capacity, nearest_feasible_loads } = body as unknown as InfeasibleExplanation;
    return { kind: "infeasible", explanation: { detail, reason, load, capacity, nearest_feasible_loads } };
  }
  if ((status === 400 || status === 422) && isRecord(body)) {
    const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
    const detail = typeof body.detail === "string" ? body.detail : "The payload is not valid";
    return { kind: "invalid", errors: errors.length > 0 ? errors : [{ pointer: "", location: "body", detail }] };
  }
  const detail = isRecord(body) && typeof body.detail === "string" ? `: ${body.detail}` : "";
  return { kind: "failed", message: `The plan could not be computed (HTTP ${status}${detail}). Change a value to try again.` };
}

/** A load as a sentence says it: `910 MW`, `612.3 MW`. */
export const loadText = (value: number) => `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} MW`;

/** The status line: what the output shows now. */
export function statusText(outcome: PlanOutcome): string {
  switch (outcome.kind) {
    case "plan": {
      const ms = outcome.plan.stats.ms;
      return `Plan for ${loadText(outcome.plan.load)}, computed in ${ms < 1 ? "under 1" : Math.round(ms)} ms`;
    }
    case "infeasible":
      return `No plan makes exactly ${loadText(outcome.explanation.load)}: choose one of the nearest loads that do`;
    case "invalid":
      return "Fix the marked fields";
    case "failed":
      return outcome.message;
  }
}
