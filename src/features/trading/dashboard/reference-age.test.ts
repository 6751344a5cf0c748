import { describe, expect, it } from "vitest";
import { ageText, updatedAtText } from "./reference-age";

describe("a reference price's update time and age", () => {
  const now = Date.parse("2023-02-06T12:00:30Z");

  it("prints the update as HH:MM UTC, whatever offset the provider wrote", () => {
    expect(updatedAtText("2023-02-06T11:50:20+00:00")).toBe("11:50 UTC");
    expect(updatedAtText("2023-02-06T12:50:20+01:00")).toBe("11:50 UTC");
    expect(updatedAtText("soon")).toBe("soon");
  });

  it("gives the age in minutes, hours and minutes, then days; nothing for a clock ahead or an unreadable time", () => {
    expect(ageText("2023-02-06T12:00:00Z", now)).toBe("under a minute old");
    expect(ageText("2023-02-06T11:50:20+00:00", now)).toBe("10 min old");
    expect(ageText("2023-02-06T10:55:00Z", now)).toBe("1 h 05 min old");
    expect(ageText("2023-02-03T12:00:00Z", now)).toBe("3 days old");
    expect(ageText("2023-02-06T12:05:00Z", now)).toBe("");
    expect(ageText("", now)).toBe("");
  });
});
