import { seededRandom } from "../lib/random";
import { hourlyPriceLevel, isSolarHour, normal, roundTo } from "./price-shape";
import { DAY_MS, HOUR_MS, hourLabel, isoDay, isoSeconds } from "./utc-time";

/** The origin sends "deal_confirmation"; newer exchange versions send the same object under "trade_confirmation". */
export const MESSAGE_KEYS = ["deal_confirmation", "trade_confirmation"] as const;
export type MessageKey = (typeof MESSAGE_KEYS)[number];
/** "mixed" picks a key per deal, as during an exchange rollout when both versions are live. */
export type MessageKeyMode = MessageKey | "mixed";
export const MESSAGE_KEY_MODES: readonly MessageKeyMode[] = [...MESSAGE_KEYS, "mixed"];

export type Direction = "buy" | "sell";

/** One deal confirmation, field for field as the exchange sends it. */
export interface Deal {
  id: string;
  price: number;
  quantity: number;
  direction: Direction;
  delivery_day: string;
  delivery_hour: string;
  trader_id: string;
  execution_time: string;
}

/** The frame's JSON: the deal under exactly one of the two keys. */
export type DealMessage = { [K in MessageKey]: { [P in K]: Deal } }[MessageKey];

export interface GeneratedDeal {
  key: MessageKey;
  deal: Deal;
  message: DealMessage;
}

export interface DealGeneratorOptions {
  messageKey?: MessageKeyMode;
  /** Traders flex_trader_1 … flex_trader_N: 5 today, 15 later. */
  traderCount?: number;
}

export const DEFAULT_TRADER_COUNT = 5;
const MAX_QUANTITY_MW = 25;
/** Share of solar-hour deals priced below zero: rare, but a consumer must not reject them. */
const NEGATIVE_PRICE_SHARE = 0.05;

export function traderId(index: number): string {
  return `flex_trader_${index + 1}`;
}

/**
 * The delivery hours a deal executed at `executedAtMs` can be for: from the
 * next whole hour up to the end of the next UTC day. Returns the first
 * delivery start and the (exclusive) end of the window, both UTC ms.
 */
export function deliveryWindow(executedAtMs: number): { firstStartMs: number; endMs: number } {
  const firstStartMs = Math.floor(executedAtMs / HOUR_MS) * HOUR_MS + HOUR_MS;
  const endMs = Math.floor(executedAtMs / DAY_MS) * DAY_MS + 2 * DAY_MS;
  return { firstStartMs, endMs };
}

/** 32 lowercase hex characters, like the origin's uuid4().hex, drawn from the seeded PRNG so a run can be reproduced. */
function hexId(random: () => number): string {
  let id = "";
  for (let i = 0; i < 4; i++)
    id += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, "0");
  return id;
}

function dealPrice(random: () => number, hour: number): number {
  if (isSolarHour(hour) && random() < NEGATIVE_PRICE_SHARE) return roundTo(-0.01 - random() * 40, 2);
  return roundTo(hourlyPriceLevel(hour) + 12 * normal(random), 2);
}

/** Mostly small clips with the odd large block, as intraday deals are; always at least 0.1 MW. */
function dealQuantity(random: () => number): number {
  return roundTo(0.1 + (MAX_QUANTITY_MW - 0.1) * random() ** 2, 1);
}

export function generateDeal(random: () => number, executedAtMs: number, traderCount = DEFAULT_TRADER_COUNT): Deal {
  const { firstStartMs, endMs } = deliveryWindow(executedAtMs);
  const slots = (endMs - firstStartMs) / HOUR_MS;
  const deliveryStart = firstStartMs + Math.floor(random() * slots) * HOUR_MS;
  const hour = new Date(deliveryStart).getUTCHours();
  return {
    id: hexId(random),
    price: dealPrice(random, hour),
    quantity: dealQuantity(random),
    direction: random() < 0.5 ? "buy" : "sell",
    delivery_day: isoDay(deliveryStart),
    delivery_hour: hourLabel(hour),
    trader_id: traderId(Math.floor(random() * traderCount)),
    execution_time: isoSeconds(executedAtMs),
  };
}

export function pickMessageKey(random: () => number, mode: MessageKeyMode): MessageKey {
  if (mode !== "mixed") return mode;
  return random() < 0.5 ? "deal_confirmation" : "trade_confirmation";
}

export function dealMessage(key: MessageKey, deal: Deal): DealMessage {
  return key === "deal_confirmation" ? { deal_confirmation: deal } : { trade_confirmation: deal };
}

/** A deal with its key, drawn from `random` (the caller owns the PRNG, so frame decisions and deals share one stream). */
export function generateDealMessage(random: () => number, executedAtMs: number, options: DealGeneratorOptions = {}): GeneratedDeal {
  const key = pickMessageKey(random, options.messageKey ?? "deal_confirmation");
  const deal = generateDeal(random, executedAtMs, options.traderCount ?? DEFAULT_TRADER_COUNT);
  return { key, deal, message: dealMessage(key, deal) };
}

/** A seeded stream of deal messages: the same seed and execution times give the same deals. */
export function createDealGenerator(options: DealGeneratorOptions & { seed: number }): (executedAtMs: number) => GeneratedDeal {
  const random = seededRandom(options.seed);
  return (executedAtMs) => generateDealMessage(random, executedAtMs, options);
}
