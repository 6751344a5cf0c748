/**
 * The production-plan domain: the origin's payload, the solver's options and what it answers.
 * Plain data only, so the HTTP layer can validate into these shapes and serialise them back.
 */

/**
 * The largest load a request may ask for, whatever the fleet. The solver's memory grows with the load (in 0.1 MW
 * steps) times √plants, so larger fleets are further bounded by SOLVER_MEMORY_BUDGET_BYTES (solver-memory.ts):
 * up to about 255 plants reach this load, 1,000 plants about 22,900 MWh.
 */
export const MAX_LOAD_MWH = 40_000;

export type PlantType = "gasfired" | "turbojet" | "windturbine";

export interface Fuels {
  "gas(euro/MWh)": number;
  "kerosine(euro/MWh)": number;
  "co2(euro/ton)": number;
  "wind(%)": number;
}

export interface PowerPlant {
  name: string;
  type: PlantType;
  efficiency: number;
  pmin: number;
  pmax: number;
}

export interface ProductionPlanPayload {
  /** MWh to produce in the hour, a multiple of 0.1 (validated by the route). */
  load: number;
  fuels: Fuels;
  powerplants: PowerPlant[];
}

/** `binary`: a running turbine gives all the wind allows; `curtailable`: anything from pmin up to that. */
export type WindMode = "binary" | "curtailable";

export interface PlanOptions {
  /** Whether gas-fired plants pay for their CO2 (0.3 t per MWh). */
  co2: boolean;
  wind: WindMode;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { co2: true, wind: "binary" };

export interface PlannedPlant {
  name: string;
  type: PlantType;
  costPerMWh: number;
  /** MW, a multiple of 0.1. */
  p: number;
  /** costPerMWh × p, euros for the hour. */
  cost: number;
}

/** The price-setting plant: the running plant latest in merit order. */
export interface MarginalPlant {
  name: string;
  costPerMWh: number;
}

export interface SolverStats {
  /** Plants in the payload. */
  plants: number;
  /** Plants that can run at all (some capacity left after rounding to 0.1 MW and applying the wind). */
  usablePlants: number;
  /** Loads the dynamic programme ranges over: load in tenths of a MW, plus one for zero. */
  loadSteps: number;
  /** (plant, load) pairs the dynamic programme computed, recomputations included. */
  statesEvaluated: number;
  /** Bytes of typed arrays the solver allocated: its working memory (cost rows, checkpoints, recorded choices). */
  workingBytes: number;
  ms: number;
}

export interface FeasiblePlan {
  feasible: true;
  /** Every payload plant exactly once, in merit order. */
  plan: PlannedPlant[];
  totalCost: number;
  /** Null when nothing runs (a zero load). */
  marginalPlant: MarginalPlant | null;
  stats: SolverStats;
}

export type InfeasibleReason = "exceeds-capacity" | "unreachable";

export interface InfeasiblePlan {
  feasible: false;
  /** `exceeds-capacity`: more than every usable plant at pmax; `unreachable`: a gap between feasible loads. */
  reason: InfeasibleReason;
  /** MW, every usable plant at its (rounded, wind-limited) pmax. */
  capacity: number;
  /** MW, the largest feasible load below the requested one (zero is always feasible). */
  nearestBelow: number;
  /** MW, the smallest feasible load above it; absent when the load exceeds the capacity. */
  nearestAbove?: number;
  stats: SolverStats;
}

export type ProductionPlanResult = FeasiblePlan | InfeasiblePlan;
