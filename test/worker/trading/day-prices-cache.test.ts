import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { dayPrices } from "../../../src/features/trading/reference-prices/day-prices-cache";
import { writeDaySummaries } from "../../../src/features/trading/reference-prices/reference-price-store";

describe("day prices cache", () => {
  it("reads a day's prices from KV at most once per 5 seconds per isolate", async () => {
    const price = { delivery_day: "2031-01-05", delivery_hour: "08-09", value: 12.5, unit: "euro/mwh", last_update: "x", fetched_at: 1 };
    await writeDaySummaries(env.PRICES, [price]);
    const get = vi.spyOn(env.PRICES, "get");
    const t = 1_000_000;
    expect((await dayPrices(env.PRICES, "2031-01-05", t))["08-09"]?.value).toBe(12.5);
    await writeDaySummaries(env.PRICES, [{ ...price, value: 13 }]);
    expect((await dayPrices(env.PRICES, "2031-01-05", t + 4_999))["08-09"]?.value).toBe(12.5);
    expect((await dayPrices(env.PRICES, "2031-01-05", t + 5_000))["08-09"]?.value).toBe(13);
    expect(get.mock.calls.filter(([key]) => String(key) === "prices:2031-01-05")).toHaveLength(3);
    get.mockRestore();
  });
});
