import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonContent, problemResponses, WebSocketUpgradeHeadersSchema } from "../../lib/openapi";
import { CompatPlanSchema, CurveRequestSchema, CurveSchema, PayloadSchema, V1PayloadSchema, V1PlanSchema } from "./productionplan.schemas";

const tags = ["productionplan"];

export const computeCompatPlan = createRoute({
  method: "post",
  path: "/productionplan",
  tags,
  summary: "The cheapest production plan for a load (origin contract)",
  description:
    "Every plant of the payload exactly once, in merit order (cheapest €/MWh first, payload order among equals), " +
    "`p` in MW with one decimal. The plan is optimal (exact at 0.1 MW), not a greedy merit order. Stores nothing: no token needed.",
  request: { body: jsonBody(PayloadSchema, "The load, fuel prices and fleet") },
  responses: { 200: jsonContent(CompatPlanSchema, "The plan"), ...problemResponses(400, 413, 422) },
});

export type ComputeCompatPlanRoute = typeof computeCompatPlan;

export const computePlan = createRoute({
  method: "post",
  path: "/v1/productionplan",
  tags,
  summary: "The cheapest production plan, with costs, the marginal plant and solver statistics",
  description:
    "The origin's payload plus optional `options`: `co2` (count gas-fired plants' CO2, default true) and `wind` " +
    "(`binary`, default: a turbine gives all the wind allows or nothing; `curtailable`: anything up to it). Every " +
    "computed plan is also broadcast on GET /v1/productionplan/feed. Stores nothing: no token needed.",
  request: { body: jsonBody(V1PayloadSchema, "The load, fuel prices, fleet and options") },
  responses: { 200: jsonContent(V1PlanSchema, "The plan"), ...problemResponses(400, 413, 422) },
});

export type ComputePlanRoute = typeof computePlan;

export const computeCostCurve = createRoute({
  method: "post",
  path: "/v1/productionplan/curve",
  tags,
  summary: "The least cost of every load from 0 to the fleet's capacity, with each load's marginal plant",
  description:
    "The plan route's payload without `load`, plus an optional `step` (MW, a multiple of 0.1, default 0.1): for every " +
    "load of the grid 0, step, 2·step, … up to the capacity (at most 40,000 MW), the cost POST /v1/productionplan " +
    "answers for it, or the load is in `gaps` when no combination of plants makes it exactly. Computed in one pass of " +
    "the plan's dynamic programme (its last row holds the best cost of every load), not one solve per load. " +
    "`points` are columns (`load`, `total_cost`, `marginal`) to keep 100,000 loads compact; `marginal` indexes " +
    "`plants` (merit order), whose `cost_per_mwh` is the load's marginal price. A curve is at most 200,001 loads (a " +
    "larger step is asked for at `/step`) and 80 million plant × 0.1 MW steps (`/powerplants`). Stores nothing: no " +
    "token needed.",
  request: { body: jsonBody(CurveRequestSchema, "The fuel prices, fleet, options and grid step") },
  responses: { 200: jsonContent(CurveSchema, "The cost curve"), ...problemResponses(400, 413, 422) },
});

export type ComputeCostCurveRoute = typeof computeCostCurve;

export const getPlanFeed = createRoute({
  method: "get",
  path: "/v1/productionplan/feed",
  tags,
  summary: "WebSocket: every computed production plan, as it is computed",
  description:
    'Upgrade to a WebSocket (`Upgrade: websocket`). The server sends `{"type":"hello"}`, then one ' +
    '`{"type":"plan", "route", "payload", "result"}` message per plan computed by either route. ' +
    "Send `ping` to get a `pong`.",
  request: { headers: WebSocketUpgradeHeadersSchema },
  responses: {
    101: { description: "Switching to the WebSocket protocol" },
    ...problemResponses(426),
  },
});

export type GetPlanFeedRoute = typeof getPlanFeed;
