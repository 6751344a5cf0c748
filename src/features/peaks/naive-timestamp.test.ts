// Pure: imports nothing from Workers, so it runs the same in Node and workerd.
import { describe, expect, it } from "vitest";
import { normalizeNaiveTimestamp, normalizeWindowBound } from "./naive-timestamp";

describe("naive timestamps", () => {
  it("keep years 0000–0099 as written", () => {
    expect(normalizeNaiveTimestamp("0050-06-01 00:00:00")).toBe("0050-06-01T00:00:00");
    expect(normalizeNaiveTimestamp("0000-01-01T00:00:00")).toBe("0000-01-01T00:00:00");
    expect(normalizeWindowBound("0050-06-01")).toBe("0050-06-01T00:00:00");
  });

  it("know year 0 is a leap year and 1900 is not", () => {
    expect(normalizeNaiveTimestamp("0000-02-29 12:00:00")).toBe("0000-02-29T12:00:00");
    expect(normalizeWindowBound("0000-02-29")).toBe("0000-02-29T00:00:00");
    expect(normalizeNaiveTimestamp("1900-02-29 12:00:00")).toBeUndefined();
    expect(normalizeNaiveTimestamp("2024-02-29 12:00:00")).toBe("2024-02-29T12:00:00");
  });

  it("refuse fractions, impossible dates and other shapes", () => {
    for (const bad of [
      "2024-02-30 00:00:00",
      "2024-01-01 24:00:00",
      "2024-01-01 00:00:00.5",
      "2024-01-01T00:00:00Z",
      "24-01-01 00:00:00",
    ]) {
      expect(normalizeNaiveTimestamp(bad), bad).toBeUndefined();
    }
  });
});
