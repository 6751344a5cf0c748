/** Deals per second, or "origin": one deal every 5–10 s per connection, like the origin's simulator. */
export type DealRate = number | "origin";

export const ORIGIN_INTERVAL_MS = { min: 5_000, max: 10_000 } as const;
export const MAX_RATE = 1_000;
/** Timers below ~10 ms are not honoured reliably, so high rates send a batch per tick instead of one frame per timer. */
export const MIN_TICK_MS = 10;

export function originDelayMs(random: () => number): number {
  return ORIGIN_INTERVAL_MS.min + random() * (ORIGIN_INTERVAL_MS.max - ORIGIN_INTERVAL_MS.min);
}

export function tickIntervalMs(rate: number): number {
  return Math.max(MIN_TICK_MS, 1000 / rate);
}

/**
 * How many frames a connection owes at `elapsedMs` after it opened: the
 * frames the rate promised so far minus those sent. Counting from the start
 * (not per tick) keeps the long-run rate exact despite timer drift; the cap of
 * one second's worth stops a stalled event loop from answering with a flood.
 */
export function framesDue(elapsedMs: number, rate: number, sentSoFar: number): number {
  const promised = Math.floor((elapsedMs * rate) / 1000);
  return Math.max(0, Math.min(promised - sentSoFar, Math.ceil(rate)));
}
