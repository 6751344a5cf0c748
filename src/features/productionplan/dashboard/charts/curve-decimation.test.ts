import { describe, expect, it } from "vitest";
import { curveRuns, decimateRun, polylinePoints } from "./curve-decimation";
import { seeded } from "./plan-chart-fixtures";

/** A run of `count` loads 0.1 MW apart from `start`, with values from `value`. */
function run(start: number, count: number, value: (i: number) => number) {
  const loads = Array.from({ length: count }, (_, i) => (Math.round(start * 10) + i) / 10);
  return { loads, values: loads.map((_, i) => value(i)) };
}

describe("splitting the curve into runs", () => {
  it("breaks where the next feasible load is more than one step on, and where a load has no value", () => {
    const loads = [0, 10, 10.1, 10.2, 12, 12.1];
    const values = [null, 1, 2, 3, 4, 5];
    expect(curveRuns(loads, values, 0.1)).toEqual([
      { loads: [10, 10.1, 10.2], values: [1, 2, 3] },
      { loads: [12, 12.1], values: [4, 5] },
    ]);
    expect(curveRuns([0, 0.1, 0.2, 0.5], [0, 1, 2, 3], 0.1)).toHaveLength(2);
  });

  it("compares loads in tenths, so float noise in 0.1 + 0.2 does not split a run", () => {
    expect(curveRuns([0.1, 0.1 + 0.2, 0.4], [1, 2, 3], 0.2)).toHaveLength(1);
    expect(curveRuns([0, 1, 2], [1, 2, 3], 1)).toHaveLength(1);
  });
});

describe("decimating a run per pixel column", () => {
  const column = (load: number) => Math.floor(load);

  it("keeps every column's lowest and highest value, and the run's first and last point", () => {
    const random = seeded(7);
    const data = run(0, 5_000, () => random() * 1_000);
    const kept = decimateRun(data, column);
    for (let col = 0; col < 500; col++) {
      const inColumn = data.values.filter((_, i) => column(data.loads[i]!) === col);
      const keptInColumn = kept.values.filter((_, i) => column(kept.loads[i]!) === col);
      expect(keptInColumn).toContain(Math.min(...inColumn));
      expect(keptInColumn).toContain(Math.max(...inColumn));
      expect(keptInColumn.length).toBeLessThanOrEqual(4);
    }
    expect(kept.loads[0]).toBe(data.loads[0]);
    expect(kept.loads.at(-1)).toBe(data.loads.at(-1));
  });

  it("keeps a one-load spike and both levels of a step, in load order", () => {
    const spiky = run(0, 1_000, (i) => (i === 437 ? 999 : i < 600 ? 10 : 20));
    const kept = decimateRun(spiky, column);
    expect(kept.values).toContain(999);
    expect(kept.loads[kept.values.indexOf(999)]).toBe(43.7);
    expect(new Set(kept.values)).toEqual(new Set([10, 20, 999]));
    expect([...kept.loads].sort((a, b) => a - b)).toEqual(kept.loads);
  });

  it("never bridges a gap: each decimated run lies inside one feasible stretch", () => {
    const random = seeded(11);
    const loads: number[] = [];
    const values: number[] = [];
    for (let tenths = 0; tenths < 20_000; tenths++) {
      if ((tenths >= 501 && tenths <= 999) || tenths === 5_000 || (tenths >= 12_345 && tenths <= 12_347)) continue;
      loads.push(tenths / 10);
      values.push(random());
    }
    const gaps = [
      [50.1, 99.9],
      [500, 500],
      [1234.5, 1234.7],
    ];
    const decimated = curveRuns(loads, values, 0.1).map((r) => decimateRun(r, column));
    expect(decimated).toHaveLength(4);
    for (const r of decimated) {
      for (const [from, to] of gaps) expect(r.loads[0]! > to! || r.loads.at(-1)! < from!).toBe(true);
    }
  });
});

describe("a run as polyline points", () => {
  it("drops repeated points and the middle of flat stretches, keeping where a step rises", () => {
    const flat = run(0, 100, (i) => (i < 50 ? 5 : 8));
    const points = polylinePoints(
      flat,
      (load) => load * 10,
      (value) => 100 - value,
    );
    expect(points).toEqual([
      [0, 95],
      [49, 95],
      [50, 92],
      [99, 92],
    ]);
  });
});
