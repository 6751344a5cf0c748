import { describe, expect, it } from "vitest";
import { outputBars } from "./output-bars-model";
import { PAYLOAD3_PLAN, payload3Curve } from "./plan-chart-fixtures";
import { plantFigures } from "./plant-figures";

describe("the output bars", () => {
  const { bars, widest } = outputBars(plantFigures(payload3Curve(), PAYLOAD3_PLAN));
  const bar = (name: string) => bars.find((b) => b.plant.name === name)!;

  it("share one scale: the widest plant's track is full, the others in proportion to their available maximum", () => {
    expect(widest).toBe(460);
    expect(bar("gasfiredbig1").track).toBe(1);
    expect(bar("windpark1").track).toBeCloseTo(90 / 460, 10);
    expect(bar("tj1").track).toBeCloseTo(16 / 460, 10);
  });

  it("fill what the plan dispatches and mark the minimum of plants that have one", () => {
    expect(bar("gasfiredbig2").fill).toBeCloseTo(338.4 / 460, 10);
    expect(bar("gasfiredbig2").minMark).toBeCloseTo(100 / 460, 10);
    expect(bar("gasfiredsomewhatsmaller").fill).toBe(0);
    expect(bar("windpark1").minMark).toBeNull();
  });

  it("keep merit order, show a plant that cannot run as one with no track, and have no fill without a plan", () => {
    expect(bars.map((b) => b.plant.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(bar("windpark3")).toMatchObject({ track: 0, minMark: null });
    expect(bar("windpark3").plant.available).toBeNull();
    expect(outputBars(plantFigures(payload3Curve(), null)).bars.every((b) => b.fill === null)).toBe(true);
  });
});
