/**
 * When the feed reconnects. The exchange never replays what a disconnected client missed, so every second
 * offline can lose deals: retry fast after a drop, but back off when the exchange keeps refusing us.
 */

/** The exchange sends a deal every few seconds; a minute of nothing means a dead line that never said so. */
export const SILENCE_LIMIT_MS = 60_000;
/**
 * How often the alarm looks while connected. A deploy or an eviction kills the socket without a close event, and
 * only an event (this alarm, or the cron's call) starts the new instance: this bounds that gap to seconds
 * rather than the cron's minute, for one cheap alarm per tick.
 */
export const WATCHDOG_TICK_MS = 10_000;
export const FIRST_RETRY_MAX_MS = 1_000;
export const RETRY_CAP_MS = 30_000;

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, first × 2^failures)). The jitter spreads the
 * retries of many feeds dropped at once (a deploy, an exchange restart) instead of having them knock together.
 * `failures` counts attempts since the last connection that delivered a frame, so after a healthy one the
 * first retry comes within a second.
 */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, FIRST_RETRY_MAX_MS * 2 ** Math.min(Math.max(failures, 0), 30));
  return Math.floor(random() * ceiling);
}

export type WatchdogInput = {
  connected: boolean;
  /** The later of the connection's opening and its last frame (ms since epoch). */
  lastActivityAt: number;
  /** When a retry is due while disconnected; null means now. */
  retryAt: number | null;
  now: number;
};

export type WatchdogVerdict = { action: "wait"; checkAt: number } | { action: "drop-silent" } | { action: "connect" };

/** What the alarm does on waking: nothing yet, give up a silent socket, or connect. */
export function watchdog({ connected, lastActivityAt, retryAt, now }: WatchdogInput): WatchdogVerdict {
  if (connected) {
    const deadline = lastActivityAt + SILENCE_LIMIT_MS;
    return now >= deadline ? { action: "drop-silent" } : { action: "wait", checkAt: Math.min(deadline, now + WATCHDOG_TICK_MS) };
  }
  if (retryAt !== null && now < retryAt) return { action: "wait", checkAt: retryAt };
  return { action: "connect" };
}

/** When the alarm should next wake the feed. */
export function nextCheckAt({ connected, lastActivityAt, retryAt, now }: WatchdogInput): number {
  if (connected) return Math.min(lastActivityAt + SILENCE_LIMIT_MS, now + WATCHDOG_TICK_MS);
  return retryAt ?? now;
}
