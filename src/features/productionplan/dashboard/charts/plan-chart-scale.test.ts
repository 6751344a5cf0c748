import { describe, expect, it } from "vitest";
import { formatEuros, formatMw, formatPrice, formatTick } from "./plan-chart-format";
import { axisTicks, labelStart, linearScale, loadAxisEnd, niceStep, textWidth, ticksUpTo } from "./plan-chart-scale";

describe("the charts' scales and ticks", () => {
  it("maps a domain onto a range, either way round", () => {
    const y = linearScale(0, 200, 300, 100);
    expect(y(0)).toBe(300);
    expect(y(200)).toBe(100);
    expect(y(50)).toBe(250);
    expect(linearScale(5, 5, 10, 20)(7)).toBe(10);
  });

  it("steps by 1, 2, 2.5 or 5 × 10ⁿ and puts a value axis's top tick at or above the data", () => {
    expect(niceStep(1257.6, 6)).toBe(250);
    expect(niceStep(169.3, 5)).toBe(50);
    expect(niceStep(0.9, 4)).toBe(0.25);
    expect(axisTicks(169.33 * 1.12, 5).values).toEqual([0, 50, 100, 150, 200]);
    expect(axisTicks(25_000, 5).values.at(-1)).toBe(25_000);
    expect(axisTicks(25_001, 4).values).toEqual([0, 10_000, 20_000, 30_000]);
    expect(axisTicks(40_255, 4).values.at(-1)).toBe(50_000);
    expect(axisTicks(0, 4).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("never ticks past the end of the data, and the ticks are round numbers", () => {
    const ticks = ticksUpTo(1257.6, 6);
    expect(ticks.values).toEqual([0, 250, 500, 750, 1000, 1250]);
    expect(ticksUpTo(0.3, 3).values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("reaches past the data for a load just beyond it, and pins a load far beyond to a quarter more", () => {
    expect(loadAxisEnd(1000, null)).toBe(1000);
    expect(loadAxisEnd(1000, 800)).toBe(1000);
    expect(loadAxisEnd(1000, 1100)).toBe(1100);
    expect(loadAxisEnd(1000, 40_000)).toBe(1250);
    expect(loadAxisEnd(0, null)).toBe(0.1);
  });

  it("keeps a label inside its bounds, centred on its anchor when there is room", () => {
    const width = textWidth("Load 910.0 MW", 12);
    expect(labelStart("Load 910.0 MW", 300, 0, 640, 12)).toBeCloseTo(300 - width / 2, 1);
    expect(labelStart("Load 910.0 MW", 2, 4, 640, 12)).toBe(4);
    expect(labelStart("Load 910.0 MW", 639, 4, 636, 12)).toBeCloseTo(636 - width, 1);
  });

  it("prints MW to the tenth, €/MWh to the cent and euros grouped, ticks with their step's decimals", () => {
    expect(formatMw(1257.6)).toBe("1,257.6");
    expect(formatMw(90)).toBe("90.0");
    expect(formatPrice(31.283019)).toBe("31.28");
    expect(formatEuros(25_069.317)).toBe("25,069.32");
    expect(formatTick(1250, 250)).toBe("1,250");
    expect(formatTick(7.5, 2.5)).toBe("7.5");
    expect(formatTick(0.5, 0.25)).toBe("0.50");
  });
});
