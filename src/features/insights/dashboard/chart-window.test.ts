import { describe, expect, it } from "vitest";
import { RESOLUTIONS } from "../insights.schemas";
import { autoResolution, bucketCount, bucketEdges, MAX_AUTO_POINTS, PRESET_NAMES, presetWindow, readStep } from "./chart-window";
import { Zone } from "./zoned-time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const amsterdam = Zone.of("Europe/Amsterdam")!;
const latest = at("2024-04-01T23:59:00Z");

describe("window presets", () => {
  it("end just after the latest reading, at the next clock hour (24 h) or midnight (7 and 30 days), in UTC", () => {
    expect(presetWindow("24h", Zone.UTC, latest)).toEqual({ from: at("2024-04-01T00:00:00Z"), to: at("2024-04-02T00:00:00Z") });
    expect(presetWindow("7d", Zone.UTC, latest)).toEqual({ from: at("2024-03-26T00:00:00Z"), to: at("2024-04-02T00:00:00Z") });
    expect(presetWindow("30d", Zone.UTC, latest)).toEqual({ from: at("2024-03-03T00:00:00Z"), to: at("2024-04-02T00:00:00Z") });
    // A reading exactly on the hour is inside the window that ends at the next hour.
    expect(presetWindow("24h", Zone.UTC, at("2024-04-01T23:00:00Z")).to).toBe(at("2024-04-02T00:00:00Z"));
  });

  it("start at the zone's hours and midnights, 7 local days spanning a DST change being 167 hours", () => {
    // 23:59 UTC is 01:59 on 2 April in Amsterdam (+02:00).
    expect(presetWindow("24h", amsterdam, latest)).toEqual({ from: at("2024-04-01T00:00:00Z"), to: at("2024-04-02T00:00:00Z") });
    const week = presetWindow("7d", amsterdam, latest);
    expect(week).toEqual({ from: at("2024-03-26T23:00:00Z"), to: at("2024-04-02T22:00:00Z") });
    expect(amsterdam.displayText(week.from)).toBe("2024-03-27 00:00 +01:00");
    expect(amsterdam.displayText(week.to)).toBe("2024-04-03 00:00 +02:00");
    expect(week.to - week.from).toBe(7 * 24 * HOUR - HOUR);
    const kolkata = Zone.of("Asia/Kolkata")!;
    expect(presetWindow("24h", kolkata, latest).to).toBe(at("2024-04-02T00:30:00Z"));
  });
});

describe("resolution", () => {
  it("picks the finest that keeps a series within 1,000 points", () => {
    const picked = Object.fromEntries(
      PRESET_NAMES.map((preset) => [preset, autoResolution(presetWindow(preset, Zone.UTC, latest), Zone.UTC)]),
    );
    expect(picked).toEqual({ "24h": "15m", "7d": "15m", "30d": "1h" });
    expect(autoResolution({ from: at("2024-01-01T00:00:00Z"), to: at("2024-12-31T00:00:00Z") }, Zone.UTC)).toBe("1d");
    expect(autoResolution({ from: at("2024-04-01T00:00:00Z"), to: at("2024-04-01T12:00:00Z") }, Zone.UTC)).toBe("1m");
    for (const preset of PRESET_NAMES) {
      const window = presetWindow(preset, amsterdam, latest);
      expect(bucketCount(window, autoResolution(window, amsterdam), amsterdam)).toBeLessThanOrEqual(MAX_AUTO_POINTS);
    }
  });

  it("counts buckets as the edges cut them, the last one cut short by the window", () => {
    const window = { from: at("2024-04-01T00:00:00Z"), to: at("2024-04-01T01:10:00Z") };
    const edges = bucketEdges(window, "15m", Zone.UTC);
    expect(edges).toHaveLength(bucketCount(window, "15m", Zone.UTC) + 1);
    expect(edges.slice(-2)).toEqual([at("2024-04-01T01:00:00Z"), at("2024-04-01T01:10:00Z")]);
  });

  it("cuts 1d buckets at the zone's midnights: 23 and 25 hours across the DST changes", () => {
    const spring = { from: at("2024-03-29T23:00:00Z"), to: at("2024-04-01T22:00:00Z") };
    const lengths = (edges: number[]) => edges.slice(1).map((edge, i) => (edge - edges[i]!) / HOUR);
    expect(lengths(bucketEdges(spring, "1d", amsterdam))).toEqual([24, 23, 24]);
    const autumn = { from: at("2024-10-25T22:00:00Z"), to: at("2024-10-28T23:00:00Z") };
    expect(lengths(bucketEdges(autumn, "1d", amsterdam))).toEqual([24, 25, 24]);
    expect(lengths(bucketEdges(autumn, "1d", Zone.UTC))).toEqual([2, 24, 24, 23]);
  });

  it("reads at the coarsest step every edge falls on", () => {
    const edgesOf = (window: { from: number; to: number }, zone: Zone) => bucketEdges(window, "1d", zone);
    const utcDays = { from: at("2024-04-01T00:00:00Z"), to: at("2024-04-08T00:00:00Z") };
    expect(readStep(edgesOf(utcDays, Zone.UTC), "1d")).toBe(RESOLUTIONS["1d"]);
    const localDays = { from: at("2024-03-26T23:00:00Z"), to: at("2024-04-02T22:00:00Z") };
    expect(readStep(edgesOf(localDays, amsterdam), "1d")).toBe(RESOLUTIONS["1h"]);
    const kolkata = Zone.of("Asia/Kolkata")!;
    const kolkataDays = { from: at("2024-03-31T18:30:00Z"), to: at("2024-04-02T18:30:00Z") };
    expect(readStep(edgesOf(kolkataDays, kolkata), "1d")).toBe(RESOLUTIONS["1d"]);
    expect(readStep(edgesOf({ from: at("2024-03-31T18:00:00Z"), to: kolkataDays.to }, kolkata), "1d")).toBe(RESOLUTIONS["15m"]);
    expect(readStep(bucketEdges(utcDays, "15m", Zone.UTC), "15m")).toBe(RESOLUTIONS["15m"]);
  });
});
