import { describe, expect, it } from "vitest";
import { tenthsToMW } from "../../../lib/decimal-units";
import { outputRange } from "./dispatch-units";
import type { Fuels, PowerPlant } from "./plan-types";
import { costPerMWh, costScale, meritOrder, quantiseCost } from "./plant-costs";
import { tenthsDown, tenthsUp } from "./tenths";

const FUELS: Fuels = { "gas(euro/MWh)": 13.4, "kerosine(euro/MWh)": 50.8, "co2(euro/ton)": 20, "wind(%)": 60 };
const plant = (type: PowerPlant["type"], efficiency: number, pmin: number, pmax: number): PowerPlant => ({
  name: "x",
  type,
  efficiency,
  pmin,
  pmax,
});

describe("tenths of a MW", () => {
  it("takes decimals that are not exact binary floats at face value", () => {
    // 2.3 × 10 is 22.999999999999996 in a double: a plain floor would say 22.
    expect(tenthsDown(2.3)).toBe(23);
    expect(tenthsUp(2.3)).toBe(23);
    expect(tenthsDown(0.7)).toBe(7);
    expect(tenthsUp(338.4)).toBe(3384);
    expect(tenthsDown(20000.3)).toBe(200003);
  });

  it("rounds a minimum up and a maximum down when they fall between tenths", () => {
    expect(tenthsUp(10.05)).toBe(101);
    expect(tenthsDown(10.05)).toBe(100);
    expect(tenthsUp(0.01)).toBe(1);
    expect(tenthsDown(0.09)).toBe(0);
  });

  it("gives back the double a one-decimal JSON number parses to", () => {
    expect(tenthsToMW(3384)).toBe(338.4);
    expect(tenthsToMW(3)).toBe(0.3);
    expect(JSON.stringify(tenthsToMW(216))).toBe("21.6");
  });
});

describe("cost per MWh and merit order", () => {
  it("prices gas with and without CO2, kerosine, and wind", () => {
    expect(costPerMWh(plant("gasfired", 0.53, 100, 460), FUELS, { co2: true, wind: "binary" })).toBeCloseTo(13.4 / 0.53 + 6, 12);
    expect(costPerMWh(plant("gasfired", 0.53, 100, 460), FUELS, { co2: false, wind: "binary" })).toBeCloseTo(13.4 / 0.53, 12);
    expect(costPerMWh(plant("turbojet", 0.3, 0, 16), FUELS, { co2: true, wind: "binary" })).toBeCloseTo(50.8 / 0.3, 12);
    expect(costPerMWh(plant("windturbine", 1, 0, 150), FUELS, { co2: true, wind: "binary" })).toBe(0);
  });

  it("orders by cost, payload order among equal costs", () => {
    expect(meritOrder([5, 1, 5, 0, 1])).toEqual([3, 1, 4, 0, 2]);
  });
});

describe("plant output ranges", () => {
  const binary = { co2: true, wind: "binary" } as const;
  const curtailable = { co2: true, wind: "curtailable" } as const;

  it("rounds pmin up and pmax down, and an off plant is never 'on at zero'", () => {
    expect(outputRange(plant("gasfired", 0.5, 10.05, 20.09), FUELS, binary)).toEqual({ lo: 101, hi: 200 });
    expect(outputRange(plant("turbojet", 0.3, 0, 16), FUELS, binary)).toEqual({ lo: 1, hi: 160 });
  });

  it("never uses a plant whose pmin rounds above its pmax, or with no capacity", () => {
    expect(outputRange(plant("gasfired", 0.5, 10.05, 10.08), FUELS, binary)).toBeNull();
    expect(outputRange(plant("turbojet", 0.5, 0, 0.05), FUELS, binary)).toBeNull();
  });

  it("gives a binary turbine exactly the wind, rounded down, and a curtailable one anything up to it", () => {
    expect(outputRange(plant("windturbine", 1, 0, 36), FUELS, binary)).toEqual({ lo: 216, hi: 216 });
    expect(outputRange(plant("windturbine", 1, 0, 36), FUELS, curtailable)).toEqual({ lo: 1, hi: 216 });
    // 5.6 MW × 87.5 % is 4.9 MW exactly, but 4.8999999999999995 in doubles.
    expect(outputRange(plant("windturbine", 1, 0, 5.6), { ...FUELS, "wind(%)": 87.5 }, binary)).toEqual({ lo: 49, hi: 49 });
    // 0.35 MW × 60 % = 0.21 MW → 0.2 MW.
    expect(outputRange(plant("windturbine", 1, 0, 0.35), FUELS, binary)).toEqual({ lo: 2, hi: 2 });
    expect(outputRange(plant("windturbine", 1, 0, 150), { ...FUELS, "wind(%)": 0 }, binary)).toBeNull();
    // A turbine keeps its pmin: 60 % of 10 MW is below a 7 MW minimum.
    expect(outputRange(plant("windturbine", 1, 7, 10), FUELS, binary)).toBeNull();
    expect(outputRange(plant("windturbine", 1, 5, 10), FUELS, curtailable)).toEqual({ lo: 50, hi: 60 });
  });
});

describe("integer cost units", () => {
  it("keeps every plan cost of the load exact in a double", () => {
    for (const [cost, load] of [
      [169.33, 200_000],
      [1e7, 200_000],
      [0.001, 10],
      [42.2, 0],
    ] as const) {
      const scale = costScale(cost, load);
      expect(Number.isInteger(Math.log2(scale))).toBe(true);
      expect(quantiseCost(cost, scale) * Math.max(1, load)).toBeLessThan(2 ** 52);
      // Fine enough: the rounding is a tiny share of the cost.
      expect(Math.abs(quantiseCost(cost, scale) / scale - cost)).toBeLessThanOrEqual(cost * 1e-9);
    }
    expect(costScale(0, 1000)).toBe(1);
  });

  it("stays finite for a subnormal cost (a price of 4.4e-323 once made it loop forever)", () => {
    const scale = costScale(4.4e-323 / 0.53, 9100);
    expect(Number.isFinite(scale)).toBe(true);
    expect(scale).toBeGreaterThan(0);
  });
});
