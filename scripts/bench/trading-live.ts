/**
 * The live trading board measured by clients of the benchmark's own: push latency to 1,000 WebSocket subscribers
 * while the feed ingests 100 deals/s, and a refresh storm of trader pages with conditional report reads meanwhile.
 * Both drive the run's one exchange simulator (see trading.ts), with its deals pinned to one delivery day.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FeedStatus } from "../../src/features/trading/exchange-feed/feed-types";
import { traderId } from "../simulators/deal-generator";
import { DAY_MS, isoDay } from "../simulators/utc-time";
import { connectFeed, feedStatus, fireCron, reportPath, waitForFeed } from "../soak/feed-client";
import type { LiveBenchmark, LiveRun } from "./registry";
import { BENCH_TRADERS, pinDeliveryDay, runningExchange } from "./trading";
import {
  PUSH_LATENCY_TARGET,
  pushLatencyFigures,
  pushLatencyMet,
  REFRESH_STORM_TARGET,
  statusCounts,
  stormFigures,
  stormMet,
} from "./trading-live-results";
import { runStorm, traderPagePath } from "./trading-live-storm";
import { type Fleet, openFleet } from "./trading-live-subscribers";

const RATE = 100;
const SUBSCRIBERS = 1000;
const RELOADS_PER_TRADER_PER_S = 20;
const PUSH_SECONDS = 20;
const STORM_SECONDS = 60;
/** Send callbacks of the last frames before a pause still have to land in the simulator's counters. */
const SETTLE_MS = 500;
/** How long after the feed drained the subscribers may still be catching up before what they lack counts as missed. */
const CATCH_UP_MS = 15_000;
/** A day no real-time deal reaches (they stop at the end of tomorrow): its (trader, day) pairs start empty. */
const LIVE_DAY = isoDay(Date.now() + 2 * DAY_MS);
const TRADERS = Array.from({ length: BENCH_TRADERS }, (_, index) => traderId(index));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number) => n.toLocaleString("en-US");

/** totals.trades of each trader's day now; 0 for one without deals yet (the report answers 404). */
async function tradesNow(baseUrl: string, traders: readonly string[], day: string): Promise<Map<string, number>> {
  const trades = new Map<string, number>();
  for (const trader of traders) {
    const response = await fetch(baseUrl + reportPath(trader, day));
    const text = await response.text();
    if (response.status === 404) trades.set(trader, 0);
    else if (response.ok) trades.set(trader, (JSON.parse(text) as { totals: { trades: number } }).totals.trades);
    else throw new Error(`GET ${reportPath(trader, day)} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return trades;
}

/** The feed's and the simulator's frame counters at one quiet moment: what a later drain is measured from. */
interface FrameMark {
  feed: FeedStatus;
  framesSent: number;
}

/**
 * Pauses the exchange and waits until the feed's frame count holds still for a second, so the counters read then are
 * not blurred by frames in flight. Not "until it handled every frame ever sent": an earlier step may have lost some
 * to a reconnect (the exchange never replays), and that is that step's finding, not this one's.
 */
async function pauseAndSettle(baseUrl: string): Promise<FrameMark> {
  const exchange = runningExchange();
  exchange.setRate(0);
  await sleep(SETTLE_MS);
  let last = await feedStatus(baseUrl);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(1000);
    const now = await feedStatus(baseUrl);
    if ((now.frames === last.frames && now.frames > 0) || now.frames >= exchange.stats().framesSent || Date.now() > deadline) {
      return { feed: now, framesSent: exchange.stats().framesSent };
    }
    last = now;
  }
}

/** After a pause and its settling: waits until the feed has handled every frame written since `mark`; met false after 60 s. */
async function drainedSince(baseUrl: string, mark: FrameMark): Promise<{ status: FeedStatus; met: boolean }> {
  const owed = runningExchange().stats().framesSent - mark.framesSent;
  return waitForFeed(baseUrl, (s) => s.frames - mark.feed.frames >= owed, { timeoutMs: 60_000 });
}

/** Only the figures that exist: a percentile over nothing is left out rather than shown as 0. */
function numbers(figures: object): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(100);
}

async function measurePushLatency(url: string, seconds: number): Promise<LiveRun> {
  const exchange = runningExchange();
  await connectFeed(url);
  const mark = await pauseAndSettle(url);
  const baselines = await tradesNow(url, TRADERS, LIVE_DAY);
  let fleet: Fleet | undefined;
  try {
    fleet = await openFleet(url, LIVE_DAY, TRADERS, SUBSCRIBERS, baselines);
    if (fleet.failures.length > 0) {
      return {
        metrics: { subscribers: fleet.subscribers.length },
        error: `${fleet.failures.length} of ${count(SUBSCRIBERS)} subscribers got no hello (first: ${fleet.failures[0]})`,
      };
    }
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const firstDeal = exchange.sentDeals().length;
    const unpin = pinDeliveryDay(LIVE_DAY);
    try {
      exchange.setRate(RATE);
      await sleep(seconds * 1000);
    } finally {
      exchange.setRate(0);
      await sleep(SETTLE_MS);
      unpin();
    }
    const window = exchange.sentDeals().slice(firstDeal);
    const measured = window.filter((sent) => sent.deal.delivery_day === LIVE_DAY && TRADERS.includes(sent.deal.trader_id));
    const drain = await drainedSince(url, mark);
    const wanted = new Map<string, number>();
    for (const sent of measured) wanted.set(sent.deal.trader_id, (wanted.get(sent.deal.trader_id) ?? 0) + 1);
    const subscribers = fleet.subscribers;
    await waitUntil(() => subscribers.every((s) => s.record.lastTrades >= s.record.baseline + (wanted.get(s.traderId) ?? 0)), CATCH_UP_MS);
    loopDelay.disable();

    const figures = pushLatencyFigures(
      measured.map((sent) => ({ traderId: sent.deal.trader_id, sentAt: sent.t })),
      subscribers.map((s) => s.record),
    );
    const messages = subscribers.reduce((sum, s) => sum + s.messages, 0);
    const closedEarly = subscribers.filter((s) => s.closedEarly).length;
    return {
      metrics: {
        ...numbers(figures),
        seconds,
        deals_per_s: Math.round((measured.length / seconds) * 10) / 10,
        // Under 1 when pushes coalesce several deals; each covers every deal its totals.trades counts.
        messages_per_pair: figures.pairs > 0 ? Math.round((messages / figures.pairs) * 1000) / 1000 : 0,
        off_day_deals: window.length - measured.length,
        closed_early: closedEarly,
        feed_drained: drain.met ? 1 : 0,
        client_event_loop_p99_ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
      },
      target: {
        description:
          `p50 ≤ ${PUSH_LATENCY_TARGET.p50Ms} ms, p99 ≤ ${PUSH_LATENCY_TARGET.p99Ms} ms, missed = 0 over every ` +
          `(subscriber, deal of its trader) pair, from the simulator's send to the first message counting the deal`,
        met: pushLatencyMet(figures, SUBSCRIBERS) && closedEarly === 0 && window.length === measured.length && drain.met,
      },
    };
  } finally {
    await fleet?.close();
  }
}

async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return response.status;
}

/** Every trader's report answers 200: each has a deal of the day, so a revalidation has something to compare. */
async function reportsReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const trader of TRADERS) {
    while ((await statusOf(url + reportPath(trader, LIVE_DAY))) !== 200) {
      if (Date.now() > deadline) throw new Error(`GET ${reportPath(trader, LIVE_DAY)} did not answer 200 within ${timeoutMs} ms`);
      await sleep(250);
    }
  }
}

async function measureRefreshStorm(url: string, seconds: number): Promise<LiveRun> {
  const exchange = runningExchange();
  await connectFeed(url);
  const mark = await pauseAndSettle(url);
  const sentBefore = exchange.stats();
  const unpin = pinDeliveryDay(LIVE_DAY);
  // The load loop's own event-loop delay: whether the figures are the server's or a saturated client's.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let storm: Awaited<ReturnType<typeof runStorm>>;
  let pageStatus: number;
  try {
    exchange.setRate(RATE);
    await reportsReady(url, 20_000);
    // Reference prices of the day in KV, as the cron keeps them in production.
    await fireCron(url);
    pageStatus = await statusOf(url + traderPagePath(TRADERS[0]!, LIVE_DAY), { accept: "text/html" });
    loopDelay.enable();
    storm = await runStorm({ baseUrl: url, traders: TRADERS, day: LIVE_DAY, reloadsPerS: RELOADS_PER_TRADER_PER_S, seconds });
  } finally {
    loopDelay.disable();
    exchange.setRate(0);
    await sleep(SETTLE_MS);
    unpin();
  }
  const drain = await drainedSince(url, mark);
  const sentAfter = exchange.stats();
  const figures = stormFigures(storm.samples, storm, {
    dealsSent: sentAfter.dealsSent - sentBefore.dealsSent,
    dealsStored: drain.status.deals_stored - mark.feed.deals_stored,
    malformedRejected: drain.status.malformed_rejected - mark.feed.malformed_rejected,
    drained: drain.met,
  });
  if (figures.errors > 0) console.log(`  answers: ${JSON.stringify(statusCounts(storm.samples))}`);
  const pagePath = traderPagePath(TRADERS[0]!, LIVE_DAY);
  const error =
    pageStatus === 404
      ? `the trader page GET ${pagePath} answered 404: it does not exist (yet), so every reload failed its first request`
      : pageStatus !== 200
        ? `the trader page GET ${pagePath} answered ${pageStatus} before the storm`
        : undefined;
  return {
    metrics: {
      ...numbers(figures),
      seconds: Math.round(storm.seconds * 10) / 10,
      client_event_loop_p99_ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
    },
    target: {
      description:
        `0 errors, p99 ≤ ${REFRESH_STORM_TARGET.p99Ms} ms over every request, every reload on schedule, and deals_stored grew by ` +
        "exactly the deals sent, none malformed; share_304_pct and page_share_304_pct are the 304s among the report and page answers",
      met: stormMet(figures),
    },
    ...(error ? { error } : {}),
  };
}

export const tradingLiveBenchmarks: LiveBenchmark[] = [
  {
    name: `trading: push latency to ${count(SUBSCRIBERS)} WebSocket subscribers of ${TRADERS.length} traders at ${RATE} deals/s`,
    service: "trading",
    run: ({ url, durationS }) => measurePushLatency(url, durationS ?? PUSH_SECONDS),
  },
  {
    name:
      `trading: refresh storm, ${TRADERS.length} traders × ${RELOADS_PER_TRADER_PER_S} reloads/s ` +
      `(page, then report with If-None-Match) at ${RATE} deals/s`,
    service: "trading",
    run: ({ url, durationS }) => measureRefreshStorm(url, durationS ?? STORM_SECONDS),
  },
];
