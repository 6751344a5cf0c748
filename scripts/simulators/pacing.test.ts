import { describe, expect, it } from "vitest";
import { seededRandom } from "../lib/random";
import { framesDue, originDelayMs, tickIntervalMs } from "./pacing";
import { SlidingWindowLimiter } from "./rate-limiter";

describe("deal pacing", () => {
  it("keeps the long-run rate from the connection's start, batching high rates per tick", () => {
    expect(framesDue(0, 1000, 0)).toBe(0);
    expect(framesDue(10, 1000, 0)).toBe(10);
    expect(framesDue(1500, 100, 148)).toBe(2);
    expect(framesDue(1500, 100, 150)).toBe(0);
    expect(framesDue(60_000, 100, 0)).toBe(100); // a stalled loop catches up by at most a second's worth per tick
    expect(framesDue(2500, 0.5, 1)).toBe(0);
    expect(tickIntervalMs(1000)).toBe(10);
    expect(tickIntervalMs(2)).toBe(500);
  });

  it("waits 5–10 s between deals at the origin's cadence", () => {
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const delay = originDelayMs(random);
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThanOrEqual(10_000);
    }
  });
});

describe("sliding-window rate limiter", () => {
  it("admits up to the limit per window and says when a slot frees", () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 60_000 }]);
    expect(limiter.tryAcquire(0)).toEqual({ allowed: true });
    expect(limiter.tryAcquire(10_000)).toEqual({ allowed: true });
    expect(limiter.tryAcquire(20_000)).toEqual({ allowed: true });
    expect(limiter.tryAcquire(30_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(limiter.tryAcquire(60_001)).toEqual({ allowed: true });
  });

  it("applies every window and ignores disabled ones", () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 0, windowMs: 1000 },
      { limit: 2, windowMs: 60_000 },
      { limit: 3, windowMs: 3_600_000 },
    ]);
    expect(limiter.tryAcquire(0).allowed).toBe(true);
    expect(limiter.tryAcquire(0).allowed).toBe(true);
    expect(limiter.tryAcquire(1000)).toEqual({ allowed: false, retryAfterMs: 59_000 });
    expect(limiter.tryAcquire(61_000).allowed).toBe(true);
    expect(limiter.tryAcquire(122_000)).toEqual({ allowed: false, retryAfterMs: 3_600_000 - 122_000 });
  });
});
