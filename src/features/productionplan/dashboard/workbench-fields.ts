import type { FieldError } from "../../../lib/problem";
import { MAX_LOAD_MWH } from "../solver/plan-types";
import { FUEL_PARAMETERS, type FuelParameter, PLANT_FIELDS, type PlantField } from "./workbench-address";

/**
 * What the workbench form shows, as text: read from any JSON (the JSON view may hold anything a person pastes), so an
 * invalid value stays on screen as typed, beside the error the API names it with. Pure, for the page and its script.
 */

export const WORKBENCH_PATH = "/dashboards/productionplan";

export type PlantFields = Record<PlantField, string>;

export interface WorkbenchFields {
  load: string;
  fuels: Record<FuelParameter, string>;
  /** `counted` or `ignored`; anything else checks neither choice and the API names it. */
  co2Cost: string;
  /** `binary` or `curtailable`, the API's names. */
  windMode: string;
  plants: PlantFields[];
}

export const FUEL_ORDER = Object.keys(FUEL_PARAMETERS) as FuelParameter[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function co2CostOf(value: unknown): string {
  if (value === undefined || value === true) return "counted";
  if (value === false) return "ignored";
  return textOf(value);
}

/** The form's text of a payload, valid or not. */
export function fieldsOfPayload(payload: unknown): WorkbenchFields {
  const root = isRecord(payload) ? payload : {};
  const fuels = isRecord(root.fuels) ? root.fuels : {};
  const options = isRecord(root.options) ? root.options : {};
  const plants = Array.isArray(root.powerplants) ? root.powerplants : [];
  return {
    load: textOf(root.load),
    fuels: Object.fromEntries(FUEL_ORDER.map((fuel) => [fuel, textOf(fuels[FUEL_PARAMETERS[fuel]])])) as Record<FuelParameter, string>,
    co2Cost: co2CostOf(options.co2),
    windMode: options.wind === undefined ? "binary" : textOf(options.wind),
    plants: plants.map((plant) => {
      const fields = isRecord(plant) ? plant : {};
      return Object.fromEntries(PLANT_FIELDS.map((field) => [field, textOf(fields[field])])) as PlantFields;
    }),
  };
}

/** The form's text of its URL query, as typed (the parameters payloadFromQuery reads, with its defaults). */
export function fieldsOfQuery(query: URLSearchParams): WorkbenchFields {
  const columns = Object.fromEntries(PLANT_FIELDS.map((field) => [field, query.getAll(field)])) as Record<PlantField, string[]>;
  const count = Math.max(...PLANT_FIELDS.map((field) => columns[field].length));
  return {
    load: query.get("load") ?? "",
    fuels: Object.fromEntries(FUEL_ORDER.map((fuel) => [fuel, query.get(fuel) ?? ""])) as Record<FuelParameter, string>,
    co2Cost: query.get("co2_cost") ?? "counted",
    windMode: query.get("wind_mode") ?? "binary",
    plants: Array.from(
      { length: count },
      (_, index) => Object.fromEntries(PLANT_FIELDS.map((field) => [field, columns[field][index] ?? ""])) as PlantFields,
    ),
  };
}

/** The URL query of the form's text, in the order the form lists its fields (so FormData gives the same query). */
export function queryOfFields(fields: WorkbenchFields): URLSearchParams {
  const query = new URLSearchParams();
  query.set("load", fields.load);
  for (const fuel of FUEL_ORDER) query.set(fuel, fields.fuels[fuel]);
  query.set("co2_cost", fields.co2Cost);
  query.set("wind_mode", fields.windMode);
  for (const plant of fields.plants) for (const field of PLANT_FIELDS) query.append(field, plant[field]);
  return query;
}

/**
 * Which control of the form a JSON pointer of the API names: `load`, `fuel-gas`, `co2_cost`, `wind_mode`,
 * `plant-2-pmin`, `plants`; undefined where no single control shows the value (the error summary lists it then).
 * The control's id is `wb-<key>`, its error slot's `wb-<key>-error`.
 */
export function fieldKeyOf(pointer: string): string | undefined {
  const [first, second, third, ...rest] = pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (first === "load" && second === undefined) return "load";
  if (first === "fuels" && third === undefined) {
    const fuel = FUEL_ORDER.find((name) => FUEL_PARAMETERS[name] === second);
    return fuel && `fuel-${fuel}`;
  }
  if (first === "options" && third === undefined) return second === "co2" ? "co2_cost" : second === "wind" ? "wind_mode" : undefined;
  if (first === "powerplants" && second === undefined) return "plants";
  if (first === "powerplants" && /^\d+$/.test(second ?? "") && rest.length === 0) {
    return PLANT_FIELDS.includes(third as PlantField) ? `plant-${second}-${third}` : undefined;
  }
  return undefined;
}

/** Messages of the API's errors, by the form control they belong to (fieldKeyOf). */
export type ErrorsByField = ReadonlyMap<string, string[]>;

export function errorsByField(errors: readonly FieldError[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const key = fieldKeyOf(error.pointer);
    if (key) byField.set(key, [...(byField.get(key) ?? []), error.detail]);
  }
  return byField;
}

export const controlId = (key: string) => `wb-${key}`;
export const errorSlotId = (key: string) => `wb-${key}-error`;

/** Points of a cost curve the workbench asks for at most (about 0.5 MB of JSON); its charts thin them out anyway. */
const CURVE_POINTS = 20_000;

/**
 * MW between two loads of the cost curve: 0.1, or coarser for a big fleet so the answer stays near CURVE_POINTS.
 * The sum of pmax over-estimates the capacity (wind, pmin), and the curve never goes past MAX_LOAD_MWH.
 */
export function curveStepFor(payload: unknown): number {
  const plants = isRecord(payload) && Array.isArray(payload.powerplants) ? payload.powerplants : [];
  const pmaxSum = plants.reduce<number>((sum, plant) => {
    const pmax = isRecord(plant) ? plant.pmax : undefined;
    return typeof pmax === "number" && Number.isFinite(pmax) && pmax > 0 ? sum + pmax : sum;
  }, 0);
  return Math.max(1, Math.ceil((Math.min(pmaxSum, MAX_LOAD_MWH) / CURVE_POINTS) * 10)) / 10;
}
