import { describe, expect, it } from "vitest";
import { decodeDealsCursor, encodeDealsCursor } from "./deals-cursor";
import {
  FIRST_RETRY_MAX_MS,
  nextCheckAt,
  RETRY_CAP_MS,
  retryDelay,
  SILENCE_LIMIT_MS,
  WATCHDOG_TICK_MS,
  watchdog,
} from "./reconnect-policy";

describe("retryDelay", () => {
  it("retries within a second after a healthy connection", () => {
    expect(retryDelay(0, () => 0.999999)).toBeLessThan(FIRST_RETRY_MAX_MS);
    expect(retryDelay(0, () => 0)).toBe(0);
  });

  it("doubles its ceiling per failure up to 30 s, with full jitter below it", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 50].map((failures) => retryDelay(failures, () => 0.999999) + 1);
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16000, RETRY_CAP_MS, RETRY_CAP_MS, RETRY_CAP_MS]);
    expect(retryDelay(5, () => 0.5)).toBe(15000);
  });
});

describe("watchdog", () => {
  const now = 1_700_000_000_000;

  it("waits while frames keep coming and drops a line silent for 60 s", () => {
    expect(watchdog({ connected: true, lastActivityAt: now - 10_000, retryAt: null, now })).toEqual({
      action: "wait",
      checkAt: now + WATCHDOG_TICK_MS,
    });
    expect(watchdog({ connected: true, lastActivityAt: now - 55_000, retryAt: null, now })).toEqual({
      action: "wait",
      checkAt: now + 5_000,
    });
    expect(watchdog({ connected: true, lastActivityAt: now - SILENCE_LIMIT_MS, retryAt: null, now })).toEqual({ action: "drop-silent" });
  });

  it("connects when disconnected and the retry is due, or after a restart that forgot it", () => {
    expect(watchdog({ connected: false, lastActivityAt: 0, retryAt: now + 500, now })).toEqual({ action: "wait", checkAt: now + 500 });
    expect(watchdog({ connected: false, lastActivityAt: 0, retryAt: now, now })).toEqual({ action: "connect" });
    expect(watchdog({ connected: false, lastActivityAt: 0, retryAt: null, now })).toEqual({ action: "connect" });
  });

  it("always schedules the next check, at least every tick while connected", () => {
    expect(nextCheckAt({ connected: true, lastActivityAt: now, retryAt: null, now })).toBe(now + WATCHDOG_TICK_MS);
    expect(nextCheckAt({ connected: true, lastActivityAt: now - 58_000, retryAt: null, now })).toBe(now - 58_000 + SILENCE_LIMIT_MS);
    expect(nextCheckAt({ connected: false, lastActivityAt: 0, retryAt: now + 700, now })).toBe(now + 700);
    expect(nextCheckAt({ connected: false, lastActivityAt: 0, retryAt: null, now })).toBe(now);
  });
});

describe("deals cursor", () => {
  it("round-trips and is opaque URL-safe text", () => {
    for (const seq of [0, 1, 99, 123_456_789]) {
      const cursor = encodeDealsCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeDealsCursor(cursor)).toBe(seq);
    }
  });

  it("rejects text it did not issue", () => {
    for (const text of ["", "abc", "12", "!!!", btoa("x1:5"), btoa("d1:-5"), btoa("d1:1e3"), "a".repeat(100)])
      expect(decodeDealsCursor(text)).toBeNull();
  });
});
