/** Ticks of a time axis over naive market-local instants (epoch ms read on the market's clock). */

export interface TimeTick {
  at: number;
  label: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Fixed steps up to two weeks; longer spans step by calendar months so ticks fall on the 1st. */
const FIXED_STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];

const iso = (ms: number) => new Date(ms).toISOString();

/** The first instant of a month counted from year 0 (Date.UTC would read years 0–99 as 1900–1999). */
function monthStart(month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(month / 12), month % 12, 1);
  return date.getTime();
}

/** At most `maxTicks` ticks on round instants inside [from, to], labelled as finely as their step needs. */
export function timeTicks(from: number, to: number, maxTicks: number): TimeTick[] {
  const span = to - from;
  const fixed = FIXED_STEPS.find((step) => span / step <= maxTicks);
  if (fixed !== undefined) {
    const label = fixed < DAY ? (ms: number) => iso(ms).slice(5, 16).replace("T", " ") : (ms: number) => iso(ms).slice(0, 10);
    const ticks: TimeTick[] = [];
    for (let at = Math.ceil(from / fixed) * fixed; at <= to; at += fixed) ticks.push({ at, label: label(at) });
    return ticks;
  }
  const start = new Date(from);
  const startMonth = start.getUTCFullYear() * 12 + start.getUTCMonth();
  const firstMonth = monthStart(startMonth) === from ? startMonth : startMonth + 1;
  const months = Math.max(1, span / (30 * DAY));
  const step = MONTH_STEPS.find((candidate) => months / candidate <= maxTicks) ?? MONTH_STEPS.at(-1)!;
  const ticks: TimeTick[] = [];
  for (let month = Math.ceil(firstMonth / step) * step; ; month += step) {
    const at = monthStart(month);
    if (at > to) break;
    ticks.push({ at, label: step >= 12 ? iso(at).slice(0, 4) : iso(at).slice(0, 7) });
  }
  return ticks;
}
