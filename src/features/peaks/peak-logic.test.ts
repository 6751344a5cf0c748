import { describe, expect, it } from "vitest";
import { normalizeNaiveTimestamp, normalizeWindowBound } from "./naive-timestamp";
import { comparePeaks, withRanks } from "./peak-order";
import { peaksCsv } from "./peaks-csv";
import { uniqueReadings } from "./reading-batch";

describe("naive timestamps", () => {
  it("accepts the space and T forms and returns the T form", () => {
    expect(normalizeNaiveTimestamp("2022-07-26 13:48:00")).toBe("2022-07-26T13:48:00");
    expect(normalizeNaiveTimestamp("2022-07-26T13:48:00")).toBe("2022-07-26T13:48:00");
  });

  it("refuses impossible dates and other shapes", () => {
    for (const bad of [
      "2022-02-30 00:00:00",
      "2022-13-01 00:00:00",
      "2022-07-26 24:00:00",
      "2022-07-26 13:60:00",
      "2022-07-26",
      "2022-07-26T13:48:00Z",
      " 2022-07-26 13:48:00",
      "yesterday",
    ]) {
      expect(normalizeNaiveTimestamp(bad), bad).toBeUndefined();
    }
    expect(normalizeNaiveTimestamp("2024-02-29 12:00:00")).toBe("2024-02-29T12:00:00");
  });

  it("reads window bounds as dates or timestamps", () => {
    expect(normalizeWindowBound("2022-07-01")).toBe("2022-07-01T00:00:00");
    expect(normalizeWindowBound("2022-07-01 06:00:00")).toBe("2022-07-01T06:00:00");
    expect(normalizeWindowBound("2022-02-31")).toBeUndefined();
  });
});

describe("peak order", () => {
  it("sorts by usage descending, then earliest timestamp", () => {
    const rows = [
      { timestamp: "2022-07-04T22:42:49", usage_kw: 977 },
      { timestamp: "2022-07-26T13:48:00", usage_kw: 996 },
      { timestamp: "2022-07-04T15:09:40", usage_kw: 977 },
    ];
    expect(withRanks([...rows].sort(comparePeaks))).toEqual([
      { rank: 1, timestamp: "2022-07-26T13:48:00", usage_kw: 996 },
      { rank: 2, timestamp: "2022-07-04T15:09:40", usage_kw: 977 },
      { rank: 3, timestamp: "2022-07-04T22:42:49", usage_kw: 977 },
    ]);
  });
});

describe("CSV export", () => {
  it("writes one row per peak with a header and quotes what needs it", () => {
    const csv = peaksCsv([
      { market: "spp", peaks: [{ rank: 1, timestamp: "2022-07-26T13:48:00", usage_kw: 996 }] },
      { market: "a,b", peaks: [{ rank: 1, timestamp: "2022-07-01T00:00:00", usage_kw: 1.5 }] },
    ]);
    expect(csv).toBe('market_name,rank,timestamp,usage_kw\r\nspp,1,2022-07-26T13:48:00,996\r\n"a,b",1,2022-07-01T00:00:00,1.5\r\n');
  });
});

describe("batch de-duplication", () => {
  it("folds exact repeats and flags the same timestamp with another value", () => {
    const result = uniqueReadings([
      { timestamp: "2022-07-01 00:00:00", usage_kw: 1 },
      { timestamp: "2022-07-01T00:00:00", usage_kw: 1 },
      { timestamp: "2022-07-02 00:00:00", usage_kw: 2 },
      { timestamp: "2022-07-02T00:00:00", usage_kw: 3 },
    ]);
    expect(result.rows).toEqual([
      { timestamp: "2022-07-01T00:00:00", usage_kw: 1 },
      { timestamp: "2022-07-02T00:00:00", usage_kw: 2 },
    ]);
    expect(result.repeats).toBe(1);
    expect(result.errors).toEqual([{ pointer: "/readings/3/timestamp", location: "body", detail: expect.stringContaining("/readings/2") }]);
  });
});
