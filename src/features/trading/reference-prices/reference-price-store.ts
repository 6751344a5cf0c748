import { z } from "@hono/zod-openapi";
import { type DeliveryHour, dayPricesPrefix, priceKey } from "./reference-price-plan";

/** The provider's answer, as it must look to be trusted. */
export const ProviderPriceSchema = z.object({
  delivery_day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  delivery_hour: z.string().regex(/^\d{2}-\d{2}$/),
  last_update: z.string().min(1),
  unit: z.string(),
  value: z.number().finite(),
});

export interface StoredPrice {
  delivery_day: string;
  delivery_hour: string;
  value: number;
  unit: string;
  last_update: string;
  /** When this deployment last fetched it successfully (epoch ms). */
  fetched_at: number;
}

export async function readPrice(kv: KVNamespace, hour: DeliveryHour): Promise<StoredPrice | null> {
  return kv.get<StoredPrice>(priceKey(hour), "json");
}

/** Every hour's stored price of a delivery day, one KV read per hour (the day summary below is the one-read path). */
export async function listDayPrices(kv: KVNamespace, day: string): Promise<StoredPrice[]> {
  const listed = await kv.list({ prefix: dayPricesPrefix(day) });
  const prices = await Promise.all(listed.keys.map((key) => kv.get<StoredPrice>(key.name, "json")));
  return prices.filter((price): price is StoredPrice => price !== null);
}

export async function writePrice(kv: KVNamespace, price: StoredPrice): Promise<void> {
  // Kept a week after delivery for reports on past days, then KV forgets it.
  await kv.put(priceKey({ day: price.delivery_day, hour: price.delivery_hour }), JSON.stringify(price), {
    expirationTtl: 8 * 86_400,
  });
}

/** Every stored price of a delivery day in one KV value, so a report reads one key rather than one per hour. */
export function dayKey(day: string): string {
  return `prices:${day}`;
}

export type DayPrices = Record<string, StoredPrice>;

/** Merges freshly fetched prices into their days' summaries (one read and one write per day touched). */
export async function writeDaySummaries(kv: KVNamespace, prices: readonly StoredPrice[]): Promise<void> {
  const byDay = new Map<string, StoredPrice[]>();
  for (const price of prices) byDay.set(price.delivery_day, [...(byDay.get(price.delivery_day) ?? []), price]);
  await Promise.all(
    [...byDay].map(async ([day, fresh]) => {
      const summary = (await kv.get<DayPrices>(dayKey(day), "json")) ?? {};
      for (const price of fresh) summary[price.delivery_hour] = price;
      await kv.put(dayKey(day), JSON.stringify(summary), { expirationTtl: 8 * 86_400 });
    }),
  );
}

/** Requests made to the provider in the current clock hour, shared by every cron run of that hour. */
export function budgetKey(now: number): string {
  return `price-budget:${new Date(now).toISOString().slice(0, 13)}`;
}
