import { describe, expect, it } from "vitest";
import { DAY_MS, formatInstant, HOUR_MS, parseInstant } from "../../lib/instant";
import { circuitId } from "./circuit-id";
import { combine, groupFigures } from "./usage-figures";
import { planWindow, sourcesForSeries } from "./window-plan";

const at = (iso: string) => Date.parse(iso);

describe("instants", () => {
  it("reads ISO 8601 with Z or an offset, fractions included", () => {
    expect(parseInstant("2024-04-01T00:00:00Z")).toBe(at("2024-04-01T00:00:00Z"));
    expect(parseInstant("2024-04-01T02:00:00+02:00")).toBe(at("2024-04-01T00:00:00Z"));
    expect(parseInstant("2024-04-01T05:30:00.250+05:30")).toBe(at("2024-04-01T00:00:00.250Z"));
    expect(parseInstant("2024-03-31T20:00-04:00")).toBe(at("2024-04-01T00:00:00Z"));
  });

  it("refuses instants without an offset, impossible dates and other shapes", () => {
    for (const bad of [
      "2024-04-01T00:00:00",
      "2024-04-01",
      "2024-02-30T00:00:00Z",
      "2024-04-01T24:00:00Z",
      "2024-04-01T00:00:00+25:00",
      "now",
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });

  it("formats in UTC without zero milliseconds", () => {
    expect(formatInstant(at("2024-04-01T00:00:00Z"))).toBe("2024-04-01T00:00:00Z");
    expect(formatInstant(at("2024-04-01T00:00:00.5Z"))).toBe("2024-04-01T00:00:00.500Z");
  });
});

describe("window plan", () => {
  it("reads whole days from daily rollups, whole hours from hourly ones and the edges raw", () => {
    expect(planWindow(at("2024-01-01T10:30:00Z"), at("2024-01-04T02:15:00Z"))).toEqual([
      { source: "raw", from: at("2024-01-01T10:30:00Z"), to: at("2024-01-01T11:00:00Z") },
      { source: "hour", from: at("2024-01-01T11:00:00Z"), to: at("2024-01-02T00:00:00Z") },
      { source: "day", from: at("2024-01-02T00:00:00Z"), to: at("2024-01-04T00:00:00Z") },
      { source: "hour", from: at("2024-01-04T00:00:00Z"), to: at("2024-01-04T02:00:00Z") },
      { source: "raw", from: at("2024-01-04T02:00:00Z"), to: at("2024-01-04T02:15:00Z") },
    ]);
  });

  it("covers every window exactly, and a year costs a bounded number of rows", () => {
    for (const [from, to] of [
      [at("2024-01-01T00:00:00Z"), at("2024-12-31T00:00:00Z")],
      [at("2024-01-01T00:00:13Z"), at("2024-01-01T00:59:59Z")],
      [at("2024-01-01T23:59:00Z"), at("2024-01-02T00:01:00Z")],
    ] as const) {
      const plan = planWindow(from, to);
      expect(plan[0]!.from).toBe(from);
      expect(plan.at(-1)!.to).toBe(to);
      for (let i = 1; i < plan.length; i++) expect(plan[i]!.from).toBe(plan[i - 1]!.to);
    }
    const year = planWindow(at("2024-01-01T00:30:00Z"), at("2024-12-31T23:30:00Z"));
    const rows = year.reduce((sum, s) => sum + (s.to - s.from) / (s.source === "day" ? DAY_MS : s.source === "hour" ? HOUR_MS : 60_000), 0);
    expect(rows).toBeLessThan(500);
  });

  it("lets a series read only the rollups that nest in its buckets", () => {
    expect(sourcesForSeries(at("2024-01-01T00:00:00Z"), DAY_MS)).toEqual(["day", "hour"]);
    expect(sourcesForSeries(at("2024-01-01T02:00:00Z"), DAY_MS)).toEqual(["hour"]);
    expect(sourcesForSeries(at("2024-01-01T00:00:00Z"), 900_000)).toEqual([]);
    expect(sourcesForSeries(at("2024-01-01T00:30:00Z"), HOUR_MS)).toEqual([]);
  });
});

describe("figures", () => {
  it("combines parts keeping the earliest maximum", () => {
    expect(
      combine([
        { sampleCount: 2, sumWatts: 10, maxWatts: 7, maxAt: 50 },
        { sampleCount: 0, sumWatts: 0, maxWatts: null, maxAt: null },
        { sampleCount: 3, sumWatts: 12, maxWatts: 7, maxAt: 20 },
      ]),
    ).toEqual({ sampleCount: 5, sumWatts: 22, maxWatts: 7, maxAt: 20 });
  });

  it("sums group figures, counting circuits without samples", () => {
    const circuit = (sample_count: number, avg: number | null) => ({
      sample_count,
      expected_samples: 10,
      coverage: sample_count / 10,
      total_watts: (avg ?? 0) * sample_count,
      avg_watts: avg,
      max_watts: null,
      max_at: null,
      energy_wh: 1,
    });
    expect(groupFigures([circuit(10, 100), circuit(5, 50), circuit(0, null)])).toEqual({
      circuit_count: 3,
      sample_count: 15,
      expected_samples: 30,
      coverage: 0.5,
      total_watts: 1250,
      avg_watts: 150,
      avg_watts_per_circuit: 50,
      energy_wh: 3,
    });
  });
});

describe("circuit ids", () => {
  it("are UUIDv5 of sensor id and number, whatever the id's case", async () => {
    // Reference value from Python's uuid.uuid5 in the documented namespace.
    expect(await circuitId("785097C8-2B34-410A-A8EA-BCAF10791C45", 1)).toBe("470d206c-b732-53fd-861e-984e41761150");
  });
});
