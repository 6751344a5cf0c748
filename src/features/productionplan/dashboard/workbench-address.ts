import type { V1Payload } from "../productionplan.schemas";

/**
 * The workbench's state as a URL query, so a plan can be shared and the page's GET form works without JavaScript:
 *
 *   load=910&gas=13.4&kerosine=50.8&co2=20&wind=60&co2_cost=counted&wind_mode=binary
 *   &name=gasfiredbig1&type=gasfired&efficiency=0.53&pmin=100&pmax=460&name=…
 *
 * One `name`, `type`, `efficiency`, `pmin` and `pmax` per plant, in payload order. Pure (no zod, no DOM), so the
 * server, the workbench script and the feed page share it.
 */

/** The plant fields, in the order a plant's parameters repeat. */
export const PLANT_FIELDS = ["name", "type", "efficiency", "pmin", "pmax"] as const;
export type PlantField = (typeof PLANT_FIELDS)[number];

/** Query parameter of each fuel of the payload. */
export const FUEL_PARAMETERS = {
  gas: "gas(euro/MWh)",
  kerosine: "kerosine(euro/MWh)",
  co2: "co2(euro/ton)",
  wind: "wind(%)",
} as const;
export type FuelParameter = keyof typeof FUEL_PARAMETERS;

/** Parameters that say a query describes a payload at all (else the page shows its default preset). */
const STATE_PARAMETERS = ["load", ...Object.keys(FUEL_PARAMETERS), "co2_cost", "wind_mode", ...PLANT_FIELDS];

/** A decimal number as a person or a form writes it; anything else stays text, for the validation to name. */
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : value;
}

/** The URL query of a payload (the numbers as JavaScript prints them, so they read back equal). */
export function workbenchQuery(payload: V1Payload): URLSearchParams {
  const query = new URLSearchParams();
  query.set("load", String(payload.load));
  for (const [parameter, fuel] of Object.entries(FUEL_PARAMETERS)) query.set(parameter, String(payload.fuels[fuel]));
  query.set("co2_cost", payload.options.co2 ? "counted" : "ignored");
  query.set("wind_mode", payload.options.wind);
  for (const plant of payload.powerplants) {
    for (const field of PLANT_FIELDS) query.append(field, String(plant[field]));
  }
  return query;
}

/** True when the query holds a payload (any of its parameters), false for a bare address. */
export function describesPayload(query: URLSearchParams): boolean {
  return STATE_PARAMETERS.some((parameter) => query.has(parameter));
}

/**
 * The payload a query describes, as unchecked JSON: numbers where the text is a number, the text itself where it is
 * not, and nothing where a parameter is missing, so the API's own validation names each bad field by its pointer
 * (`/powerplants/2/pmin`). Plants are as many as the longest of the repeated plant parameters.
 */
export function payloadFromQuery(query: URLSearchParams): Record<string, unknown> {
  const fuels: Record<string, unknown> = {};
  for (const [parameter, fuel] of Object.entries(FUEL_PARAMETERS)) fuels[fuel] = numberOrText(query.get(parameter) ?? undefined);
  const columns = Object.fromEntries(PLANT_FIELDS.map((field) => [field, query.getAll(field)])) as Record<PlantField, string[]>;
  const count = Math.max(...PLANT_FIELDS.map((field) => columns[field].length));
  const powerplants = Array.from({ length: count }, (_, index) => ({
    name: columns.name[index],
    type: columns.type[index],
    efficiency: numberOrText(columns.efficiency[index]),
    pmin: numberOrText(columns.pmin[index]),
    pmax: numberOrText(columns.pmax[index]),
  }));
  const co2Cost = query.get("co2_cost");
  return {
    load: numberOrText(query.get("load") ?? undefined),
    fuels,
    powerplants,
    options: {
      co2: co2Cost === null || co2Cost === "counted" ? true : co2Cost === "ignored" ? false : co2Cost,
      wind: query.get("wind_mode") ?? "binary",
    },
  };
}
