// Pure: imports nothing from Workers, so it runs the same in Node and workerd.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { circuitFigures, coverageOf, expectedSamples, groupFigures, type UsageFigures } from "./usage-figures";

const at = (iso: string) => Date.parse(iso);
const window = (start: string, end: string) => ({ from: at(start), to: at(end) });
const full = (sampleCount: number) => ({ sampleCount, sumWatts: sampleCount, maxWatts: 1, maxAt: 0 });

describe("expected samples", () => {
  it("count the sensor's grid instants inside [start, end), anchored at the epoch", () => {
    // Grid instants 10:31:00 … 13:15:00.
    expect(expectedSamples(window("2024-04-01T10:30:30Z", "2024-04-01T13:15:10Z"), 60)).toBe(165);
    expect(expectedSamples(window("2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z"), 60)).toBe(1440);
    expect(expectedSamples(window("2024-04-01T00:00:00Z", "2024-04-01T00:00:00.001Z"), 60)).toBe(1);
    expect(expectedSamples(window("2024-04-01T00:00:00.001Z", "2024-04-01T00:01:00Z"), 60)).toBe(0);
    expect(expectedSamples(window("2024-04-01T00:00:00.001Z", "2024-04-01T00:01:00.001Z"), 60)).toBe(1);
  });

  it("count the grid before 1970 the same way", () => {
    expect(expectedSamples(window("1969-12-31T23:58:30Z", "1970-01-01T00:01:30Z"), 60)).toBe(3);
    expect(expectedSamples(window("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z"), 60)).toBe(0);
    expect(expectedSamples(window("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z"), 60)).toBe(1);
    expect(expectedSamples(window("0050-06-01T00:00:30Z", "0050-06-01T01:00:30Z"), 900)).toBe(4);
  });

  it("equal a brute-force count of k × interval in the window, and split exactly over adjacent windows", () => {
    const bound = fc.integer({ min: -5 * 86_400_000, max: 5 * 86_400_000 });
    fc.assert(
      fc.property(
        bound,
        fc.integer({ min: 1, max: 2 * 86_400_000 }),
        fc.integer({ min: 0, max: 2 * 86_400_000 }),
        fc.constantFrom(1, 7, 60, 300, 900, 3600, 86_400),
        (from, length, split, seconds) => {
          const to = from + length;
          const interval = seconds * 1000;
          let count = 0;
          for (let k = Math.floor(from / interval) - 1; k * interval < to; k++) if (k * interval >= from) count++;
          const expected = expectedSamples({ from, to }, seconds);
          expect(expected).toBe(count);
          const middle = Math.min(to, from + split);
          expect(expectedSamples({ from, to: middle }, seconds) + expectedSamples({ from: middle, to }, seconds)).toBe(expected);
        },
      ),
      { seed: 1440, numRuns: 500 },
    );
  });
});

describe("coverage", () => {
  it("is never above 1, even with more readings than grid instants", () => {
    const figures = circuitFigures(full(166), window("2024-04-01T10:30:30Z", "2024-04-01T13:15:10Z"), 60, String);
    expect(figures).toMatchObject({ sample_count: 166, expected_samples: 165, coverage: 1 });
    expect(circuitFigures(full(165), window("2024-04-01T10:30:30Z", "2024-04-01T13:15:10Z"), 60, String).coverage).toBe(1);
    expect(circuitFigures(full(33), window("2024-04-01T10:30:30Z", "2024-04-01T13:15:10Z"), 60, String).coverage).toBe(0.2);
  });

  it("is 1 when no grid instant falls in the window: nothing due is missing", () => {
    expect(coverageOf(0, 0)).toBe(1);
    expect(circuitFigures(full(1), window("2024-04-01T00:00:10Z", "2024-04-01T00:00:40Z"), 60, String)).toMatchObject({
      expected_samples: 0,
      coverage: 1,
    });
  });

  it("of a group counts each circuit for at most what it was due", () => {
    const circuit = (sample_count: number, expected_samples: number): UsageFigures => ({
      sample_count,
      expected_samples,
      coverage: coverageOf(sample_count, expected_samples),
      total_watts: 0,
      avg_watts: null,
      max_watts: null,
      max_at: null,
      energy_wh: 0,
    });
    // One circuit's 20 extra readings do not hide the other's 10 missing ones.
    expect(groupFigures([circuit(120, 100), circuit(90, 100)])).toMatchObject({ sample_count: 210, expected_samples: 200, coverage: 0.95 });
    expect(groupFigures([])).toMatchObject({ circuit_count: 0, expected_samples: 0, coverage: 1 });
  });
});
