import type { Bindings } from "../../../lib/env";
import { log } from "../../../lib/log";
import { type DeliveryHour, planFetches } from "./reference-price-plan";
import { budgetKey, ProviderPriceSchema, readPrice, type StoredPrice, writeDaySummaries, writePrice } from "./reference-price-store";

const REQUEST_TIMEOUT_MS = 5_000;
export const LAST_PRICE_RUN_KEY = "cron:reference-prices:last-run";

export interface PriceRunOutcome {
  at: string;
  wanted: number;
  fetched: number;
  fresh: number;
  deferred: number;
  delivered: number;
  requests_this_hour: number;
  failures: Array<{ delivery_day: string; delivery_hour: string; reason: string }>;
  rate_limited: boolean;
}

type FetchResult = { ok: true; price: StoredPrice } | { ok: false; reason: string; rateLimited: boolean };

async function fetchPrice(baseUrl: string, hour: DeliveryHour, now: number): Promise<FetchResult> {
  const url = `${baseUrl.replace(/\/+$/, "")}/reference-price?delivery_day=${hour.day}&delivery_hour=${hour.hour}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, reason: `request failed: ${(error as Error).message}`, rateLimited: false };
  }
  if (response.status === 429) return { ok: false, reason: "rate limited (429)", rateLimited: true };
  if (!response.ok) return { ok: false, reason: `HTTP ${response.status}`, rateLimited: false };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, reason: "body is not JSON", rateLimited: false };
  }
  const parsed = ProviderPriceSchema.safeParse(body);
  if (!parsed.success || parsed.data.delivery_day !== hour.day || parsed.data.delivery_hour !== hour.hour) {
    return { ok: false, reason: "body does not describe the requested hour's price", rateLimited: false };
  }
  return { ok: true, price: { ...parsed.data, fetched_at: now } };
}

/**
 * One cron run: fetches the reference prices that are due, within budget,
 * into KV. A failure (429, 5xx, timeout, a bad body) keeps the last good
 * price; a 429 ends the run, since the provider asked us to stop.
 */
/**
 * Fetches the reference prices the plan says are due and stores them; `published` hears of the prices stored, once
 * they are in KV (the live board pushes them to the dashboards).
 */
export async function refreshReferencePrices(
  env: Bindings,
  hours: readonly DeliveryHour[],
  now: number,
  published: (prices: StoredPrice[]) => Promise<unknown> = async () => {},
): Promise<PriceRunOutcome> {
  const stored = new Map<string, StoredPrice | null>();
  await Promise.all(hours.map(async (hour) => stored.set(`${hour.day}|${hour.hour}`, await readPrice(env.PRICES, hour))));
  let used = Number((await env.PRICES.get(budgetKey(now))) ?? 0);
  const plan = planFetches(hours, (hour) => stored.get(`${hour.day}|${hour.hour}`)?.fetched_at, now, used);

  const outcome: PriceRunOutcome = {
    at: new Date(now).toISOString(),
    wanted: plan.fetch.length + plan.deferred,
    fetched: 0,
    fresh: plan.fresh,
    deferred: plan.deferred,
    delivered: plan.delivered,
    requests_this_hour: used,
    failures: [],
    rate_limited: false,
  };
  const fetched: StoredPrice[] = [];
  for (const hour of plan.fetch) {
    used++;
    const result = await fetchPrice(env.MARKET_DATA_URL, hour, now);
    if (result.ok) {
      await writePrice(env.PRICES, result.price);
      fetched.push(result.price);
      outcome.fetched++;
      continue;
    }
    outcome.failures.push({ delivery_day: hour.day, delivery_hour: hour.hour, reason: result.reason });
    if (result.rateLimited) {
      outcome.rate_limited = true;
      break;
    }
  }
  await writeDaySummaries(env.PRICES, fetched);
  if (fetched.length > 0) {
    // The run's record stays true if the board is away: dashboards then see the prices on their next read.
    await published(fetched).catch((error: unknown) =>
      log("warn", { event: "prices_not_pushed", message: error instanceof Error ? error.message : String(error) }),
    );
  }
  outcome.requests_this_hour = used;
  await env.PRICES.put(budgetKey(now), String(used), { expirationTtl: 2 * 3600 });
  await env.PRICES.put(LAST_PRICE_RUN_KEY, JSON.stringify(outcome));
  return outcome;
}
