import { runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import { seededRandom } from "../../scripts/lib/random";
import type { ExchangeFeed } from "../../src/features/trading/exchange-feed/exchange-feed";
import type { IngestResult, TraderHour } from "../../src/features/trading/exchange-feed/feed-types";
import type { Deal } from "../trading-shapes";

/**
 * Deal frames for the trading tests, from a seeded generator so a failure replays identically, and what the tests
 * read back from the ExchangeFeed object (from inside it, through runInDurableObject: the object offers no test-only RPC).
 */

export type SentDeal = Deal;

/**
 * Builds deals with ids of one prefix (a test file's own, so files never share an id) counted up, and the exchange's
 * timestamp format.
 */
export function dealMaker(idPrefix: string) {
  let sequence = 0;
  return (trader: string, day: string, hour: string, direction: "buy" | "sell", quantity: number, price: number): SentDeal => {
    sequence++;
    return {
      id: `${idPrefix}${sequence.toString(16).padStart(32 - idPrefix.length, "0")}`,
      price,
      quantity,
      direction,
      delivery_day: day,
      delivery_hour: hour,
      trader_id: trader,
      execution_time: `${day}T05:${String(sequence % 60).padStart(2, "0")}:00+01:00`,
    };
  };
}

const hex = (random: () => number) => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}-${String(h + 1).padStart(2, "0")}`;

export type DealSpace = { traders: string[]; days: string[]; hours: number[] };

/** `count` distinct deals over the given traders, days and hours, prices −50…150 €/MWh, 0.1…10 MW. */
export function randomDeals(count: number, seed: number, space: DealSpace): SentDeal[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    id: hex(random),
    price: Math.round(random() * 20_000 - 5_000) / 100,
    quantity: (1 + Math.floor(random() * 100)) / 10,
    direction: random() < 0.5 ? "buy" : "sell",
    delivery_day: pick(space.days),
    delivery_hour: hourLabel(pick(space.hours)),
    trader_id: pick(space.traders),
    execution_time: `2023-02-20T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00+01:00`,
  }));
}

export function frameOf(deal: SentDeal, key: "deal_confirmation" | "trade_confirmation" = "deal_confirmation"): string {
  return JSON.stringify({ [key]: deal });
}

/** Hands one frame to the feed's own ingestion, the path its socket's messages take (a private method, so not over RPC). */
export function ingestFrame(feed: DurableObjectStub<ExchangeFeed>, frame: string): Promise<IngestResult> {
  // biome-ignore lint/complexity/useLiteralKeys: bracket access is how TypeScript lets a test reach a private method
  return runInDurableObject(feed, (instance) => instance["ingestFrame"](frame));
}

/** One trader's report rows of the day, by delivery hour; empty for an unknown trader or a day without deals. */
export function traderHours(feed: DurableObjectStub<ExchangeFeed>, traderId: string, deliveryDay: string): Promise<TraderHour[]> {
  return runInDurableObject(feed, (instance) => instance.traderReport(traderId, deliveryDay)?.hours ?? []);
}

export type ExpectedHour = {
  trades: number;
  bought_mw: number;
  sold_mw: number;
  buy_vwap: number | null;
  sell_vwap: number | null;
  avg_price: number;
  pnl_eur: number;
};

/**
 * The report figures computed the obvious way, in floating point, straight from what was sent: an independent
 * check of the feed's integer aggregates (which must agree within half a cent, the rounding of the answer).
 */
export function expectedHours(deals: SentDeal[], traderId: string, day: string): Map<string, ExpectedHour> {
  const byHour = new Map<string, SentDeal[]>();
  for (const deal of deals) {
    if (deal.trader_id !== traderId || deal.delivery_day !== day) continue;
    byHour.set(deal.delivery_hour, [...(byHour.get(deal.delivery_hour) ?? []), deal]);
  }
  const sum = (items: SentDeal[], f: (d: SentDeal) => number) => items.reduce((s, d) => s + f(d), 0);
  const result = new Map<string, ExpectedHour>();
  for (const [hour, items] of byHour) {
    const buys = items.filter((d) => d.direction === "buy");
    const sells = items.filter((d) => d.direction === "sell");
    const bought = sum(buys, (d) => d.quantity);
    const sold = sum(sells, (d) => d.quantity);
    const buyValue = sum(buys, (d) => d.quantity * d.price);
    const sellValue = sum(sells, (d) => d.quantity * d.price);
    result.set(hour, {
      trades: items.length,
      bought_mw: bought,
      sold_mw: sold,
      buy_vwap: buys.length ? buyValue / bought : null,
      sell_vwap: sells.length ? sellValue / sold : null,
      avg_price: (buyValue + sellValue) / (bought + sold),
      pnl_eur: sellValue - buyValue,
    });
  }
  return result;
}

/** Money within half a cent of the float computation, and printed with at most 2 decimals. */
function expectMoney(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? 0) - expected)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(Math.round((actual ?? 0) * 100) / 100).toBe(actual);
}

export function expectHoursMatch(hours: TraderHour[], expected: Map<string, ExpectedHour>): void {
  expect(hours.map((h) => h.delivery_hour)).toEqual([...expected.keys()].sort());
  for (const hour of hours) {
    const want = expected.get(hour.delivery_hour)!;
    expect(hour.trades).toBe(want.trades);
    expect(hour.bought_mw).toBe(Math.round(want.bought_mw * 10) / 10);
    expect(hour.sold_mw).toBe(Math.round(want.sold_mw * 10) / 10);
    expectMoney(hour.buy_vwap, want.buy_vwap);
    expectMoney(hour.sell_vwap, want.sell_vwap);
    expectMoney(hour.avg_price, want.avg_price);
    expectMoney(hour.pnl_eur, want.pnl_eur);
  }
}
