import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDevVars } from "../lib/dev-vars";
import { ROOT } from "../lib/paths";
import { applyLocalMigrations, type RunningWorker, startWranglerDev } from "../lib/wrangler-dev";
import { DEFAULT_TRADER_COUNT, traderId } from "../simulators/deal-generator";
import { type ExchangeSimulator, type ExchangeStats, startExchangeSimulator } from "../simulators/exchange-simulator";
import { type MarketDataSimulator, startMarketDataSimulator } from "../simulators/market-data-simulator";
import { DAY_MS, isoDay } from "../simulators/utc-time";
import { readExchangeLog } from "./exchange-log";
import { allDealIds, connectFeed, feedStatus, waitForDrain } from "./feed-client";
import { type LiveSoakResult, type LiveSubscribers, startLiveSubscribers } from "./live-subscribers";
import type { TradingSoakSettings } from "./soak-args";
import { checkLiveSubscribers, checkSoak, type SoakVerdict } from "./soak-checks";

export const SOAK_DIR = join(ROOT, ".wrangler", "soak");
export const SOAK_RESULT_PATH = join(SOAK_DIR, "result.json");
const STATE_DIR = join(SOAK_DIR, "state");
const EXCHANGE_LOG = join(SOAK_DIR, "exchange.jsonl");
const MARKET_DATA_LOG = join(SOAK_DIR, "market-data.jsonl");
const WRANGLER_LOG = join(SOAK_DIR, "wrangler.log");
const PROGRESS_EVERY_MS = 30_000;
/** Send callbacks of the last frames written before the pause still have to land in the simulator's counters. */
const SETTLE_MS = 500;
/** How often the soak looks for a new forced drop of the exchange, to cut the subscribers' sockets with it. */
const DROP_WATCH_MS = 250;
/** How long the subscribers' views may take to equal the report once the feed drained (last pushes, last reconnects). */
const LIVE_SETTLE_MS = 30_000;

export interface TradingSoakResult {
  soak: "trading";
  ok: boolean;
  settings: TradingSoakSettings;
  seed: number;
  started_at: string;
  finished_at: string;
  /** From the feed's first connection to the pause. */
  load_seconds: number;
  /** How long after the pause the feed had handled every frame written; null when it never did. */
  drain_ms: number | null;
  exchange: ExchangeStats;
  /** The live board's subscribers; null with --subscribers 0. */
  live: LiveSoakResult | null;
  verdict: SoakVerdict;
  files: { exchange_log: string; market_data_log: string; wrangler_log: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const relative = (path: string) => path.slice(ROOT.length + 1);

async function runLoad(worker: RunningWorker, exchange: ExchangeSimulator, minutes: number): Promise<void> {
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await sleep(Math.min(PROGRESS_EVERY_MS, end - Date.now()));
    const status = await feedStatus(worker.url);
    const sent = exchange.stats();
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    console.log(
      `  ${left} s left: ${sent.dealsSent} deals sent, ${status.deals_stored} stored, ${status.duplicates_ignored} duplicates ignored, ` +
        `${status.malformed_rejected} malformed rejected, ${status.reconnects} reconnects, ` +
        `${status.connected ? "connected" : "disconnected"}`,
    );
  }
}

/**
 * The live board's subscribers, spread over every trader of the simulator and the two days its deals are for (today
 * and tomorrow, UTC), each connected before the load starts.
 */
async function startSubscribers(url: string, settings: TradingSoakSettings, seed: number): Promise<LiveSubscribers> {
  const traders = Array.from({ length: DEFAULT_TRADER_COUNT }, (_, index) => traderId(index));
  const days = [isoDay(Date.now()), isoDay(Date.now() + DAY_MS)];
  const subscribers = startLiveSubscribers(url, settings.subscribers, traders, days, seed);
  if (!(await subscribers.ready(30_000))) throw new Error(`the ${settings.subscribers} live subscribers did not all connect within 30 s`);
  console.log(`${settings.subscribers} live subscribers connected over ${traders.length} traders × ${days.length} days`);
  return subscribers;
}

/**
 * A fresh local system (own state, own port) fed by the exchange simulator
 * with the soak's knobs; after the load, the feed's deals and counters are
 * checked against the simulator's log.
 */
export async function runTradingSoak(settings: TradingSoakSettings): Promise<TradingSoakResult> {
  rmSync(SOAK_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  ensureDevVars();
  console.log("Applying D1 migrations to .wrangler/soak/state…");
  await applyLocalMigrations({ persistTo: STATE_DIR });

  const exchange = await startExchangeSimulator({
    port: 0,
    rate: settings.rate,
    duplicateRate: settings.duplicate,
    malformedRate: settings.malformed,
    disconnectEvery: settings.disconnectEvery,
    seed: settings.seed,
    logFile: EXCHANGE_LOG,
  });
  let marketData: MarketDataSimulator | undefined;
  let worker: RunningWorker | undefined;
  let exchangeStopped = false;
  let subscribers: LiveSubscribers | undefined;
  try {
    marketData = await startMarketDataSimulator({ port: 0, logFile: MARKET_DATA_LOG });
    console.log(
      `Exchange simulator ${exchange.url} (seed ${exchange.seed}), market data ${marketData.url}; ` +
        `starting wrangler dev on port ${settings.port}…`,
    );
    worker = await startWranglerDev({
      port: settings.port,
      persistTo: STATE_DIR,
      vars: { EXCHANGE_URL: exchange.url, MARKET_DATA_URL: marketData.url },
      logLevel: "warn",
      quiet: true,
      logFile: WRANGLER_LOG,
    });

    const startedAt = new Date();
    await connectFeed(worker.url);
    subscribers = settings.subscribers > 0 ? await startSubscribers(worker.url, settings, exchange.seed) : undefined;
    // Whenever the exchange forces its drop, every subscriber loses its socket too: all of them reconnect at once.
    let dropsSeen = exchange.stats().forcedDisconnects;
    const dropWatch = setInterval(() => {
      const drops = exchange.stats().forcedDisconnects;
      if (drops > dropsSeen && subscribers) subscribers.cutAll();
      dropsSeen = drops;
    }, DROP_WATCH_MS);
    console.log(`Feed connected; ${settings.rate} deals/s for ${settings.minutes} min…`);
    const loadStarted = Date.now();
    try {
      await runLoad(worker, exchange, settings.minutes);
    } finally {
      clearInterval(dropWatch);
    }

    exchange.setRate(0);
    const pausedAt = Date.now();
    await sleep(SETTLE_MS);
    const drain = await waitForDrain(worker.url, exchange.stats().framesSent);
    const drainMs = drain.met ? Date.now() - pausedAt : null;
    console.log(
      drain.met
        ? `Feed drained ${drainMs} ms after the pause; reading every deal…`
        : "The feed did not catch up within 60 s; checking what it has…",
    );
    const storedIds = await allDealIds(worker.url);
    const feed = await feedStatus(worker.url);
    if (subscribers) console.log("Comparing each subscriber's view with GET …/report…");
    const live = subscribers ? await subscribers.finish(LIVE_SETTLE_MS) : null;
    subscribers = undefined;

    const stoppedAt = Date.now();
    // The exchange first: stopping the Worker first would log its vanishing as a client close.
    await exchange.stop();
    exchangeStopped = true;
    const feedVerdict = checkSoak({
      log: readExchangeLog(EXCHANGE_LOG),
      storedIds,
      feed,
      stoppedAt,
      maxReconnectMs: settings.maxReconnectMs,
    });
    const checks = live ? [...feedVerdict.checks, checkLiveSubscribers(live)] : feedVerdict.checks;
    const verdict: SoakVerdict = { ...feedVerdict, checks, ok: checks.every((c) => c.ok) };
    const result: TradingSoakResult = {
      soak: "trading",
      ok: verdict.ok,
      settings,
      seed: exchange.seed,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      load_seconds: Math.round((pausedAt - loadStarted) / 100) / 10,
      drain_ms: drainMs,
      exchange: exchange.stats(),
      live,
      verdict,
      files: { exchange_log: relative(EXCHANGE_LOG), market_data_log: relative(MARKET_DATA_LOG), wrangler_log: relative(WRANGLER_LOG) },
    };
    writeFileSync(SOAK_RESULT_PATH, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await subscribers?.stop();
    if (!exchangeStopped) await exchange.stop();
    await worker?.stop();
    await marketData?.stop();
  }
}
