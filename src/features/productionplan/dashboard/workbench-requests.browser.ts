// The workbench's requests, coalesced: at most one plan request in flight, and when it returns only the latest state
// asked for meanwhile is sent (a slider dragged through fifty values costs a handful of plans, never a queue). The
// cost curve depends on everything but the load, so it is fetched again only when something else changed; the last
// few curves are kept, so going back to a fleet costs nothing.
import type { PlanCurve } from "../productionplan.schemas";
import { type CurveOutcome, curveRequestOf } from "./workbench-chart-slots";
import { curveStepFor } from "./workbench-fields";
import { outcomeOfAnswer, type PlanOutcome } from "./workbench-outcome";

export interface WorkbenchState {
  /** What is sent: the form's payload, or the JSON view's as typed. */
  payload: unknown;
  /** The form's query, the state's address. */
  query: URLSearchParams;
}

export interface Answer {
  state: WorkbenchState;
  outcome: PlanOutcome;
  curve: CurveOutcome;
  /** Whether a newer state was asked for meanwhile (the answer is shown anyway, as progress). */
  superseded: boolean;
}

const KEPT_CURVES = 4;
const INVALID_FLEET = "The charts appear once the fleet and the fuel prices are valid.";

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function fetchPlan(payload: unknown): Promise<PlanOutcome> {
  try {
    const answer = await post("/v1/productionplan", payload);
    return outcomeOfAnswer(answer.status, answer.body);
  } catch {
    return { kind: "failed", message: "The plan could not be fetched: is the network down? Change a value to try again." };
  }
}

async function fetchCurve(request: Record<string, unknown>): Promise<CurveOutcome> {
  const answer = await post("/v1/productionplan/curve", request);
  if (answer.status === 200) return { kind: "curve", curve: answer.body as PlanCurve };
  const detail = (answer.body as { detail?: unknown } | null)?.detail;
  if (answer.status === 422 && typeof detail === "string") return { kind: "missing", reason: `No charts for this fleet: ${detail}.` };
  throw new Error(`the cost curve answered HTTP ${answer.status}`);
}

export class PlanRequests {
  private running = false;
  private pending: WorkbenchState | null = null;
  private latest: WorkbenchState | null = null;
  private readonly curves = new Map<string, Promise<CurveOutcome>>();

  constructor(private readonly onAnswer: (answer: Answer) => void) {}

  /** Asks for a state's plan and curve; a state asked for while one is in flight replaces any other waiting. */
  submit(state: WorkbenchState): void {
    this.latest = state;
    this.pending = state;
    if (!this.running) void this.next();
  }

  /** Drops the waiting state and marks whatever is in flight as superseded (the JSON view holds no payload now). */
  cancel(): void {
    this.latest = null;
    this.pending = null;
  }

  /** Starts fetching a state's curve, so a change of its load alone is answered from the cache at once. */
  prime(payload: unknown): void {
    void this.curve(payload).catch(() => undefined);
  }

  private async next(): Promise<void> {
    const state = this.pending;
    if (!state) return;
    this.pending = null;
    this.running = true;
    try {
      const [outcome, curve] = await Promise.all([fetchPlan(state.payload), this.curveOrReason(state.payload)]);
      // An invalid payload's curve is refused for the same fields: the error summary says which, the charts just wait.
      const shownCurve: CurveOutcome =
        outcome.kind === "invalid" && curve.kind === "missing" ? { kind: "missing", reason: INVALID_FLEET } : curve;
      if (this.latest !== null) this.onAnswer({ state, outcome, curve: shownCurve, superseded: state !== this.latest });
    } finally {
      this.running = false;
      if (this.pending) void this.next();
    }
  }

  private async curveOrReason(payload: unknown): Promise<CurveOutcome> {
    try {
      return await this.curve(payload);
    } catch {
      return { kind: "missing", reason: "The charts could not be fetched: is the network down? Change a value to try again." };
    }
  }

  private curve(payload: unknown): Promise<CurveOutcome> {
    const request = curveRequestOf(payload, curveStepFor(payload));
    if (!request) return Promise.resolve({ kind: "missing", reason: INVALID_FLEET });
    const key = JSON.stringify(request);
    const kept = this.curves.get(key);
    if (kept) {
      // Most recently used last, so the oldest is the first to go.
      this.curves.delete(key);
      this.curves.set(key, kept);
      return kept;
    }
    const fetched = fetchCurve(request);
    this.curves.set(key, fetched);
    if (this.curves.size > KEPT_CURVES) this.curves.delete(this.curves.keys().next().value!);
    // A failure is not kept: the next state asks again.
    fetched.catch(() => this.curves.delete(key));
    return fetched;
  }
}
