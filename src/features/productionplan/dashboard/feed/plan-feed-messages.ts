import type { Payload, V1Payload, V1Plan } from "../../productionplan.schemas";

/**
 * What GET /v1/productionplan/feed sends, as the feed page reads it. Checked by hand rather than with the API's zod
 * schemas, so the page's script stays small; a message of any other shape is skipped, never half shown.
 */

export const FEED_SOCKET_PATH = "/v1/productionplan/feed";

/** The origin's answer: each plant's MW, in merit order. */
export type OriginResult = Array<{ name: string; p: number }>;

export type FeedPlan =
  | { route: "/productionplan"; payload: Payload; result: OriginResult }
  | { route: "/v1/productionplan"; payload: V1Payload; result: V1Plan };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function isPayload(value: unknown): value is Payload {
  return (
    isObject(value) &&
    isNumber(value.load) &&
    isObject(value.fuels) &&
    Array.isArray(value.powerplants) &&
    value.powerplants.every((plant) => isObject(plant) && typeof plant.name === "string")
  );
}

function isPlantOutputs(value: unknown): value is OriginResult {
  return Array.isArray(value) && value.every((plant) => isObject(plant) && typeof plant.name === "string" && isNumber(plant.p));
}

function isV1Plan(value: unknown): value is V1Plan {
  if (!isObject(value) || !isNumber(value.load) || !isNumber(value.total_cost) || !isPlantOutputs(value.plan)) return false;
  const marginal = value.marginal_plant;
  return marginal === null || (isObject(marginal) && typeof marginal.name === "string" && isNumber(marginal.cost_per_mwh));
}

/** The plan a feed message carries; undefined for the greeting, a pong or anything unexpected. */
export function feedPlanOf(message: unknown): FeedPlan | undefined {
  if (!isObject(message) || message.type !== "plan" || !isPayload(message.payload)) return undefined;
  const { route, payload, result } = message;
  if (route === "/productionplan" && isPlantOutputs(result)) return { route, payload, result };
  if (route === "/v1/productionplan" && "options" in payload && isObject(payload.options) && isV1Plan(result)) {
    return { route, payload: payload as V1Payload, result };
  }
  return undefined;
}
