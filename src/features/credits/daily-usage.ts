import { DAY_MS } from "../../lib/instant";
import { toCredits } from "./text-pricing";

/** The UTC day number of an instant (days since 1970-01-01, floored, so earlier instants fall on their own day). */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

export interface DayTotal {
  /** UTC day number. */
  day: number;
  messages: number;
  /** Hundredths of a credit. */
  credits: number;
}

export interface DayUsage {
  date: string;
  messages: number;
  credits: number;
}

/** One entry per UTC day from `firstDay` to `lastDay`, days without messages included as 0. */
export function everyDay(totals: readonly DayTotal[], firstDay: number, lastDay: number): DayUsage[] {
  const byDay = new Map(totals.map((total) => [total.day, total]));
  const days: DayUsage[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const total = byDay.get(day);
    days.push({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      messages: total?.messages ?? 0,
      credits: toCredits(total?.credits ?? 0),
    });
  }
  return days;
}
