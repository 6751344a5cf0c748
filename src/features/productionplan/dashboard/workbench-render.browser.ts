// Puts an answer on the page with the components the server renders it with, and marks when it is there: the
// benchmark times `workbench-change` (a person's edit) to `workbench-updated` (plan and charts in the DOM) and
// `workbench-painted` (after the frame that shows them).
import type { FieldError } from "../../../lib/problem";
import { PLAN_OUTPUT_ID, PlanOutput, STATUS_ID } from "./plan-output";
import { CHART_SLOT_IDS, type ChartSlot, ChartSlotContent, type ChartState } from "./workbench-chart-slots";
import { queryWithLoad } from "./workbench-edits";
import { WORKBENCH_PATH } from "./workbench-fields";
import { type PlanOutcome, statusText } from "./workbench-outcome";
import type { Answer } from "./workbench-requests.browser";

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the workbench page has no #${id}`);
  return element;
}

export class WorkbenchView {
  private readonly status = byId(STATUS_ID);
  private readonly output = byId(PLAN_OUTPUT_ID);
  private readonly slots = Object.entries(CHART_SLOT_IDS).map(([slot, id]) => ({ slot: slot as ChartSlot, element: byId(id) }));

  /** The edit is on its way: the old plan stays readable, dimmed, until the new one replaces it. */
  updating(): void {
    this.setStatus("Updating…", "updating");
    this.output.setAttribute("aria-busy", "true");
  }

  /** The JSON view holds no payload: nothing is asked until it does. */
  notJson(where: string): void {
    this.setStatus(`Fix the JSON: ${where}`, "json");
    this.output.removeAttribute("aria-busy");
  }

  /** Renders an answer; returns the invalid fields, for the form to mark. */
  show(answer: Answer): readonly FieldError[] {
    const { outcome, curve, state } = answer;
    const payload = state.payload as { load?: unknown } | null;
    const load = typeof payload?.load === "number" && Number.isFinite(payload.load) ? payload.load : null;
    const charts: ChartState = { curve, plan: outcome.kind === "plan" ? outcome.plan : null, load };
    const loadHref = (value: number) => `${WORKBENCH_PATH}?${queryWithLoad(state.query, value)}`;
    this.output.innerHTML = String(PlanOutput({ outcome, curve: curve.kind === "curve" ? curve.curve : null, loadHref }));
    for (const { slot, element } of this.slots) element.innerHTML = String(ChartSlotContent({ slot, state: charts }));
    if (answer.superseded) return fieldErrorsOf(outcome);
    this.output.removeAttribute("aria-busy");
    this.setStatus(statusText(outcome), outcome.kind);
    performance.mark("workbench-updated");
    // The frame that shows the update is painted after its animation-frame callbacks; a task queued from one runs after.
    requestAnimationFrame(() => setTimeout(() => performance.mark("workbench-painted"), 0));
    return fieldErrorsOf(outcome);
  }

  private setStatus(text: string, kind: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.outcome = kind;
  }
}

const fieldErrorsOf = (outcome: PlanOutcome): readonly FieldError[] => (outcome.kind === "invalid" ? outcome.errors : []);
