import { nextFireTime, parseCron } from "./cron-schedule";

export interface CronFire {
  cron: string;
  at: Date;
  status?: number;
  error?: string;
}

export interface CronDriverOptions {
  url: string;
  crons: string[];
  onFire?: (fire: CronFire) => void;
  now?: () => number;
}

/**
 * Fires the Worker's Cron Triggers on their schedule by calling wrangler
 * dev's /__scheduled route (crons never fire on their own locally), so the
 * local system behaves like production. Returns a function that stops it.
 */
export function startCronDriver(options: CronDriverOptions): () => void {
  const now = options.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  // `after`: the last fire time, so a timer that wakes a little early never fires the same minute twice.
  const schedule = (expression: string, after = now()) => {
    const cron = parseCron(expression);
    const at = nextFireTime(cron, new Date(Math.max(now(), after)));
    const timer = setTimeout(
      async () => {
        timers.delete(timer);
        if (stopped) return;
        schedule(expression, at.getTime() + 1);
        const fire: CronFire = { cron: expression, at };
        try {
          const query = new URLSearchParams({ cron: expression, time: String(at.getTime()) });
          const response = await fetch(`${options.url}/__scheduled?${query}`, { signal: AbortSignal.timeout(55_000) });
          await response.arrayBuffer();
          fire.status = response.status;
        } catch (error) {
          fire.error = (error as Error).message;
        }
        options.onFire?.(fire);
      },
      Math.max(0, at.getTime() - now()),
    );
    timers.add(timer);
  };

  for (const expression of options.crons) schedule(expression);
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
