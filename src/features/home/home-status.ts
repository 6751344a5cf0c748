import { database } from "../../lib/db";
import type { Bindings } from "../../lib/env";
import { log } from "../../lib/log";
import { type CronRunRecord, LAST_CRON_RUN_KEY } from "../../scheduled";
import { countInWindow, versionAndPeriod } from "../credits/credits.repository";
import { countCircuits } from "../insights/insights.repository";
import { listMarkets } from "../peaks/peaks.repository";
import { exchangeFeed } from "../trading/exchange-feed/exchange-feed-stub";
import type { FeedStatus } from "../trading/exchange-feed/feed-types";

/** One figure of the landing page: its value when the source answered, and when it was read either way. */
export type StatusReading<T> = { available: true; value: T; readAt: string } | { available: false; readAt: string };

export interface HomeStatus {
  markets: StatusReading<{ markets: number; readings: number }>;
  circuits: StatusReading<number>;
  /** `period` is null while no billing period is set. */
  credits: StatusReading<{ period: { startMs: number; endMs: number } | null; messages: number }>;
  feed: StatusReading<FeedStatus>;
  /** null until the Cron Trigger has run once. */
  cron: StatusReading<CronRunRecord | null>;
}

/** A source slower than this is shown as unavailable rather than holding the whole page. */
export const STATUS_TIMEOUT_MS = 3000;

function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Reads one source; a failure is logged and becomes "unavailable", so one broken source never breaks the page. */
async function settle<T>(source: string, requestId: string | undefined, read: () => Promise<T>): Promise<StatusReading<T>> {
  try {
    const value = await withinTimeout(read(), STATUS_TIMEOUT_MS);
    return { available: true, value, readAt: new Date().toISOString() };
  } catch (error) {
    log("warn", { request_id: requestId, status_source: source, message: error instanceof Error ? error.message : String(error) });
    return { available: false, readAt: new Date().toISOString() };
  }
}

async function readMarkets(env: Bindings) {
  const markets = await listMarkets(database(env.DB));
  return { markets: markets.length, readings: markets.reduce((sum, market) => sum + market.readingCount, 0) };
}

async function readCredits(env: Bindings) {
  const { period } = await versionAndPeriod(env.DB);
  if (!period) return { period: null, messages: 0 };
  return { period: { startMs: period.startMs, endMs: period.endMs }, messages: await countInWindow(env.DB, period.startMs, period.endMs) };
}

/** Every source at once, through the same repository functions and objects the API reads. */
export async function readHomeStatus(env: Bindings, requestId?: string): Promise<HomeStatus> {
  const [markets, circuits, credits, feed, cron] = await Promise.all([
    settle("peaks markets", requestId, () => readMarkets(env)),
    settle("insights circuits", requestId, () => countCircuits(database(env.DB))),
    settle("credits period", requestId, () => readCredits(env)),
    settle("exchange feed", requestId, () => exchangeFeed(env).status()),
    settle("last cron run", requestId, () => env.PRICES.get<CronRunRecord>(LAST_CRON_RUN_KEY, "json")),
  ]);
  return { markets, circuits, credits, feed, cron };
}
