import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  LAST_PRICE_RUN_KEY,
  type PriceRunOutcome,
  refreshReferencePrices,
} from "../../../src/features/trading/reference-prices/reference-price-refresh";
import { budgetKey, dayKey, readPrice } from "../../../src/features/trading/reference-prices/reference-price-store";

const now = Date.parse("2023-02-21T10:30:00Z");
const hours = [
  { day: "2023-02-21", hour: "11-12" },
  { day: "2023-02-21", hour: "12-13" },
];

function provider(answer: (url: URL) => Response) {
  return vi
    .spyOn(globalThis, "fetch")
    .mockImplementation(async (input) => answer(new URL(input instanceof Request ? input.url : String(input))));
}

const priceBody = (url: URL, value: number) =>
  Response.json({
    delivery_day: url.searchParams.get("delivery_day"),
    delivery_hour: url.searchParams.get("delivery_hour"),
    last_update: "2023-02-21T10:20:00+00:00",
    unit: "euro/mwh",
    value,
  });

afterEach(() => vi.restoreAllMocks());

describe("reference price cron", () => {
  it("stores the provider's prices in KV and records the run", async () => {
    const calls = provider((url) => priceBody(url, 27.74));
    const outcome = await refreshReferencePrices(env, hours, now);
    expect(outcome).toMatchObject({ wanted: 2, fetched: 2, failures: [], rate_limited: false, requests_this_hour: 2 });
    expect(calls).toHaveBeenCalledTimes(2);
    expect(String(calls.mock.calls[0]![0])).toBe(`${env.MARKET_DATA_URL}/reference-price?delivery_day=2023-02-21&delivery_hour=11-12`);
    expect(await readPrice(env.PRICES, hours[0]!)).toMatchObject({
      value: 27.74,
      last_update: "2023-02-21T10:20:00+00:00",
      fetched_at: now,
    });
    expect(await env.PRICES.get<PriceRunOutcome>(LAST_PRICE_RUN_KEY, "json")).toMatchObject({ fetched: 2 });
    // The day's summary, which reports read in one go, holds both hours.
    const summary = await env.PRICES.get<Record<string, { value: number }>>(dayKey("2023-02-21"), "json");
    expect(Object.keys(summary ?? {}).sort()).toEqual(["11-12", "12-13"]);

    // Within 10 minutes nothing is fetched again.
    const again = await refreshReferencePrices(env, hours, now + 60_000);
    expect(again).toMatchObject({ wanted: 0, fresh: 2 });
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it("keeps the last good price when the provider fails, rate limits or answers garbage", async () => {
    const hours = [
      { day: "2023-02-22", hour: "01-02" },
      { day: "2023-02-22", hour: "02-03" },
    ];
    provider((url) => priceBody(url, 30));
    await refreshReferencePrices(env, hours, now);
    const later = now + 11 * 60_000;
    for (const failure of [
      () => new Response("oops", { status: 503 }),
      () => Response.json({ nonsense: true }),
      () => new Response("not json", { status: 200 }),
      () => {
        throw new TypeError("network down");
      },
    ]) {
      vi.restoreAllMocks();
      provider(failure);
      const outcome = await refreshReferencePrices(env, hours, later);
      expect(outcome.fetched).toBe(0);
      expect(outcome.failures).toHaveLength(2);
      expect(await readPrice(env.PRICES, hours[1]!)).toMatchObject({ value: 30, fetched_at: now });
    }
    vi.restoreAllMocks();
    const limited = provider(() => new Response("slow down", { status: 429, headers: { "Retry-After": "30" } }));
    const outcome = await refreshReferencePrices(env, hours, later);
    expect(outcome).toMatchObject({ rate_limited: true, fetched: 0 });
    // A 429 ends the run: the second hour is not even asked for.
    expect(limited).toHaveBeenCalledTimes(1);
  });

  it("holds the request budget: 40 a run, 900 an hour", async () => {
    const calls = provider((url) => priceBody(url, 10));
    const many = Array.from({ length: 30 }, (_, d) =>
      Array.from({ length: 24 }, (_, h) => ({
        day: `2023-03-${String(d + 1).padStart(2, "0")}`,
        hour: `${String(h).padStart(2, "0")}-${String(h + 1).padStart(2, "0")}`,
      })),
    ).flat();
    const runAt = Date.parse("2023-02-21T11:00:00Z");
    const first = await refreshReferencePrices(env, many, runAt);
    expect(first).toMatchObject({ fetched: 40, deferred: many.length - 40, requests_this_hour: 40 });
    await env.PRICES.put(budgetKey(runAt), "890");
    const capped = await refreshReferencePrices(env, many, runAt + 60_000);
    expect(capped).toMatchObject({ fetched: 10, requests_this_hour: 900 });
    const none = await refreshReferencePrices(env, many, runAt + 120_000);
    expect(none.fetched).toBe(0);
    expect(calls).toHaveBeenCalledTimes(50);
  });
});
