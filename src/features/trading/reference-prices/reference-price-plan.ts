/**
 * Which reference prices the cron fetches: the delivery hours that have
 * deals and are not yet delivered, whose stored price is missing or older
 * than the provider's 10-minute republication, soonest delivery first, within
 * the request budget (the provider allows ~50 requests a minute and 1,000 an
 * hour; we stay at 40 and 900).
 */
export interface DeliveryHour {
  /** YYYY-MM-DD */
  day: string;
  /** "HH-HH", "00-01" … "23-24" */
  hour: string;
}

export const MAX_REQUESTS_PER_RUN = 40;
export const MAX_REQUESTS_PER_HOUR = 900;
export const REFRESH_AFTER_MS = 10 * 60_000;

/** Delivery hours are UTC hours of the delivery day; hour "HH-HH" ends at the second HH. */
export function deliveryEnd(hour: DeliveryHour): number {
  const end = Number(hour.hour.slice(3, 5));
  return Date.parse(`${hour.day}T00:00:00Z`) + end * 3_600_000;
}

export function priceKey(hour: DeliveryHour): string {
  return `${dayPricesPrefix(hour.day)}${hour.hour}`;
}

/** The prefix every hour's price key of a delivery day starts with. */
export function dayPricesPrefix(day: string): string {
  return `price:${day}:`;
}

export interface FetchPlan {
  fetch: DeliveryHour[];
  /** Stale or missing prices left for a later run because the budget ran out. */
  deferred: number;
  /** Prices fresh enough to keep. */
  fresh: number;
  /** Hours already delivered, no longer fetched. */
  delivered: number;
}

export function planFetches(
  hours: readonly DeliveryHour[],
  fetchedAt: (hour: DeliveryHour) => number | undefined,
  now: number,
  requestsThisHour: number,
): FetchPlan {
  let fresh = 0;
  let delivered = 0;
  const due: DeliveryHour[] = [];
  for (const hour of hours) {
    if (deliveryEnd(hour) <= now) {
      delivered++;
      continue;
    }
    const at = fetchedAt(hour);
    if (at !== undefined && now - at < REFRESH_AFTER_MS) fresh++;
    else due.push(hour);
  }
  due.sort((a, b) => deliveryEnd(a) - deliveryEnd(b));
  const allowance = Math.max(0, Math.min(MAX_REQUESTS_PER_RUN, MAX_REQUESTS_PER_HOUR - requestsThisHour));
  return { fetch: due.slice(0, allowance), deferred: Math.max(0, due.length - allowance), fresh, delivered };
}
