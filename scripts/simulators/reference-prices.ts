import { seededRandom } from "../lib/random";
import { hourlyPriceLevel, isSolarHour, normal, roundTo } from "./price-shape";
import { hashSeed } from "./seed-hash";
import { HOUR_MS, hourLabel, parseHourLabel, parseIsoDay } from "./utc-time";

/** The provider republishes each delivery hour's price every 10 minutes… */
export const REPUBLISH_INTERVAL_MS = 10 * 60_000;
/** …each time with 0–30 s of delay. */
export const MAX_PUBLISH_DELAY_MS = 30_000;

export interface DeliveryPeriod {
  day: string;
  hour: string;
  /** Delivery start, UTC ms: gate closure, after which the price is no longer republished. */
  startMs: number;
}

export type PeriodParse = { ok: true; period: DeliveryPeriod } | { ok: false; error: string };

/** Validates the two query parameters as the provider does: both required, a real day and one of "00-01" … "23-24". */
export function parseDeliveryPeriod(day: string | null | undefined, hour: string | null | undefined): PeriodParse {
  const missing = [day ? undefined : "delivery_day", hour ? undefined : "delivery_hour"].filter(Boolean);
  if (missing.length > 0) return { ok: false, error: `missing query parameter${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` };
  const dayStart = parseIsoDay(day ?? "");
  if (dayStart === undefined) return { ok: false, error: `invalid delivery_day "${day}": expected YYYY-MM-DD` };
  const hourIndex = parseHourLabel(hour ?? "");
  if (hourIndex === undefined) return { ok: false, error: `invalid delivery_hour "${hour}": expected HH-HH from 00-01 to 23-24` };
  return { ok: true, period: { day: day ?? "", hour: hourLabel(hourIndex), startMs: dayStart + hourIndex * HOUR_MS } };
}

export interface ReferencePrice {
  value: number;
  /** When this value was drawn (published), UTC ms. */
  lastUpdateMs: number;
}

/**
 * The price the provider shows for a delivery hour at `nowMs`. Publications
 * happen every 10 minutes at a fixed 0–30 s offset per delivery hour, so a
 * value never changes twice within 10 minutes; they stop at gate closure
 * (delivery start), so a past hour keeps its last price. Each value is a pure
 * function of (seed, period, publication), so it needs no stored state.
 */
export function referencePrice(seed: number, period: DeliveryPeriod, nowMs: number): ReferencePrice {
  // Whole seconds, so last_update (printed to the second) is exactly the publication instant.
  const offsetMs = Math.floor(seededRandom(hashSeed(seed, period.day, period.hour, "offset"))() * (MAX_PUBLISH_DELAY_MS / 1000)) * 1000;
  const effectiveNow = Math.min(nowMs, period.startMs);
  const publication = Math.floor((effectiveNow - offsetMs) / REPUBLISH_INTERVAL_MS);
  const lastUpdateMs = publication * REPUBLISH_INTERVAL_MS + offsetMs;

  const hour = new Date(period.startMs).getUTCHours();
  // The day's level (weather, demand) is shared by its 24 hours; each publication drifts around it.
  const dayRandom = seededRandom(hashSeed(seed, period.day, "day"));
  const dayShift = 12 * normal(dayRandom);
  const sunnySurplus = dayRandom() < 0.15;
  const random = seededRandom(hashSeed(seed, period.day, period.hour, publication));
  if (sunnySurplus && isSolarHour(hour)) return { value: roundTo(-0.01 - 25 * random(), 2), lastUpdateMs };
  return { value: roundTo(hourlyPriceLevel(hour) + dayShift + 4 * normal(random), 2), lastUpdateMs };
}
