import type { Context } from "hono";
import type { AppEnv } from "../../lib/env";
import { declaredBody } from "../../lib/http-cache";
import { log } from "../../lib/log";
import { ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { costCurveBody } from "./cost-curve-body";
import { infeasibleExplanation, planBody } from "./plan-body";
import { broadcastPlan, openFeed, refreshSubscribers } from "./plan-feed/plan-broadcast";
import type { ComputeCompatPlanRoute, ComputeCostCurveRoute, ComputePlanRoute, GetPlanFeedRoute } from "./productionplan.routes";
import type { FeasiblePlan, PlanOptions, ProductionPlanPayload } from "./solver/plan-types";
import { solveProductionPlan } from "./solver/production-plan";

function solveOrExplain(payload: ProductionPlanPayload, options: PlanOptions): FeasiblePlan {
  const result = solveProductionPlan(payload, options);
  if (result.feasible) return result;
  const { detail, ...extensions } = infeasibleExplanation(payload.load, result);
  throw new ProblemError("unprocessable", {
    title: "No feasible production plan",
    detail,
    errors: [{ pointer: "/load", location: "body", detail }],
    extensions,
  });
}

/** Broadcasts after the response is sent, so listeners never slow a plan down; nothing is serialised while nobody listens. */
function announce(c: Context<AppEnv>, route: string, payload: unknown, result: () => unknown): void {
  c.executionCtx.waitUntil(
    broadcastPlan(c.env, () => JSON.stringify({ type: "plan", route, payload, result: result() })).catch((error: unknown) => {
      log("warn", { message: "plan broadcast failed", error: String(error) });
    }),
  );
}

/** The origin prints p with one decimal ("p": 90.0): JSON.stringify would drop the ".0". */
function compatJson(plan: FeasiblePlan): string {
  return `[${plan.plan.map((plant) => `{"name":${JSON.stringify(plant.name)},"p":${plant.p.toFixed(1)}}`).join(",")}]`;
}

export const computeCompatPlan: AppRouteHandler<ComputeCompatPlanRoute> = (c) => {
  const payload = c.req.valid("json");
  const plan = solveOrExplain(payload, { co2: true, wind: "binary" });
  const body = compatJson(plan);
  announce(c, "/productionplan", payload, () => JSON.parse(body));
  return declaredBody(new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8" } }));
};

export const computePlan: AppRouteHandler<ComputePlanRoute> = (c) => {
  const payload = c.req.valid("json");
  const body = planBody(payload, solveOrExplain(payload, payload.options));
  announce(c, "/v1/productionplan", payload, () => body);
  return c.json(body, 200);
};

export const computeCostCurve: AppRouteHandler<ComputeCostCurveRoute> = (c) => c.json(costCurveBody(c.req.valid("json")), 200);

export const getPlanFeed: AppRouteHandler<GetPlanFeedRoute> = async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ProblemError("upgrade-required", {
      detail: "This is a WebSocket endpoint: connect with `Upgrade: websocket`",
      headers: { Upgrade: "websocket" },
    });
  }
  const response = await openFeed(c.env, c.req.raw);
  refreshSubscribers(c.env);
  return response;
};
