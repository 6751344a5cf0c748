/** Scales and ticks shared by the production-plan charts: plain numbers in, SVG user units out. */

/** A tenth of a user unit is finer than any screen shows, and keeps 100,000 points' markup small. */
export const px = (value: number) => Math.round(value * 10) / 10;

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** The round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts `span` into at most about `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw * (1 - 1e-12))!;
}

/** A tick placed on its axis: the value, where it is in user units, and how it reads. */
export interface Tick {
  value: number;
  at: number;
  label: string;
}

export interface Ticks {
  values: number[];
  step: number;
}

/**
 * A value axis from 0 to a multiple of a round step at or above `max`, so the highest value sits under a tick: of
 * the steps for `count` to `count + 2` intervals, the one whose top wastes least room (40,255 → 50,000, not 60,000).
 */
export function axisTicks(max: number, count: number): Ticks {
  if (!(max > 0)) return { values: [0, 0.25, 0.5, 0.75, 1], step: 0.25 };
  const tops = [count, count + 1, count + 2].map((n) => {
    const step = niceStep(max, n);
    return { step, intervals: Math.ceil(max / step - 1e-9) };
  });
  const best = tops.reduce((a, b) => (b.step * b.intervals < a.step * a.intervals ? b : a));
  return { values: Array.from({ length: best.intervals + 1 }, (_, k) => Number((k * best.step).toPrecision(12))), step: best.step };
}

/** The multiples of a round step from 0 up to `max` inclusive (no tick past the data's end). */
export function ticksUpTo(max: number, count: number): Ticks {
  const step = niceStep(max, count);
  const values: number[] = [];
  for (let k = 0; k * step <= max * (1 + 1e-12); k++) values.push(Number((k * step).toPrecision(12)));
  return { values, step };
}

/**
 * How far an axis of MW reaches: the data's end, or a little beyond to show a load just past it. A load far beyond
 * (a typo, 40,000 MW on a 500 MW fleet) would squash the chart to a sliver, so it is pinned to the edge instead.
 */
export function loadAxisEnd(dataEnd: number, load: number | null): number {
  const end = Math.max(dataEnd, 0.1);
  if (load === null || load <= end) return end;
  return Math.min(load, end * 1.25);
}

/** A rough width of a label in user units, to decide whether it fits; system-ui digits and letters average ≤ 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** Where a one-line label starts so it stays inside [left, right], centred on `anchor` when there is room. */
export function labelStart(text: string, anchor: number, left: number, right: number, fontSize: number): number {
  const width = textWidth(text, fontSize);
  return px(Math.max(left, Math.min(right - width, anchor - width / 2)));
}
