/**
 * Cron expressions as Cloudflare's Cron Triggers read them: five fields
 * (minute hour day-of-month month day-of-week), evaluated in UTC. Supports
 * `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists.
 */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

export interface CronSchedule {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Standard cron: when both day fields are restricted, a day matching either fires. */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`cron ${field.name} field: cannot read '${part}'`);
    const step = match[4] ? Number(match[4]) : 1;
    let from: number = field.min;
    let to: number = field.max;
    if (match[1] !== "*") {
      from = Number(match[2]);
      to = match[3] !== undefined ? Number(match[3]) : match[4] ? field.max : from;
    }
    if (step < 1 || from < field.min || to > field.max || from > to) {
      throw new Error(`cron ${field.name} field: '${part}' is outside ${field.min}-${field.max}`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron '${expression}' must have 5 fields`);
  const [minute, hour, dom, month, dow] = parts.map((part, i) => parseField(part, FIELDS[i]!));
  if (dow!.has(7)) dow!.add(0);
  return {
    expression,
    minutes: minute!,
    hours: hour!,
    daysOfMonth: dom!,
    months: month!,
    daysOfWeek: dow!,
    dayOfMonthRestricted: parts[2] !== "*",
    dayOfWeekRestricted: parts[4] !== "*",
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const dom = schedule.daysOfMonth.has(date.getUTCDate());
  const dow = schedule.daysOfWeek.has(date.getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

/** The first minute strictly after `after` at which the schedule fires. */
export function nextFireTime(schedule: CronSchedule, after: Date): Date {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  // Four years of minutes covers every reachable combination, including Feb 29.
  for (let i = 0; i < 4 * 366 * 24 * 60; i++) {
    if (!schedule.months.has(t.getUTCMonth() + 1) || !dayMatches(schedule, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (schedule.minutes.has(t.getUTCMinutes())) return t;
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  throw new Error(`cron '${schedule.expression}' never fires`);
}
