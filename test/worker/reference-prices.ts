import { env } from "cloudflare:test";
import { type StoredPrice, writeDaySummaries, writePrice } from "../../src/features/trading/reference-prices/reference-price-store";

/** A reference price as the cron stores it, published at 04:10:20 UTC of its day and fetched a minute later. */
export function price(day: string, hour: string, value: number): StoredPrice {
  return {
    delivery_day: day,
    delivery_hour: hour,
    value,
    unit: "euro/mwh",
    last_update: `${day}T04:10:20+00:00`,
    fetched_at: Date.parse(`${day}T04:11:00Z`),
  };
}

/** As the cron stores them: one key per hour (listed by /v1/trading/reference-prices) and the day summary (read by reports). */
export async function storePrices(prices: StoredPrice[]): Promise<void> {
  for (const p of prices) await writePrice(env.PRICES, p);
  await writeDaySummaries(env.PRICES, prices);
}
