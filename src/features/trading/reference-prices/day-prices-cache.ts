import { type DayPrices, dayKey } from "./reference-price-store";

/**
 * Reference prices change at most every 10 minutes, and KV is eventually
 * consistent anyway, so an isolate keeps each day's prices for a few seconds:
 * a dashboard refreshing massively around publication costs one KV read per
 * day per isolate every TTL, not one per request. Entries are never shared
 * as pending promises across requests (workerd cancels such waits).
 */
const TTL_MS = 5_000;
const MAX_DAYS = 64;
const cache = new Map<string, { at: number; prices: DayPrices }>();

export async function dayPrices(kv: KVNamespace, day: string, now = Date.now()): Promise<DayPrices> {
  const hit = cache.get(day);
  if (hit && now - hit.at < TTL_MS) return hit.prices;
  const prices = (await kv.get<DayPrices>(dayKey(day), "json")) ?? {};
  if (cache.size >= MAX_DAYS) cache.delete(cache.keys().next().value!);
  cache.set(day, { at: now, prices });
  return prices;
}
