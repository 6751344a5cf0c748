/**
 * Thinning a curve of up to 200,001 loads to what a chart can show: a few points per pixel column. Pure, so the
 * server and the browser draw the same picture and the tests can check it.
 */

/** A stretch of the curve with no gap inside: loads one grid step apart, as two arrays of the same length. */
export interface CurveRun {
  loads: number[];
  values: number[];
}

/**
 * The curve split where it must not be drawn joined: where the next feasible load is more than one grid step
 * further (a gap between them), or where a load has no value (the marginal price of load 0).
 */
export function curveRuns(loads: readonly number[], values: readonly (number | null)[], step: number): CurveRun[] {
  const stepTenths = Math.round(step * 10);
  const runs: CurveRun[] = [];
  let current: CurveRun | null = null;
  let previousTenths = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < loads.length; i++) {
    const load = loads[i]!;
    const value = values[i];
    const tenths = Math.round(load * 10);
    if (value === null || value === undefined) {
      current = null;
    } else {
      if (current === null || tenths - previousTenths > stepTenths) {
        current = { loads: [], values: [] };
        runs.push(current);
      }
      current.loads.push(load);
      current.values.push(value);
    }
    previousTenths = tenths;
  }
  return runs;
}

/**
 * Of a run, its first and last points (so it starts and ends exactly beside its gaps) and each column's lowest and
 * highest, in load order, so a step or a one-load spike survives however many loads share the column. `column`
 * gives a load's column (whole numbers, ascending with load).
 */
export function decimateRun(run: CurveRun, column: (load: number) => number): CurveRun {
  const kept: number[] = [];
  const keep = (index: number) => {
    if (kept.at(-1) !== index) kept.push(index);
  };
  const count = run.loads.length;
  let columnStart = 0;
  while (columnStart < count) {
    const current = column(run.loads[columnStart]!);
    let low = columnStart;
    let high = columnStart;
    let end = columnStart + 1;
    for (; end < count && column(run.loads[end]!) === current; end++) {
      if (run.values[end]! < run.values[low]!) low = end;
      if (run.values[end]! > run.values[high]!) high = end;
    }
    if (columnStart === 0) keep(0);
    keep(Math.min(low, high));
    keep(Math.max(low, high));
    if (end === count) keep(count - 1);
    columnStart = end;
  }
  return { loads: kept.map((i) => run.loads[i]!), values: kept.map((i) => run.values[i]!) };
}

/**
 * A run as SVG polyline points, dropping what a screen cannot show: a point at the same place as the one before,
 * and the middle of three on one horizontal (a flat price stays two points however long it is).
 */
export function polylinePoints(run: CurveRun, x: (load: number) => number, y: (value: number) => number): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < run.loads.length; i++) {
    const point: [number, number] = [Math.round(x(run.loads[i]!) * 10) / 10, Math.round(y(run.values[i]!) * 10) / 10];
    const last = points.at(-1);
    if (last && last[0] === point[0] && last[1] === point[1]) continue;
    const beforeLast = points.at(-2);
    if (last && beforeLast && beforeLast[1] === last[1] && last[1] === point[1]) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}
