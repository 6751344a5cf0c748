import { performance } from "node:perf_hooks";
import { type ExchangeSimulator, startExchangeSimulator } from "../simulators/exchange-simulator";
import { startMarketDataSimulator } from "../simulators/market-data-simulator";
import { DAY_MS, HOUR_MS, isoDay, parseIsoDay } from "../simulators/utc-time";
import { reconcileDeals } from "../soak/deal-reconciliation";
import { allDealIds, connectFeed, feedStatus, fireCron, waitForDrain } from "../soak/feed-client";
import type { BenchDataset, BenchUpstream, HttpScenario } from "./registry";

const INGEST_RATE = 1000;
const BACKGROUND_RATE = 100;
/** The feed's first second (socket buffers filling, SQLite warming) is not what "sustained" means. */
const WARMUP_MS = 2000;
const MEASURE_MS = 20_000;
const SAMPLE_EVERY_MS = 1000;
/** Two polls bracket the window; their own latency blurs its edges by a few ms, hence a small tolerance. */
const KEEP_PACE_SHARE = 0.98;
/** Send callbacks of the last frames before a pause still have to land in the simulator's counters. */
const SETTLE_MS = 500;
const TRADER = "flex_trader_1";
/** Deals are for delivery from the next hour to the end of the next UTC day, so tomorrow always has some. */
const REPORT_DAY = isoDay(Date.now() + DAY_MS);
const REPORT_PATH = `/v1/trading/traders/${TRADER}/report?delivery_day=${REPORT_DAY}`;

/** The desk's traders, flex_trader_1 … flex_trader_15: the simulator spreads its deals over them at random. */
export const BENCH_TRADERS = 15;

/** Shared by the upstream, the dataset and the scenarios: one simulator for the whole run, its rate set per step. */
let exchange: ExchangeSimulator | undefined;

export function runningExchange(): ExchangeSimulator {
  if (!exchange) throw new Error("the trading upstream (exchange simulator) is not running");
  return exchange;
}

/** Added to the real clock for the execution times the simulator stamps on its deals; 0 unless a day is pinned. */
let executionClockShiftMs = 0;

/**
 * From now on, every deal the simulator generates is for delivery on `day`, until the returned function is called.
 * A deal is for an hour from the next whole hour to the end of the next UTC day after its execution time, so an
 * execution time in the last hour of the day before `day` leaves exactly the 24 hours of `day`: the simulator's clock
 * is moved to 23:00:30 UTC of that day, which holds for the next 59 minutes. Pacing keeps the real clock.
 */
export function pinDeliveryDay(day: string): () => void {
  const start = parseIsoDay(day);
  if (start === undefined) throw new Error(`not a delivery day: ${day}`);
  executionClockShiftMs = start - HOUR_MS + 30_000 - Date.now();
  return () => {
    executionClockShiftMs = 0;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Both upstreams on free ports, paused: the other services' scenarios run
 * with a connected but idle feed, and the trading steps set the rate they need.
 */
export const tradingUpstream: BenchUpstream = {
  name: "trading: exchange and market-data simulators",
  service: "trading",
  async start() {
    const simulator = await startExchangeSimulator({
      port: 0,
      rate: 0,
      seed: 7,
      traderCount: BENCH_TRADERS,
      now: () => Date.now() + executionClockShiftMs,
    });
    const marketData = await startMarketDataSimulator({ port: 0, seed: 7 });
    exchange = simulator;
    return {
      vars: { EXCHANGE_URL: simulator.url, MARKET_DATA_URL: marketData.url },
      async stop() {
        exchange = undefined;
        await simulator.stop();
        await marketData.stop();
      },
    };
  },
};

interface Sample {
  /** Midpoint of the status request, performance.now() ms. */
  at: number;
  stored: number;
  /** Deals sent at the midpoint, as the mean of the counts before and after the request. */
  sent: number;
  /** Deals sent by the time the answer arrived: at least what the feed could have stored. */
  sentAfter: number;
}

async function sample(url: string, simulator: ExchangeSimulator): Promise<Sample> {
  const started = performance.now();
  const sentBefore = simulator.stats().dealsSent;
  const status = await feedStatus(url);
  const sentAfter = simulator.stats().dealsSent;
  return { at: (started + performance.now()) / 2, stored: status.deals_stored, sent: (sentBefore + sentAfter) / 2, sentAfter };
}

const perSecond = (from: Sample, to: Sample, key: "stored" | "sent") => ((to[key] - from[key]) * 1000) / (to.at - from.at);

/**
 * The feed at 1,000 deals/s for 20 s, measured from the outside: deals_stored
 * deltas on GET /v1/trading/feed. Then the exchange pauses, the feed drains,
 * and every id it stored is checked against what the simulator sent.
 */
export const tradingDataset: BenchDataset = {
  name: `trading: exchange feed at ${INGEST_RATE.toLocaleString("en-US")} deals/s for ${MEASURE_MS / 1000} s`,
  service: "trading",
  async load({ url }) {
    const simulator = runningExchange();
    await connectFeed(url);
    const reconnectsBefore = (await feedStatus(url)).reconnects;
    simulator.setRate(INGEST_RATE);
    await sleep(WARMUP_MS);
    const samples = [await sample(url, simulator)];
    while (samples[samples.length - 1]!.at - samples[0]!.at < MEASURE_MS) {
      await sleep(SAMPLE_EVERY_MS);
      samples.push(await sample(url, simulator));
    }
    simulator.setRate(0);
    const pausedAt = performance.now();
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;

    await sleep(SETTLE_MS);
    const drain = await waitForDrain(url, simulator.stats().framesSent);
    const drainMs = drain.met ? Math.round(performance.now() - pausedAt) : -1;
    const deals = reconcileDeals(
      simulator.sentDeals().map((sent) => sent.deal.id),
      await allDealIds(url),
    );

    const storedPerS = perSecond(first, last, "stored");
    const sentPerS = perSecond(first, last, "sent");
    const slowestSecond = Math.min(...samples.slice(1).map((s, i) => perSecond(samples[i]!, s, "stored")));
    // An upper bound: frames sent while the status request was under way count as not yet stored.
    const backlog = last.sentAfter - last.stored;
    const intact = deals.missing.length === 0 && deals.extra.length === 0 && deals.doubled.length === 0;
    const keptPace = sentPerS >= KEEP_PACE_SHARE * INGEST_RATE && storedPerS >= KEEP_PACE_SHARE * sentPerS && backlog < INGEST_RATE;
    return {
      rows: last.stored - first.stored,
      seconds: (last.at - first.at) / 1000,
      target: {
        description:
          `≥ ${INGEST_RATE.toLocaleString("en-US")} deals/s sustained ` +
          `(stored ≥ ${KEEP_PACE_SHARE * 100} % of sent, backlog < 1 s) and none lost`,
        met: keptPace && intact && drain.met,
      },
      extra: {
        sent_per_s: Math.round(sentPerS),
        slowest_second_stored: Math.round(slowestSecond),
        backlog_at_pause: backlog,
        drain_ms: drainMs,
        deals_checked: deals.sent,
        lost: deals.missing.length,
        extra: deals.extra.length,
        stored_twice: deals.doubled.length,
        reconnects: drain.status.reconnects - reconnectsBefore,
      },
    };
  },
};

/**
 * The exchange at 100 deals/s for the length of a scenario, with deals of the
 * trader already stored and reference prices in KV (the cron fetched them),
 * so the report reads what it reads in production.
 */
async function ingestInBackground({ url }: { url: string }): Promise<void> {
  await connectFeed(url);
  runningExchange().setRate(BACKGROUND_RATE);
  const deadline = Date.now() + 15_000;
  while ((await statusOf(url + REPORT_PATH)) !== 200) {
    if (Date.now() > deadline) throw new Error(`GET ${REPORT_PATH} did not answer 200 within 15 s of the feed ingesting`);
    await sleep(250);
  }
  await fireCron(url);
}

async function statusOf(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

async function pauseExchange(): Promise<void> {
  exchange?.setRate(0);
}

export const tradingScenarios: HttpScenario[] = [
  {
    name: `trading: trader report while the feed ingests ${BACKGROUND_RATE} deals/s`,
    service: "trading",
    path: REPORT_PATH,
    target: { minRatioToHealth: 0.5, description: `≥ 50 % of /health while the feed ingests ${BACKGROUND_RATE} deals/s` },
    before: ingestInBackground,
    after: pauseExchange,
  },
  {
    // One Durable Object call and one KV read (the last cron run): the report's floor, before its per-hour KV reads.
    name: `trading: feed status while the feed ingests ${BACKGROUND_RATE} deals/s`,
    service: "trading",
    path: "/v1/trading/feed",
    before: ingestInBackground,
    after: pauseExchange,
  },
];
