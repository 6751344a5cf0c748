import { describe, expect, it } from "vitest";
import { canonicalTimeZone, parseWallTime, Zone } from "./zoned-time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const amsterdam = Zone.of("Europe/Amsterdam")!;

describe("time zones by IANA name", () => {
  it("accepts IANA names in any case and refuses offsets and unknown names", () => {
    expect(canonicalTimeZone("Europe/Amsterdam")).toBe("Europe/Amsterdam");
    expect(canonicalTimeZone("europe/amsterdam")).toBe("Europe/Amsterdam");
    expect(Zone.of("UTC")).toBe(Zone.UTC);
    expect(Zone.of("utc")).toBe(Zone.UTC);
    for (const bad of ["Mars/Olympus", "+01:00", "", "Europe/", "../etc", "Europe/Amsterdam/Extra/More", "GMT+01:00"]) {
      expect(canonicalTimeZone(bad), bad).toBeUndefined();
    }
  });

  it("knows the offsets either side of a DST change", () => {
    // EU summer time began 2024-03-31 01:00 UTC and ended 2024-10-27 01:00 UTC.
    expect(amsterdam.offsetText(at("2024-03-31T00:59:59Z"))).toBe("+01:00");
    expect(amsterdam.offsetText(at("2024-03-31T01:00:00Z"))).toBe("+02:00");
    expect(amsterdam.offsetText(at("2024-10-27T00:59:59Z"))).toBe("+02:00");
    expect(amsterdam.offsetText(at("2024-10-27T01:00:00Z"))).toBe("+01:00");
    expect(Zone.of("Asia/Kolkata")!.offsetText(at("2024-04-01T00:00:00Z"))).toBe("+05:30");
    expect(Zone.of("America/St_Johns")!.offsetText(at("2024-01-01T00:00:00Z"))).toBe("-03:30");
  });

  it("starts local days at local midnight, 23 hours long in spring and 25 in autumn", () => {
    const march31 = amsterdam.startOfDay(at("2024-03-31T12:00:00Z"));
    expect(march31).toBe(at("2024-03-30T23:00:00Z"));
    expect(amsterdam.nextDayStart(march31) - march31).toBe(23 * HOUR);
    const october27 = amsterdam.startOfDay(at("2024-10-27T12:00:00Z"));
    expect(october27).toBe(at("2024-10-26T22:00:00Z"));
    expect(amsterdam.nextDayStart(october27) - october27).toBe(25 * HOUR);
    expect(amsterdam.addDays(october27, -7)).toBe(at("2024-10-19T22:00:00Z"));
  });

  it("starts a day that begins in a gap when the clocks jump (no midnight in Santiago on 2024-09-08)", () => {
    const santiago = Zone.of("America/Santiago")!;
    // Chile moved from -04:00 to -03:00 at local midnight: the day starts at 01:00 -03:00, 04:00 UTC.
    expect(santiago.startOfDay(at("2024-09-08T12:00:00Z"))).toBe(at("2024-09-08T04:00:00Z"));
    expect(santiago.displayText(at("2024-09-08T04:00:00Z"))).toBe("2024-09-08 01:00 -03:00");
  });

  it("names the earlier instant of a repeated wall time, and the end of a skipped one", () => {
    expect(parseWallTime("2024-10-27T02:30", amsterdam)).toBe(at("2024-10-27T00:30:00Z"));
    expect(parseWallTime("2024-03-31T02:30", amsterdam)).toBe(at("2024-03-31T01:30:00Z"));
    expect(parseWallTime("2024-04-01", amsterdam)).toBe(at("2024-03-31T22:00:00Z"));
    expect(parseWallTime("2024-02-30", amsterdam)).toBeUndefined();
    expect(parseWallTime("2024-04-01T24:00", amsterdam)).toBeUndefined();
    expect(parseWallTime("2024-04-01T00:00:00Z", amsterdam)).toBeUndefined();
  });

  it("finds local hour boundaries, also in a half-hour zone and in the repeated hour", () => {
    const kolkata = Zone.of("Asia/Kolkata")!;
    expect(kolkata.nextHourStart(at("2024-04-01T23:59:00Z"))).toBe(at("2024-04-02T00:30:00Z"));
    expect(Zone.UTC.nextHourStart(at("2024-04-01T23:59:00Z"))).toBe(at("2024-04-02T00:00:00Z"));
    expect(Zone.UTC.nextHourStart(at("2024-04-01T23:00:00Z"))).toBe(at("2024-04-02T00:00:00Z"));
    // The second 02:30 of 2024-10-27 in Amsterdam is 01:30 UTC; its hour began at 01:00 UTC.
    expect(amsterdam.startOfHour(at("2024-10-27T01:30:00Z"))).toBe(at("2024-10-27T01:00:00Z"));
  });

  it("writes times with the zone's offset", () => {
    expect(amsterdam.isoText(at("2024-03-31T01:00:00Z"))).toBe("2024-03-31T03:00:00+02:00");
    expect(Zone.UTC.isoText(at("2024-03-31T01:00:00.250Z"))).toBe("2024-03-31T01:00:00.250Z");
    expect(Zone.UTC.displayText(at("2024-04-01T10:15:00Z"))).toBe("2024-04-01 10:15 UTC");
    expect(amsterdam.displayText(at("2024-04-01T10:15:00Z"))).toBe("2024-04-01 12:15 +02:00");
    expect(amsterdam.inputText(at("2024-04-01T10:15:00Z"))).toBe("2024-04-01T12:15");
  });
});
