import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent, problemResponses } from "../../lib/openapi";
import { CompatPlanSchema, PayloadSchema, V1PayloadSchema } from "./productionplan.schemas";

const tags = ["productionplan"];

const INFEASIBLE =
  "No plan makes the load exactly: `reason` is `exceeds-capacity` or `unreachable` (a gap no combination of " +
  "pmin/pmax reaches), with `capacity` and `nearest_feasible_loads` {below, above}. Invalid payloads list a pointer per problem.";

export const compatPlan = createRoute({
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

const PlannedPlantSchema = z
  .object({
    name: z.string().openapi({ example: "gasfiredbig1" }),
    type: z.enum(["gasfired", "turbojet", "windturbine"]).openapi({ example: "gasfired" }),
    cost_per_mwh: z.number().openapi({ example: 31.283 }),
    p: z.number().openapi({ example: 460 }),
    cost: z.number().openapi({ example: 14390.19 }),
  })
  .openapi("PlannedPlant");

export const V1PlanSchema = z
  .object({
    load: z.number().openapi({ example: 910 }),
    options: z.object({ co2: z.boolean(), wind: z.enum(["binary", "curtailable"]) }),
    total_cost: z.number().openapi({ example: 25076.07 }),
    marginal_plant: z
      .object({ name: z.string().openapi({ example: "gasfiredbig2" }), cost_per_mwh: z.number().openapi({ example: 31.283 }) })
      .nullable()
      .openapi({ description: "The running plant latest in merit order: it sets the price of the last MWh" }),
    plan: z.array(PlannedPlantSchema),
    stats: z.object({
      plants: z.number().int(),
      usable_plants: z.number().int(),
      load_steps: z.number().int(),
      states_evaluated: z.number().int(),
      working_bytes: z.number().int(),
      ms: z.number(),
    }),
  })
  .openapi("ProductionPlan");

export const v1Plan = createRoute({
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

export const planFeed = createRoute({
  method: "get",
  path: "/v1/productionplan/feed",
  tags,
  summary: "WebSocket: every computed production plan, as it is computed",
  description:
    "Upgrade to a WebSocket (`Upgrade: websocket`). The server sends `{\"type\":\"hello\"}`, then one " +
    "`{\"type\":\"plan\", \"route\", \"payload\", \"result\"}` message per plan computed by either route. " +
    "Send `ping` to get a `pong`.",
  request: {
    headers: z.object({
      upgrade: z.string().optional().openapi({ param: { name: "upgrade", in: "header", description: "Must be `websocket` (426 otherwise)." }, example: "websocket" }),
    }),
  },
  responses: {
    101: { description: "Switching to the WebSocket protocol" },
    ...problemResponses(426),
  },
});
