import { describe, expect, it } from "vitest";
import { seededRandom } from "../lib/random";
import { checkDealFrame } from "./deal-frame-check";
import { createDealGenerator, type Deal, deliveryWindow, type GeneratedDeal, type MessageKeyMode } from "./deal-generator";
import { FramePlanner } from "./frame-planner";
import { MALFORMED_DEFECTS, malformedFrame } from "./malformed-frames";
import { DAY_MS, HOUR_MS, isoSeconds, parseHourLabel, parseIsoDay } from "./utc-time";

const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);
/** Instants on the edges of the delivery-window rule: whole hours, just before midnight, leap day. */
const EDGES = [
  Date.UTC(2023, 1, 21, 0, 0, 0),
  Date.UTC(2023, 1, 21, 23, 59, 59, 999),
  Date.UTC(2023, 1, 21, 22, 59, 59),
  Date.UTC(2024, 1, 29, 12, 0, 0),
  Date.UTC(2023, 11, 31, 23, 30),
];

/** Every way a deal breaks the contract (empty when it meets it); plain checks, since 10,000 expect() calls are slow. */
function problems(deal: Deal, executedAt: number, traderCount: number): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(`${what}: ${JSON.stringify(deal)}`);
  check(/^[0-9a-f]{32}$/.test(deal.id), "id");
  check(Number.isFinite(deal.price) && Math.round(deal.price * 100) / 100 === deal.price, "price");
  check(deal.quantity > 0 && Math.round(deal.quantity * 10) / 10 === deal.quantity, "quantity");
  check(deal.direction === "buy" || deal.direction === "sell", "direction");
  const trader = /^flex_trader_(\d+)$/.exec(deal.trader_id);
  check(trader !== null && Number(trader[1]) >= 1 && Number(trader[1]) <= traderCount, "trader_id");
  check(
    deal.execution_time === isoSeconds(executedAt) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/.test(deal.execution_time),
    "execution_time",
  );

  // Delivery: from the next whole hour after execution to the end of the next UTC day.
  const day = parseIsoDay(deal.delivery_day);
  const hour = parseHourLabel(deal.delivery_hour);
  check(day !== undefined && hour !== undefined, "delivery period");
  const start = (day ?? 0) + (hour ?? 0) * HOUR_MS;
  const nextHour = Math.floor(executedAt / HOUR_MS) * HOUR_MS + HOUR_MS;
  const endOfNextDay = Math.floor(executedAt / DAY_MS) * DAY_MS + 2 * DAY_MS;
  check(start >= nextHour && start + HOUR_MS <= endOfNextDay, "delivery window");
  return out;
}

function draw(
  seed: number,
  count: number,
  options: { messageKey?: MessageKeyMode; traderCount?: number } = {},
): Array<{ at: number; generated: GeneratedDeal }> {
  const next = createDealGenerator({ seed, ...options });
  const times = seededRandom(seed ^ 0x5bd1e995);
  const out: Array<{ at: number; generated: GeneratedDeal }> = [];
  for (let i = 0; i < count; i++) {
    const at = i < EDGES.length ? (EDGES[i] ?? FROM) : Math.floor(FROM + times() * (TO - FROM));
    out.push({ at, generated: next(at) });
  }
  return out;
}

describe("deal generator", () => {
  it("draws deals that meet the exchange contract over many seeds and execution times", () => {
    const all: Deal[] = [];
    const found: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      for (const { at, generated } of draw(seed, 40)) {
        found.push(...problems(generated.deal, at, 5));
        const checked = checkDealFrame(JSON.stringify(generated.message));
        if (generated.key !== "deal_confirmation" || !checked.ok || checked.key !== "deal_confirmation")
          found.push(`frame: ${JSON.stringify(generated)}`);
        all.push(generated.deal);
      }
    }
    expect(found).toEqual([]);
    expect(new Set(all.map((deal) => deal.id)).size).toBe(all.length);
    expect(new Set(all.map((deal) => deal.trader_id))).toEqual(
      new Set(["flex_trader_1", "flex_trader_2", "flex_trader_3", "flex_trader_4", "flex_trader_5"]),
    );
    expect(new Set(all.map((deal) => deal.direction))).toEqual(new Set(["buy", "sell"]));
    expect(new Set(all.map((deal) => deal.delivery_hour)).size).toBe(24);

    // Realistic prices: mostly 20–150 €/MWh, and the odd negative one at midday.
    const prices = all.map((deal) => deal.price).sort((a, b) => a - b);
    const share = prices.filter((price) => price >= 20 && price <= 150).length / prices.length;
    expect(share).toBeGreaterThan(0.85);
    expect(prices.some((price) => price < 0)).toBe(true);
    expect(prices[0]).toBeGreaterThan(-100);
    expect(prices[prices.length - 1]).toBeLessThan(250);
  });

  it("honours the delivery window at its edges", () => {
    const next = createDealGenerator({ seed: 7 });
    const lateEvening = Date.UTC(2023, 1, 21, 23, 59, 59);
    const days = new Set<string>();
    for (let i = 0; i < 500; i++) days.add(next(lateEvening).deal.delivery_day);
    expect(days).toEqual(new Set(["2023-02-22"])); // the next hour is already tomorrow, and tomorrow is the last day
    expect(deliveryWindow(Date.UTC(2023, 1, 21, 0, 0, 0))).toEqual({
      firstStartMs: Date.UTC(2023, 1, 21, 1),
      endMs: Date.UTC(2023, 1, 23),
    });
    const hours = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const deal = next(Date.UTC(2023, 1, 21, 0, 0, 0)).deal;
      if (deal.delivery_day === "2023-02-21") hours.add(deal.delivery_hour);
    }
    expect(hours.has("00-01")).toBe(false);
    expect(hours.has("01-02")).toBe(true);
    expect(hours.has("23-24")).toBe(true);
  });

  it("uses the configured message key, or both when mixed", () => {
    for (const mode of ["deal_confirmation", "trade_confirmation", "mixed"] as const) {
      const keys = new Set<string>();
      for (const { at, generated } of draw(11, 200, { messageKey: mode })) {
        expect(problems(generated.deal, at, 5)).toEqual([]);
        expect(Object.keys(generated.message)).toEqual([generated.key]);
        expect(checkDealFrame(JSON.stringify(generated.message))).toMatchObject({ ok: true, key: generated.key });
        keys.add(generated.key);
      }
      expect(keys).toEqual(mode === "mixed" ? new Set(["deal_confirmation", "trade_confirmation"]) : new Set([mode]));
    }
  });

  it("draws traders from the configured count", () => {
    const traders = new Set(draw(3, 2000, { traderCount: 15 }).map(({ generated }) => generated.deal.trader_id));
    expect(traders.size).toBe(15);
    expect(traders.has("flex_trader_15")).toBe(true);
    expect(traders.has("flex_trader_16")).toBe(false);
  });

  it("is reproducible per seed", () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
  });
});

describe("malformed frames and the frame planner", () => {
  it("makes every kind of defect, each rejected by a strict check", () => {
    const random = seededRandom(5);
    const next = createDealGenerator({ seed: 5, messageKey: "mixed" });
    const defects = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { key, deal } = next(Date.UTC(2023, 1, 21, 6, 13, 43));
      const { defect, frame } = malformedFrame(random, key, deal);
      defects.add(defect);
      expect(checkDealFrame(frame), `${defect}: ${frame}`).toMatchObject({ ok: false });
    }
    expect(defects).toEqual(new Set(MALFORMED_DEFECTS));
  });

  it("mixes deals, verbatim duplicates and malformed frames in the configured shares", () => {
    const planner = new FramePlanner(seededRandom(9), {
      messageKey: "deal_confirmation",
      traderCount: 5,
      duplicateRate: 0.1,
      malformedRate: 0.2,
    });
    const sent = new Map<string, string>();
    const counts = { deal: 0, duplicate: 0, malformed: 0 };
    for (let i = 0; i < 5000; i++) {
      const frame = planner.next(Date.UTC(2023, 1, 21, 6));
      counts[frame.kind]++;
      if (frame.kind === "deal") {
        expect(sent.has(frame.id)).toBe(false);
        sent.set(frame.id, frame.frame);
      } else if (frame.kind === "duplicate") {
        expect(sent.get(frame.id)).toBe(frame.frame);
      } else {
        expect(checkDealFrame(frame.frame).ok).toBe(false);
      }
    }
    expect(counts.duplicate / 5000).toBeGreaterThan(0.08);
    expect(counts.duplicate / 5000).toBeLessThan(0.12);
    expect(counts.malformed / 5000).toBeGreaterThan(0.17);
    expect(counts.malformed / 5000).toBeLessThan(0.23);
  });

  it("refuses shares that do not add up", () => {
    expect(() => new FramePlanner(Math.random, { messageKey: "mixed", traderCount: 5, duplicateRate: 0.6, malformedRate: 0.6 })).toThrow(
      /at most 1/,
    );
  });
});
