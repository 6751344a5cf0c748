import { describe, expect, it } from "vitest";
import { MAX_PAGE_POINTS, planChart } from "./chart-plan";
import type { ViewRequest } from "./insights-dashboard.schemas";
import { Zone } from "./zoned-time";

const at = (iso: string) => Date.parse(iso);
const latest = at("2024-04-01T23:59:00Z");
const request = (change: Partial<ViewRequest>): ViewRequest => ({
  preset: "24h",
  custom: undefined,
  zone: Zone.UTC,
  resolution: undefined,
  group: "circuit",
  csv: false,
  ...change,
});

describe("a view's plan", () => {
  it("takes a preset relative to the latest reading, or to the current hour when there is none", () => {
    const plan = planChart(request({}), latest, at("2030-01-01T12:34:00Z"), 1);
    expect(plan.ok && plan.plan.window).toEqual({ from: at("2024-04-01T00:00:00Z"), to: at("2024-04-02T00:00:00Z") });
    const empty = planChart(request({}), null, at("2030-01-01T12:34:00Z"), 1);
    expect(empty.ok && empty.plan.window).toEqual({ from: at("2029-12-31T13:00:00Z"), to: at("2030-01-01T13:00:00Z") });
  });

  it(`keeps a page of many series within ${MAX_PAGE_POINTS.toLocaleString("en-US")} points by choosing coarser buckets`, () => {
    const week = request({ preset: "7d" });
    const few = planChart(week, latest, 0, 12);
    expect(few.ok && few.plan.resolution).toBe("15m");
    const many = planChart(week, latest, 0, 200);
    expect(many.ok && many.plan.resolution).toBe("1h");
    expect(many.ok && (many.plan.edges.length - 1) * 200).toBeLessThanOrEqual(MAX_PAGE_POINTS);
  });

  it("refuses, naming the resolution, a series past the API's 10,000 buckets or a page past its points", () => {
    const custom = { start: "", end: "", window: { from: at("2024-03-25T00:00:00Z"), to: at("2024-04-01T23:00:00Z") } };
    expect(planChart(request({ custom, preset: undefined, resolution: "1m" }), latest, 0, 1)).toMatchObject({
      ok: false,
      parameter: "resolution",
      message: expect.stringMatching(/^a 1m series over this window has 11,460 points, more than 10,000/),
    });
    const shorter = { ...custom, window: { from: at("2024-03-26T00:00:00Z"), to: at("2024-04-01T00:00:00Z") } };
    expect(planChart(request({ custom: shorter, preset: undefined, resolution: "1m" }), latest, 0, 12)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/8,640 points for each of 12 series, more than 100,000 in all/),
    });
    expect(planChart(request({ custom: shorter, preset: undefined, resolution: "1m" }), latest, 0, 11).ok).toBe(true);
  });
});
