import { type Deal, MESSAGE_KEYS, type MessageKey } from "./deal-generator";
import { parseHourLabel, parseIsoDay } from "./utc-time";

export type DealFrameCheck = { ok: true; key: MessageKey; deal: Deal } | { ok: false; reason: string };

const ID = /^[0-9a-f]{32}$/;
const EXECUTION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasDecimals = (value: number, decimals: number) => Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)) < 1e-6;

/**
 * The exchange contract, checked strictly and independently of the
 * generator: what tests and soak scripts use to tell a well-formed deal frame
 * from a malformed one without trusting the simulator's own labels.
 */
export function checkDealFrame(text: string): DealFrameCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid JSON" };
  }
  if (!isRecord(parsed)) return { ok: false, reason: "not an object" };
  const keys = Object.keys(parsed);
  const key = MESSAGE_KEYS.find((candidate) => candidate === keys[0]);
  if (keys.length !== 1 || key === undefined) return { ok: false, reason: `unexpected keys ${keys.join(", ")}` };
  const deal = parsed[key];
  if (!isRecord(deal)) return { ok: false, reason: "deal is not an object" };
  const { id, price, quantity, direction, delivery_day, delivery_hour, trader_id, execution_time } = deal;
  if (typeof id !== "string" || !ID.test(id)) return { ok: false, reason: "bad id" };
  if (typeof price !== "number" || !Number.isFinite(price) || !hasDecimals(price, 2)) return { ok: false, reason: "bad price" };
  if (typeof quantity !== "number" || !(quantity > 0) || !hasDecimals(quantity, 1)) return { ok: false, reason: "bad quantity" };
  if (direction !== "buy" && direction !== "sell") return { ok: false, reason: "bad direction" };
  if (typeof delivery_day !== "string" || parseIsoDay(delivery_day) === undefined) return { ok: false, reason: "bad delivery_day" };
  if (typeof delivery_hour !== "string" || parseHourLabel(delivery_hour) === undefined) return { ok: false, reason: "bad delivery_hour" };
  if (typeof trader_id !== "string" || trader_id.length === 0) return { ok: false, reason: "bad trader_id" };
  if (typeof execution_time !== "string" || !EXECUTION_TIME.test(execution_time) || Number.isNaN(Date.parse(execution_time))) {
    return { ok: false, reason: "bad execution_time" };
  }
  if (Object.keys(deal).length !== 8) return { ok: false, reason: "unexpected fields" };
  return { ok: true, key, deal: { id, price, quantity, direction, delivery_day, delivery_hour, trader_id, execution_time } };
}
