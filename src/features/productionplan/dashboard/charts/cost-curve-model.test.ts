import { describe, expect, it } from "vitest";
import { CURVE_WIDTH, costCurveLayout, feasibleRanges, gapBands, loadOnCurve, MIN_BAND_WIDTH } from "./cost-curve-model";
import { curveLoadLabel, curveSummary } from "./cost-curve-words";
import { payload3Curve, syntheticCurve } from "./plan-chart-fixtures";

const x = (mw: number) => 100 + mw * 0.05;

describe("the hatched bands of loads with no plan", () => {
  it("cover each gap from half a step before to half a step after", () => {
    const [band] = gapBands([{ from: 0.1, to: 99.9 }], 0.1, (mw) => mw * 5, 0, 10_000);
    // 0.05 and 99.95 MW at 5 units per MW, to the tenth of a unit the chart draws.
    expect(Math.abs(band!.x0 - 0.25)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(band!.x1 - 499.75)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(band).toMatchObject({ from: 0.1, to: 99.9, gaps: 1 });
  });

  it("give a one-step gap at least the minimum width, centred on it", () => {
    const [band] = gapBands([{ from: 500, to: 500 }], 0.1, x, 100, 600);
    expect(band!.x1 - band!.x0).toBeGreaterThanOrEqual(MIN_BAND_WIDTH - 0.1);
    expect((band!.x0 + band!.x1) / 2).toBeCloseTo(x(500), 0);
  });

  it("merge gaps closer than their width into one band that names them all, and keep distant ones apart", () => {
    const bands = gapBands(
      [
        { from: 500, to: 500 },
        { from: 500.2, to: 500.3 },
        { from: 2_000, to: 2_000 },
      ],
      0.1,
      x,
      100,
      600,
    );
    expect(bands).toHaveLength(2);
    expect(bands[0]).toMatchObject({ from: 500, to: 500.3, gaps: 2 });
    expect(bands[1]).toMatchObject({ from: 2_000, to: 2_000, gaps: 1 });
  });

  it("stay inside the plot", () => {
    const [band] = gapBands([{ from: 0.1, to: 0.1 }], 0.1, x, 100, 600);
    expect(band!.x0).toBeGreaterThanOrEqual(100);
  });
});

describe("a load on the curve", () => {
  const curve = syntheticCurve(10_001, [
    [1, 999],
    [5_000, 5_000],
  ]);

  it("is feasible with its cost and marginal plant, in a gap, beyond the capacity, or off the grid", () => {
    const at = loadOnCurve(curve, 700);
    const index = curve.points.load.indexOf(700);
    expect(at).toEqual({
      kind: "feasible",
      totalCost: curve.points.total_cost[index],
      price: curve.plants[curve.points.marginal[index]!]!.cost_per_mwh,
      marginal: curve.plants[curve.points.marginal[index]!]!.name,
    });
    expect(loadOnCurve(curve, 0)).toMatchObject({ kind: "feasible", price: null, marginal: null });
    expect(loadOnCurve(curve, 50)).toEqual({ kind: "gap" });
    expect(loadOnCurve(curve, 500)).toEqual({ kind: "gap" });
    expect(loadOnCurve(curve, 1_000.1)).toEqual({ kind: "beyond-capacity" });
    expect(loadOnCurve({ ...curve, points: { load: [0, 1], total_cost: [0, 1], marginal: [null, 0] }, gaps: [] }, 0.5)).toEqual({
      kind: "off-grid",
    });
  });

  it("is labelled with its figures, or says there is no plan", () => {
    expect(curveLoadLabel(50, { kind: "gap" }, false)).toBe("Load 50.0 MW: no plan at this load");
    expect(curveLoadLabel(910, { kind: "feasible", totalCost: 25_069.317, price: 31.283019, marginal: "gasfiredbig2" }, false)).toBe(
      "Load 910.0 MW: 25,069.32 € · 31.28 €/MWh",
    );
  });
});

describe("the cost curve's layout", () => {
  it("lists the feasible ranges between the gaps", () => {
    const curve = syntheticCurve(10_001, [
      [1, 999],
      [5_000, 5_000],
    ]);
    expect(feasibleRanges(curve.points.load, 0.1)).toEqual([
      { from: 0, to: 0 },
      { from: 100, to: 499.9 },
      { from: 500.1, to: 1_000 },
    ]);
    expect(curveSummary(curve, feasibleRanges(curve.points.load, 0.1), 500, { kind: "gap" })).toBe(
      "Plans exist for 0.0 MW, 100.0–499.9 MW and 500.1–1,000.0 MW. Capacity 1,000.0 MW. " +
        "No plan at 500.0 MW: no combination of plants makes it exactly.",
    );
  });

  it("draws 100,000 loads as a few points per pixel column, in unbroken runs between the gaps", () => {
    const curve = syntheticCurve(100_001, [
      [1, 999],
      [40_000, 40_000],
      [70_000, 70_100],
    ]);
    const layout = costCurveLayout(curve, 5_000);
    const columns = CURVE_WIDTH;
    expect(layout.drawnPoints).toBeLessThan(2 * 2 * columns + 16);
    // Load 0 stands alone before the first gap: a dot in the cost panel; it has no marginal price.
    expect(layout.cost.dots).toHaveLength(1);
    expect(layout.cost.lines).toHaveLength(3);
    expect(layout.price.lines).toHaveLength(3);
    expect(layout.bands).toHaveLength(3);
    expect(layout.bands.every((band) => band.x1 - band.x0 >= MIN_BAND_WIDTH - 0.1)).toBe(true);
  });

  it("lines the cost and price panels up on one load axis and marks the load in both", () => {
    const curve = payload3Curve({ load: [0, 100, 100.1], total_cost: [0, 3_128.3, 3_131.43], marginal: [null, 2, 2] });
    const layout = costCurveLayout({ ...curve, capacity: 100.1, max_load: 100.1, gaps: [{ from: 0.1, to: 99.9 }] }, 100);
    expect(layout.load).toMatchObject({ x: expect.closeTo(layout.right - (0.1 / 100.1) * (layout.right - layout.left), 1), pinned: false });
    expect(layout.load?.at).toMatchObject({ kind: "feasible", price: 31.283019 });
    expect(layout.cost.bottom).toBeLessThan(layout.price.top);
    const far = costCurveLayout({ ...curve, capacity: 100.1, max_load: 100.1 }, 1_000);
    expect(far.load).toMatchObject({ x: far.right, pinned: true, at: { kind: "beyond-capacity" } });
    expect(far.beyond).toMatchObject({ x1: far.right, gaps: 0 });
  });
});
