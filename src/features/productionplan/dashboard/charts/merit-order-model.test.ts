import { describe, expect, it } from "vitest";
import type { PlanCurve, V1Plan } from "../../productionplan.schemas";
import { meritOrder, meritOrderLayout, stepTitle } from "./merit-order-model";
import { meritCaption, meritLoadLabel } from "./merit-order-words";
import { PAYLOAD3_PLAN, payload3Curve } from "./plan-chart-fixtures";
import { plantFigures } from "./plant-figures";

const curve = payload3Curve();
const steps = (plan: V1Plan | null = PAYLOAD3_PLAN) => meritOrder(plantFigures(curve, plan));

describe("the merit order's steps", () => {
  it("start where the cheaper plants' available maxima end, in merit order, skipping plants that cannot run", () => {
    const order = steps();
    expect(order.steps.map((step) => [step.name, step.start])).toEqual([
      ["windpark1", 0],
      ["windpark2", 90],
      ["gasfiredbig1", 111.6],
      ["gasfiredbig2", 571.6],
      ["gasfiredsomewhatsmaller", 1031.6],
      ["tj1", 1241.6],
    ]);
    expect(order.capacity).toBe(1257.6);
    expect(order.unusable.map((plant) => plant.name)).toEqual(["windpark3"]);
  });

  it("sums tenths exactly, where adding floats would drift", () => {
    const tiny: PlanCurve = {
      ...curve,
      plants: [0.1, 0.2, 0.3].map((max, i) => ({ name: `p${i}`, type: "turbojet", cost_per_mwh: i, available: { min: 0, max } })),
    };
    const order = meritOrder(plantFigures(tiny, null));
    expect(order.steps.map((step) => step.start)).toEqual([0, 0.1, 0.3]);
    expect(order.capacity).toBe(0.6);
  });

  it("takes each plant's output from the plan by name; without a plan there is none", () => {
    expect(steps().steps.map((step) => step.p)).toEqual([90, 21.6, 460, 338.4, 0, 0]);
    expect(steps().steps.find((step) => step.marginal)?.name).toBe("gasfiredbig2");
    expect(meritOrder(plantFigures(curve, null)).steps.every((step) => step.p === null)).toBe(true);
  });
});

describe("the merit-order chart's geometry", () => {
  const layout = meritOrderLayout(steps(), 910);
  const { plot } = layout;
  const perMw = (plot.right - plot.left) / 1257.6;

  it("places steps side by side across the plot, each as wide as its available maximum", () => {
    expect(layout.boxes[0]!.x0).toBe(plot.left);
    expect(layout.boxes.at(-1)!.x1).toBeCloseTo(plot.right, 1);
    layout.boxes.forEach((box, i) => {
      expect(box.x1 - box.x0).toBeCloseTo(box.step.available.max * perMw, 0);
      if (i > 0) expect(box.x0).toBe(layout.boxes[i - 1]!.x1);
    });
  });

  it("shades exactly the dispatched MW, from the step's start", () => {
    for (const box of layout.boxes) expect(box.dispatchX! - box.x0).toBeCloseTo(box.step.p! * perMw, 0);
    const big2 = layout.boxes.find((box) => box.step.name === "gasfiredbig2")!;
    expect(big2.dispatchX! - big2.x0).toBeCloseTo(338.4 * perMw, 0);
    expect(meritOrderLayout(meritOrder(plantFigures(curve, null)), null).boxes.every((box) => box.dispatchX === null)).toBe(true);
  });

  it("marks the part below each plant's minimum, and gives free plants a visible strip", () => {
    const big1 = layout.boxes.find((box) => box.step.name === "gasfiredbig1")!;
    expect(big1.minX - big1.x0).toBeCloseTo(100 * perMw, 0);
    const wind = layout.boxes[0]!;
    expect(wind.minX).toBe(wind.x0);
    expect(plot.bottom - wind.top).toBeGreaterThanOrEqual(3);
  });

  it("orders the heights by price and leaves room above the dearest step", () => {
    const tops = layout.boxes.map((box) => box.top);
    expect([...tops].sort((a, b) => b - a)).toEqual(tops);
    expect(layout.boxes.at(-1)!.top).toBeGreaterThan(plot.top);
    expect(layout.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(169.33);
  });

  it("names a step when its name fits, numbers it when only that fits, and leaves a sliver to its tooltip", () => {
    const label = (name: string) => layout.boxes.find((box) => box.step.name === name)!.label;
    expect(label("gasfiredbig1")?.text).toBe("gasfiredbig1");
    expect(label("windpark1")?.text).toBe("1");
    expect(label("windpark2")).toBeNull();
    expect(label("tj1")).toBeNull();
    expect(stepTitle(steps().steps[5]!)).toContain("tj1 (turbojet): 169.33 €/MWh; available 0.0–16.0 MW");
  });

  it("draws the load where it is, and pins one far beyond the capacity to the edge", () => {
    expect(layout.load).toEqual({ x: expect.closeTo(plot.left + 910 * perMw, 0), pinned: false });
    const far = meritOrderLayout(steps(), 40_000);
    expect(far.load).toEqual({ x: far.plot.right, pinned: true });
    expect(meritOrderLayout(steps(), null).load).toBeNull();
  });

  it("says in words what runs, what cannot, and why nothing is shaded without a plan", () => {
    expect(meritCaption(steps(), PAYLOAD3_PLAN, 910)).toBe(
      "6 plants can run this hour, 1,257.6 MW in all, cheapest first. Cannot run this hour: windpark3. " +
        "At 910.0 MW the plan runs 4 plants; the marginal plant is gasfiredbig2 at 31.28 €/MWh.",
    );
    expect(meritCaption(steps(null), null, 2000)).toContain("2,000.0 MW is beyond the capacity: no plan");
    expect(meritCaption(steps(null), null, 50)).toContain("No combination of plants makes exactly 50.0 MW");
    expect(meritLoadLabel(910, PAYLOAD3_PLAN, false)).toBe("Load 910.0 MW · marginal 31.28 €/MWh");
    expect(meritLoadLabel(50, null, false)).toBe("Load 50.0 MW: no plan");
  });
});
