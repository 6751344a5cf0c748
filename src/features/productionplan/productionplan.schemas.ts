import { z } from "@hono/zod-openapi";
import { MAX_LOAD_MWH } from "./solver/plan-types";
import { largestPlannableLoadTenths, SOLVER_MEMORY_BUDGET_BYTES } from "./solver/solver-memory";

export const MAX_PLANTS = 1_000;
/**
 * True when a number of MW is a whole number of tenths (0.1 MW). Exact: n / 10 is the double nearest to the
 * decimal n/10, so every one-decimal JSON value passes, and a value a tolerance would have moved to a tenth
 * (1e-12 read as 0) is refused instead of silently changed.
 */
export function isWholeTenths(mw: number): boolean {
  return Math.round(mw * 10) / 10 === mw;
}

/**
 * Bounds that keep every €/MWh and every MW finite and exact in the solver's integer units (far beyond any real
 * market or plant): a fuel price of 1e308 or an efficiency of 1e-322 made a plant's cost Infinity, and a plan that
 * exists was then answered as infeasible.
 */
const MAX_PRICE = 1_000_000;
const MIN_EFFICIENCY = 0.001;
const MAX_PLANT_MW = 1_000_000;

const price = (example: number, description: string) => z.number().finite().min(0).max(MAX_PRICE).openapi({ example, description });
const megawatts = (example: number, description: string) => z.number().finite().min(0).max(MAX_PLANT_MW).openapi({ example, description });

export const FuelsSchema = z
  .object({
    "gas(euro/MWh)": price(13.4, "Gas price, €/MWh, at most 1,000,000"),
    "kerosine(euro/MWh)": price(50.8, "Kerosine price, €/MWh, at most 1,000,000"),
    "co2(euro/ton)": price(20, "CO2 allowance price, €/ton (gas-fired plants emit 0.3 t/MWh), at most 1,000,000"),
    "wind(%)": z
      .number()
      .finite()
      .min(0)
      .max(100)
      .openapi({ example: 60, description: "Share of wind turbines' pmax available this hour" }),
  })
  .openapi("Fuels");

export const PowerPlantSchema = z
  .object({
    name: z.string().min(1).max(200).openapi({ example: "gasfiredbig1" }),
    type: z.enum(["gasfired", "turbojet", "windturbine"]).openapi({ example: "gasfired" }),
    efficiency: z.number().min(MIN_EFFICIENCY).max(1).openapi({ example: 0.53, description: "In [0.001, 1]" }),
    pmin: megawatts(100, "MW when on, at most 1,000,000 (ignored for wind turbines, which produce what the wind gives)"),
    pmax: megawatts(460, "MW, at most 1,000,000"),
  })
  .refine((plant) => plant.pmin <= plant.pmax, { message: "pmin must not exceed pmax", path: ["pmin"] })
  .openapi("PowerPlant");

const payloadShape = {
  load: z
    .number()
    .finite()
    .min(0)
    .max(MAX_LOAD_MWH)
    .refine(isWholeTenths, { message: "load must be a multiple of 0.1 MWh" })
    .openapi({ example: 910, description: "MWh to produce during the hour, a multiple of 0.1" }),
  fuels: FuelsSchema,
  powerplants: z.array(PowerPlantSchema).min(1).max(MAX_PLANTS),
};

function uniqueNames<T extends { powerplants: Array<{ name: string }> }>(payload: T, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  payload.powerplants.forEach((plant, index) => {
    const seen = first.get(plant.name);
    if (seen === undefined) first.set(plant.name, index);
    else
      ctx.addIssue({
        code: "custom",
        path: ["powerplants", index, "name"],
        message: `duplicate of /powerplants/${seen}/name: names identify plants`,
      });
  });
}

/** A fleet and load the solver can plan within its memory budget even when nothing can be pruned. */
function withinSolverMemory<T extends { load: number; powerplants: Array<{ pmin: number; pmax: number }> }>(
  payload: T,
  ctx: z.RefinementCtx,
): void {
  // pmax − pmin over-estimates a plant's rounded range (and wind's), so the estimate only errs on the safe side.
  const widest = payload.powerplants.reduce((max, plant) => Math.max(max, Math.ceil((plant.pmax - plant.pmin) * 10) + 1), 1);
  const largest = largestPlannableLoadTenths(payload.powerplants.length, widest);
  if (Math.round(payload.load * 10) > largest) {
    ctx.addIssue({
      code: "custom",
      path: ["load"],
      message:
        `a fleet of ${payload.powerplants.length} plants can be planned up to ${largest / 10} MWh ` +
        `within the solver's ${SOLVER_MEMORY_BUDGET_BYTES / 2 ** 20} MB working memory: lower the load or split the fleet`,
    });
  }
}

function validPlanRequest<T extends { load: number; powerplants: Array<{ name: string; pmin: number; pmax: number }> }>(
  payload: T,
  ctx: z.RefinementCtx,
): void {
  uniqueNames(payload, ctx);
  withinSolverMemory(payload, ctx);
}

/** The docs' example payload, also the plan feed page's curl example: 480 MW of the 566 MW this fleet has at 60 % wind. */
export const PAYLOAD_EXAMPLE = {
  load: 480,
  fuels: { "gas(euro/MWh)": 13.4, "kerosine(euro/MWh)": 50.8, "co2(euro/ton)": 20, "wind(%)": 60 },
  powerplants: [
    { name: "gasfiredbig1", type: "gasfired", efficiency: 0.53, pmin: 100, pmax: 460 },
    { name: "tj1", type: "turbojet", efficiency: 0.3, pmin: 0, pmax: 16 },
    { name: "windpark1", type: "windturbine", efficiency: 1, pmin: 0, pmax: 150 },
  ],
};

export const PayloadSchema = z
  .object(payloadShape)
  .superRefine(validPlanRequest)
  .openapi("ProductionPlanPayload", { example: PAYLOAD_EXAMPLE });

export const OptionsSchema = z
  .object({
    co2: z.boolean().default(true).openapi({ description: "Count the CO2 cost of gas-fired plants (default true)" }),
    wind: z
      .enum(["binary", "curtailable"])
      .default("binary")
      .openapi({ description: "`binary`: a turbine gives all the wind allows or nothing; `curtailable`: anything up to it" }),
  })
  .openapi("PlanOptions");

export const V1PayloadSchema = z
  .object({ ...payloadShape, options: OptionsSchema.default({ co2: true, wind: "binary" }) })
  .superRefine(validPlanRequest)
  .openapi("ProductionPlanRequest", { example: { ...PAYLOAD_EXAMPLE, options: { co2: true, wind: "binary" } } });

export const CompatPlanSchema = z
  .array(z.object({ name: z.string().openapi({ example: "windpark1" }), p: z.number().openapi({ example: 90.0 }) }))
  .openapi("CompatProductionPlan", {
    example: [
      { name: "windpark1", p: 90.0 },
      { name: "gasfiredbig1", p: 460.0 },
    ],
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

/** The curve's grid is in whole tenths of a MW, so every point is a load the plan routes accept. */
export const CurveRequestSchema = z
  .object({
    fuels: FuelsSchema,
    powerplants: payloadShape.powerplants,
    options: OptionsSchema.default({ co2: true, wind: "binary" }),
    step: z
      .number()
      .finite()
      .min(0.1)
      .max(MAX_LOAD_MWH)
      .refine(isWholeTenths, { message: "step must be a multiple of 0.1 MW" })
      .default(0.1)
      .openapi({ example: 0.1, description: "MW between two loads of the curve, a multiple of 0.1 (default 0.1)" }),
  })
  .superRefine(uniqueNames)
  .openapi("CostCurveRequest", {
    example: { fuels: PAYLOAD_EXAMPLE.fuels, powerplants: PAYLOAD_EXAMPLE.powerplants, options: { co2: true, wind: "binary" }, step: 0.1 },
  });

const CurvePlantSchema = z
  .object({
    name: z.string().openapi({ example: "gasfiredbig1" }),
    type: z.enum(["gasfired", "turbojet", "windturbine"]).openapi({ example: "gasfired" }),
    cost_per_mwh: z.number().openapi({ example: 31.283019 }),
    available: z
      .object({
        min: z.number().openapi({ example: 100, description: "MW when running (pmin rounded up to 0.1 MW)" }),
        max: z
          .number()
          .openapi({ example: 460, description: "MW at most this hour (pmax, or the wind's share of it, rounded down to 0.1 MW)" }),
      })
      .nullable()
      .openapi({
        description:
          "What the plant can produce when it runs; null when it cannot run this hour (no wind, or pmin above pmax once rounded)",
      }),
  })
  .openapi("CurvePlant");

export const CurveSchema = z
  .object({
    options: z.object({ co2: z.boolean(), wind: z.enum(["binary", "curtailable"]) }),
    step: z.number().openapi({ example: 0.1 }),
    capacity: z.number().openapi({ example: 566, description: "MW, every plant that can run at its available maximum" }),
    max_load: z.number().openapi({
      example: 566,
      description: "MW, the last load of the grid: the capacity (at most the largest load the plan routes accept) rounded down to the step",
    }),
    plants: z.array(CurvePlantSchema).openapi({ description: "Every plant of the payload once, in merit order (cheapest €/MWh first)" }),
    points: z
      .object({
        load: z.array(z.number()).openapi({ example: [0, 0.1, 0.2], description: "MW, the feasible loads of the grid, ascending" }),
        total_cost: z
          .array(z.number())
          .openapi({ example: [0, 0, 0], description: "€, the least cost of each load (as POST /v1/productionplan answers it)" }),
        marginal: z.array(z.number().int().nullable()).openapi({
          example: [null, 2, 2],
          description: "Index in `plants` of each load's marginal plant (its price is that plant's cost_per_mwh); null at load 0",
        }),
      })
      .openapi({ description: "One entry per feasible load of the grid, as three arrays of the same length" }),
    gaps: z.array(z.object({ from: z.number().openapi({ example: 0.1 }), to: z.number().openapi({ example: 99.9 }) })).openapi({
      description: "Runs of grid loads no combination of plants makes exactly: every grid load from `from` to `to` (MW, inclusive)",
    }),
    stats: z.object({
      plants: z.number().int(),
      usable_plants: z.number().int(),
      load_steps: z.number().int().openapi({ description: "Loads of the dynamic programme: max_load in tenths of a MW, plus one" }),
      states_evaluated: z.number().int(),
      working_bytes: z.number().int(),
      ms: z.number(),
    }),
  })
  .openapi("CostCurve");

export type Payload = z.infer<typeof PayloadSchema>;
export type V1Payload = z.infer<typeof V1PayloadSchema>;
export type V1Plan = z.infer<typeof V1PlanSchema>;
export type CurveRequest = z.infer<typeof CurveRequestSchema>;
export type PlanCurve = z.infer<typeof CurveSchema>;
