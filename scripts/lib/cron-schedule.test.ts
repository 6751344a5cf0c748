import { describe, expect, it } from "vitest";
import { nextFireTime, parseCron } from "./cron-schedule";
import { parseCrons } from "./wrangler-config";

const next = (expr: string, iso: string) => nextFireTime(parseCron(expr), new Date(iso)).toISOString();

describe("cron schedule", () => {
  it("fires every minute at the next whole minute", () => {
    expect(next("* * * * *", "2026-03-01T10:15:42Z")).toBe("2026-03-01T10:16:00.000Z");
    expect(next("* * * * *", "2026-03-01T10:15:00Z")).toBe("2026-03-01T10:16:00.000Z");
  });

  it("handles steps, ranges and lists", () => {
    expect(next("*/10 * * * *", "2026-03-01T10:15:00Z")).toBe("2026-03-01T10:20:00.000Z");
    expect(next("5,35 8-9 * * *", "2026-03-01T09:40:00Z")).toBe("2026-03-02T08:05:00.000Z");
    expect(next("0 0 1 * *", "2026-12-31T23:59:00Z")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("treats day of week 7 as Sunday and ORs restricted day fields", () => {
    expect(next("0 12 * * 7", "2026-03-02T00:00:00Z")).toBe("2026-03-08T12:00:00.000Z");
    expect(next("0 0 13 * 5", "2026-03-01T00:00:00Z")).toBe("2026-03-06T00:00:00.000Z");
  });

  it("finds leap days", () => {
    expect(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
  });

  it("rejects malformed expressions", () => {
    expect(() => parseCron("* * * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/minute/);
    expect(() => parseCron("a * * * *")).toThrow(/cannot read/);
  });

  it("reads the crons of wrangler.toml", () => {
    const toml = 'name = "x"\n\n[triggers]\ncrons = ["* * * * *", "0 3 * * *"]\n\n[vars]\nA = "b"\n';
    expect(parseCrons(toml)).toEqual(["* * * * *", "0 3 * * *"]);
    expect(parseCrons('name = "x"\n')).toEqual([]);
  });
});
