// Pure: imports nothing from Workers, so it runs the same in Node and workerd.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, formatInstant, isRealDate, MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant, readInstant, utcMs } from "./instant";

/** The reference: the engine's own ISO reader, which keeps 4-digit years as they are (ECMA-262 §21.4.3.2). */
const at = (iso: string) => Date.parse(iso);

describe("instants of years 0000–0099", () => {
  it("are read as written, never as 19xx", () => {
    expect(parseInstant("0050-06-01T00:00:00Z")).toBe(at("0050-06-01T00:00:00Z"));
    expect(parseInstant("0000-01-01T00:00:00Z")).toBe(MIN_INSTANT_MS);
    expect(parseInstant("0099-12-31T23:59:59.999Z")).toBe(at("0099-12-31T23:59:59.999Z"));
    expect(parseInstant("0050-06-01T02:00:00+02:00")).toBe(at("0050-06-01T00:00:00Z"));
  });

  it("are written with 4 digits", () => {
    expect(formatInstant(at("0050-06-01T00:00:00Z"))).toBe("0050-06-01T00:00:00Z");
    expect(formatInstant(MIN_INSTANT_MS)).toBe("0000-01-01T00:00:00Z");
    expect(formatInstant(MAX_INSTANT_MS)).toBe("9999-12-31T23:59:59.999Z");
    expect(formatInstant(at("0007-03-04T05:06:07.008Z"))).toBe("0007-03-04T05:06:07.008Z");
  });

  it("know year 0 is a leap year and 1900 is not", () => {
    expect(parseInstant("0000-02-29T00:00:00Z")).toBe(at("0000-02-29T00:00:00Z"));
    expect(parseInstant("1900-02-29T00:00:00Z")).toBeUndefined();
    expect(parseInstant("0100-02-29T00:00:00Z")).toBeUndefined();
    expect(parseInstant("0400-02-29T00:00:00Z")).toBe(at("0400-02-29T00:00:00Z"));
    expect(daysInMonth(0, 2)).toBe(29);
    expect(daysInMonth(4, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(10_000, 1, 1)).toBe(false);
  });

  it("build epoch ms without Date.UTC's two-digit rule", () => {
    expect(utcMs(50, 6, 1)).toBe(at("0050-06-01T00:00:00Z"));
    expect(utcMs(50, 6, 1)).not.toBe(Date.UTC(50, 5, 1));
  });
});

describe("instant range and precision", () => {
  it("refuses digits finer than a millisecond unless they are zeros", () => {
    expect(readInstant("2024-04-01T00:00:00.0001Z")).toEqual({ ok: false, problem: "precision" });
    expect(readInstant("2024-04-01T00:00:00.123456789Z")).toEqual({ ok: false, problem: "precision" });
    expect(parseInstant("2024-04-01T00:00:00.123000000Z")).toBe(at("2024-04-01T00:00:00.123Z"));
    expect(parseInstant("2024-04-01T00:00:00.5Z")).toBe(at("2024-04-01T00:00:00.500Z"));
  });

  it("refuses instants whose UTC form leaves 0000–9999, whatever the offset", () => {
    expect(readInstant("0000-01-01T00:59:59+01:00")).toEqual({ ok: false, problem: "range" });
    expect(readInstant("9999-12-31T23:00:00-01:00")).toEqual({ ok: false, problem: "range" });
    expect(parseInstant("0000-01-01T01:00:00+01:00")).toBe(MIN_INSTANT_MS);
    expect(readInstant("10000-01-01T00:00:00Z")).toEqual({ ok: false, problem: "format" });
  });

  it("still refuses other shapes and impossible times", () => {
    for (const bad of [
      "0050-02-30T00:00:00Z",
      "0050-06-01T24:00:00Z",
      "0050-06-01T00:00:60Z",
      "0050-06-01T00:00:00+24:00",
      "50-06-01T00:00:00Z",
      "0050-06-01",
    ]) {
      expect(readInstant(bad), bad).toEqual({ ok: false, problem: "format" });
    }
  });
});

describe("parse and format round trip", () => {
  const instant = fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS });
  const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 });

  /** The instant's wall-clock time at an offset, written by the engine's own formatter. */
  function atOffset(ms: number, offset: number): string {
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
    if (offset === 0) return `${local}Z`;
    const abs = Math.abs(offset);
    return `${local}${offset < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  }

  it("reads back every instant of the range at every offset, to the millisecond", () => {
    fc.assert(
      fc.property(instant, offsetMinutes, (ms, offset) => {
        fc.pre(ms + offset * 60_000 >= MIN_INSTANT_MS && ms + offset * 60_000 <= MAX_INSTANT_MS);
        const text = atOffset(ms, offset);
        expect(parseInstant(text)).toBe(ms);
        expect(parseInstant(formatInstant(ms))).toBe(ms);
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString().replace(".000Z", "Z"));
        expect(formatInstant(ms)).toMatch(/^\d{4}-/);
      }),
      { seed: 20_240_401, numRuns: 2000 },
    );
  });
});
