import { describe, expect, it } from "vitest";
import { isIsoDay } from "../../../lib/instant";
import { isDeliveryHour, parseDealFrame } from "./deal-frame";

const origin = {
  id: "3624e95119f04b7bb054b2f91a980a83",
  price: 20.64,
  quantity: 1.2,
  direction: "sell",
  delivery_day: "2023-02-21",
  delivery_hour: "15-16",
  trader_id: "flex_trader_4",
  execution_time: "2023-02-21T06:13:43+00:00",
};

const parse = (body: Record<string, unknown>, key = "deal_confirmation") => parseDealFrame(JSON.stringify({ [key]: body }));

describe("parseDealFrame", () => {
  it.each(["deal_confirmation", "trade_confirmation"] as const)(
    "accepts the origin's frame under %s, in integer cents and tenths",
    (key) => {
      expect(parse(origin, key)).toEqual({
        ok: true,
        key,
        deal: {
          id: origin.id,
          trader_id: "flex_trader_4",
          delivery_day: "2023-02-21",
          delivery_hour: "15-16",
          direction: "sell",
          price_cents: 2064,
          quantity_tenths: 12,
          execution_time: "2023-02-21T06:13:43+00:00",
          executed_at: "2023-02-21T06:13:43.000Z",
        },
      });
    },
  );

  it.each([
    [0.07, 7],
    [-12.5, -1250],
    [1.005e2, 10050],
    [0, 0],
    [4.35, 435],
    [-9999.99, -999999],
  ])("stores the price %d as exactly %d cents", (price, cents) => {
    const result = parse({ ...origin, price });
    expect(result.ok && result.deal.price_cents).toBe(cents);
  });

  it.each([
    [0.1, 1],
    [2.3, 23],
    [1234.5, 12345],
  ])("stores the quantity %d as exactly %d tenths", (quantity, tenths) => {
    const result = parse({ ...origin, quantity });
    expect(result.ok && result.deal.quantity_tenths).toBe(tenths);
  });

  it("normalises the id to lower case and the execution time to UTC, keeping the original text", () => {
    const result = parse({ ...origin, id: origin.id.toUpperCase(), execution_time: "2023-02-21T08:13:43.5+02:00" });
    expect(result.ok && result.deal.id).toBe(origin.id);
    expect(result.ok && result.deal.executed_at).toBe("2023-02-21T06:13:43.500Z");
    expect(result.ok && result.deal.execution_time).toBe("2023-02-21T08:13:43.5+02:00");
  });

  it("ignores unknown top-level keys a newer exchange may add", () => {
    expect(parseDealFrame(JSON.stringify({ deal_confirmation: origin, version: 2 })).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a short id", { id: "3624e95119f04b7bb054b2f91a980a8" }],
    ["a non-hex id", { id: "3624e95119f04b7bb054b2f91a980azz" }],
    ["a price with 3 decimals", { price: 20.645 }],
    ["a price as a string", { price: "20.64" }],
    ["an absurd price", { price: 1e9 }],
    ["a zero quantity", { quantity: 0 }],
    ["a negative quantity", { quantity: -1 }],
    ["a quantity with 2 decimals", { quantity: 1.25 }],
    ["an unknown direction", { direction: "hold" }],
    ["a day that does not exist", { delivery_day: "2023-02-30" }],
    ["a day in another format", { delivery_day: "21/02/2023" }],
    ["an hour spanning two hours", { delivery_hour: "15-17" }],
    ["an hour past midnight", { delivery_hour: "24-25" }],
    ["an hour without padding", { delivery_hour: "5-6" }],
    ["an empty trader", { trader_id: "" }],
    ["an execution time without offset", { execution_time: "2023-02-21T06:13:43" }],
    ["an impossible execution time", { execution_time: "2023-02-21T25:13:43+00:00" }],
    ["a missing field", { trader_id: undefined }],
  ])("rejects %s", (_, change) => {
    const result = parse({ ...origin, ...change });
    expect(result.ok).toBe(false);
  });

  it.each([
    ["not JSON", "{deal_confirmation"],
    ["JSON null", "null"],
    ["an array", "[]"],
    ["no known key", JSON.stringify({ order: origin })],
    ["both keys at once", JSON.stringify({ deal_confirmation: origin, trade_confirmation: origin })],
    ["a null body", JSON.stringify({ deal_confirmation: null })],
  ])("rejects %s with a reason instead of throwing", (_, text) => {
    const result = parseDealFrame(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it("names the faulty field in the reason", () => {
    const result = parse({ ...origin, delivery_hour: "15-17" });
    expect(!result.ok && result.reason).toMatch(/deal_confirmation\.delivery_hour/);
  });
});

describe("delivery calendar", () => {
  it("knows which days exist", () => {
    expect(["2024-02-29", "2023-12-31", "2023-01-01"].every(isIsoDay)).toBe(true);
    expect(["2023-02-29", "2023-13-01", "2023-00-10", "2023-1-01"].some(isIsoDay)).toBe(false);
  });

  it("accepts exactly the 24 delivery hours 00-01 … 23-24", () => {
    const all = Array.from({ length: 100 }, (_, a) =>
      Array.from({ length: 100 }, (_, b) => `${String(a).padStart(2, "0")}-${String(b).padStart(2, "0")}`),
    ).flat();
    const accepted = all.filter(isDeliveryHour);
    expect(accepted).toHaveLength(24);
    expect(accepted[0]).toBe("00-01");
    expect(accepted[23]).toBe("23-24");
  });
});
