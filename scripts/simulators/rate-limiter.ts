export interface RateLimit {
  /** Requests allowed per window; 0 disables this limit. */
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding-window log over one or more windows (the provider allows about 50
 * requests a minute and 1,000 an hour). Only admitted requests count, so a
 * client that backs off on 429 gets its budget back as the window slides.
 */
export class SlidingWindowLimiter {
  private admitted: number[] = [];
  private readonly longestMs: number;

  constructor(private readonly limits: readonly RateLimit[]) {
    this.longestMs = Math.max(0, ...limits.map((limit) => limit.windowMs));
  }

  tryAcquire(nowMs: number): RateDecision {
    const firstKept = this.admitted.findIndex((t) => t > nowMs - this.longestMs);
    this.admitted = firstKept === -1 ? [] : this.admitted.slice(firstKept);
    let retryAfterMs = 0;
    for (const { limit, windowMs } of this.limits) {
      if (limit <= 0) continue;
      const inWindow = this.admitted.filter((t) => t > nowMs - windowMs);
      if (inWindow.length >= limit) {
        // A slot frees when the request `limit` places from the end leaves the window.
        const freeing = inWindow[inWindow.length - limit] ?? nowMs;
        retryAfterMs = Math.max(retryAfterMs, freeing + windowMs - nowMs);
      }
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    this.admitted.push(nowMs);
    return { allowed: true };
  }
}
