import { describe, expect, it } from "vitest";
import {
  type DeliveryHour,
  deliveryEnd,
  MAX_REQUESTS_PER_HOUR,
  MAX_REQUESTS_PER_RUN,
  planFetches,
  REFRESH_AFTER_MS,
} from "./reference-price-plan";

const now = Date.parse("2023-02-21T10:30:00Z");
const hour = (day: string, h: number): DeliveryHour => ({ day, hour: `${String(h).padStart(2, "0")}-${String(h + 1).padStart(2, "0")}` });

describe("reference price plan", () => {
  it("ends a delivery hour at its second bound, 23-24 at midnight", () => {
    expect(deliveryEnd({ day: "2023-02-21", hour: "23-24" })).toBe(Date.parse("2023-02-22T00:00:00Z"));
    expect(deliveryEnd({ day: "2023-02-21", hour: "00-01" })).toBe(Date.parse("2023-02-21T01:00:00Z"));
  });

  it("fetches missing and stale prices of undelivered hours, soonest first", () => {
    const hours = [hour("2023-02-22", 5), hour("2023-02-21", 9), hour("2023-02-21", 11), hour("2023-02-21", 10), hour("2023-02-21", 12)];
    const fetchedAt = (h: DeliveryHour) =>
      h.hour === "12-13" ? now - REFRESH_AFTER_MS + 1 : h.hour === "11-12" ? now - REFRESH_AFTER_MS : undefined;
    const plan = planFetches(hours, fetchedAt, now, 0);
    expect(plan.fetch).toEqual([hour("2023-02-21", 10), hour("2023-02-21", 11), hour("2023-02-22", 5)]);
    expect(plan).toMatchObject({ fresh: 1, delivered: 1, deferred: 0 });
  });

  it("never plans more than 40 requests a run or 900 an hour", () => {
    const many = Array.from({ length: 48 }, (_, i) => hour(i < 24 ? "2023-02-22" : "2023-02-23", i % 24));
    expect(planFetches(many, () => undefined, now, 0)).toMatchObject({ deferred: 48 - MAX_REQUESTS_PER_RUN });
    expect(planFetches(many, () => undefined, now, 0).fetch).toHaveLength(MAX_REQUESTS_PER_RUN);
    expect(planFetches(many, () => undefined, now, MAX_REQUESTS_PER_HOUR - 5).fetch).toHaveLength(5);
    expect(planFetches(many, () => undefined, now, MAX_REQUESTS_PER_HOUR).fetch).toHaveLength(0);
  });
});
