/**
 * The production-plan workbench's address of a payload, written from the documented parameters (README) rather than
 * with the page's own code, so the worker and browser tests check that the page reads what the docs promise.
 */

export const WORKBENCH_PATH = "/dashboards/productionplan";

/** Values may be text, as a person types them into the address (the page then names the invalid ones). */
export interface AddressPayload {
  load: number | string;
  fuels: Record<string, number | string>;
  powerplants: Array<Record<"name" | "type" | "efficiency" | "pmin" | "pmax", number | string>>;
  /** The workbench's defaults (CO2 counted, binary wind) when absent. */
  options?: { co2?: boolean; wind?: string };
}

export function addressOf(payload: AddressPayload): string {
  const query = new URLSearchParams({
    load: String(payload.load),
    gas: String(payload.fuels["gas(euro/MWh)"]),
    kerosine: String(payload.fuels["kerosine(euro/MWh)"]),
    co2: String(payload.fuels["co2(euro/ton)"]),
    wind: String(payload.fuels["wind(%)"]),
    co2_cost: payload.options?.co2 === false ? "ignored" : "counted",
    wind_mode: payload.options?.wind ?? "binary",
  });
  for (const plant of payload.powerplants) {
    for (const field of ["name", "type", "efficiency", "pmin", "pmax"] as const) query.append(field, String(plant[field]));
  }
  return `${WORKBENCH_PATH}?${query}`;
}
