import type { FeedStatus } from "../../src/features/trading/exchange-feed/feed-types";
import type { ExchangeLogLine } from "../simulators/exchange-simulator";
import { reconcileDeals } from "./deal-reconciliation";
import type { LiveSoakResult } from "./live-subscribers";
import { type ReconnectSummary, reconnectLatencies, summarizeReconnects } from "./reconnect-latency";

/** The feed's counters (GET /v1/trading/feed) the checks compare with the log. */
export type FeedCounters = Pick<FeedStatus, "frames" | "deals_stored" | "duplicates_ignored" | "malformed_rejected" | "reconnects">;

export interface SoakCheckInput {
  log: readonly ExchangeLogLine[];
  /** Every id GET /v1/trading/deals returned, page after page, repeats kept. */
  storedIds: readonly string[];
  feed: FeedCounters;
  /** When the run stopped the simulator: its closes from then on are goodbyes, not drops. */
  stoppedAt?: number;
  maxReconnectMs: number;
}

export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface LogCounts {
  connections: number;
  frames: number;
  deals: number;
  duplicates: number;
  malformed: number;
  sendFailed: number;
  /** Connections the client closed itself: the feed gave up a socket (silence, error, restart). */
  clientCloses: number;
}

export interface SoakVerdict {
  ok: boolean;
  checks: SoakCheck[];
  log: LogCounts;
  feed: FeedCounters;
  deals: {
    sent: number;
    stored: number;
    missing: number;
    extra: number;
    doubled: number;
    samples: { missing: string[]; extra: string[]; doubled: string[] };
  };
  reconnect: ReconnectSummary & { limitMs: number; overLimit: number; latenciesMs: Array<number | null> };
}

/** How many ids a failing check quotes: enough to look one up, not a wall of hex. */
const SAMPLE = 5;

export function countLog(log: readonly ExchangeLogLine[]): LogCounts {
  const counts: LogCounts = { connections: 0, frames: 0, deals: 0, duplicates: 0, malformed: 0, sendFailed: 0, clientCloses: 0 };
  for (const line of log) {
    if (line.kind === "open") counts.connections++;
    else if (line.kind === "close") counts.clientCloses += line.by === "client" ? 1 : 0;
    else if (line.kind === "send_failed") counts.sendFailed++;
    else {
      counts.frames++;
      if (line.kind === "deal") counts.deals++;
      else if (line.kind === "duplicate") counts.duplicates++;
      else counts.malformed++;
    }
  }
  return counts;
}

function check(name: string, ok: boolean, detail: string): SoakCheck {
  return { name, ok, detail };
}

/**
 * Judges a soak run against the exchange's log, the only record of what was
 * really sent: each deal stored exactly once, duplicates and malformed frames
 * accounted for, and every drop followed by a reconnect within the limit.
 */
export function checkSoak(input: SoakCheckInput): SoakVerdict {
  const log = countLog(input.log);
  const sentIds = input.log.flatMap((line) => (line.kind === "deal" ? [line.id] : []));
  const deals = reconcileDeals(sentIds, input.storedIds);
  const reconnects = reconnectLatencies(input.log, input.stoppedAt);
  const summary = summarizeReconnects(reconnects);
  const late = reconnects.filter((r) => r.ms === null || r.ms > input.maxReconnectMs);
  const { feed } = input;

  const checks = [
    check("deals flowed", deals.sent > 0, `${deals.sent} unique deals sent`),
    check("no deal lost", deals.missing.length === 0, `${deals.missing.length} of ${deals.sent} missing${sample(deals.missing)}`),
    check("no deal invented", deals.extra.length === 0, `${deals.extra.length} stored ids never sent${sample(deals.extra)}`),
    check(
      "no deal stored twice",
      deals.doubled.length === 0,
      `${deals.doubled.length} ids stored more than once${sample(deals.doubled.map((d) => `${d.id}×${d.times}`))}`,
    ),
    check(
      "deals_stored counts each deal once",
      feed.deals_stored === deals.sent,
      `deals_stored ${feed.deals_stored}, unique deals sent ${deals.sent}`,
    ),
    check(
      "duplicates ignored",
      feed.duplicates_ignored >= log.duplicates,
      `duplicates_ignored ${feed.duplicates_ignored}, duplicates delivered ${log.duplicates}`,
    ),
    check(
      "malformed frames rejected",
      feed.malformed_rejected === log.malformed,
      `malformed_rejected ${feed.malformed_rejected}, malformed delivered ${log.malformed}`,
    ),
    check(
      `reconnect ≤ ${input.maxReconnectMs} ms after each drop`,
      late.length === 0,
      summary.drops === 0
        ? "no drop happened"
        : `${summary.reconnected}/${summary.drops} reconnected, median ${summary.medianMs} ms, max ${summary.maxMs} ms` +
            (late.length ? `; late or never: connections ${late.map((r) => r.connection).join(", ")}` : ""),
    ),
  ];
  return {
    ok: checks.every((c) => c.ok),
    checks,
    log,
    feed,
    deals: {
      sent: deals.sent,
      stored: deals.stored,
      missing: deals.missing.length,
      extra: deals.extra.length,
      doubled: deals.doubled.length,
      samples: {
        missing: deals.missing.slice(0, SAMPLE),
        extra: deals.extra.slice(0, SAMPLE),
        doubled: deals.doubled.slice(0, SAMPLE).map((d) => d.id),
      },
    },
    reconnect: { ...summary, limitMs: input.maxReconnectMs, overLimit: late.length, latenciesMs: reconnects.map((r) => r.ms) },
  };
}

/**
 * The live board's subscribers lived through the run: each connected at the end, with a view (rows and totals) equal
 * to GET …/report of its trader's day, and pushes actually flowed (or the check would prove nothing).
 */
export function checkLiveSubscribers(live: LiveSoakResult): SoakCheck {
  const { counters } = live;
  const ok =
    live.equal === live.subscribers && live.connected_at_end === live.subscribers && live.mismatches.length === 0 && counters.pushes > 0;
  const first = live.mismatches[0];
  return check(
    "live subscribers end with the report",
    ok,
    `${live.equal}/${live.subscribers} views equal to GET …/report, ${live.connected_at_end} connected at the end; ` +
      `${counters.pushes} pushes, ${counters.connects} hellos after ${counters.drops} cuts, ` +
      `${counters.unexpectedCloses} unexpected closes` +
      (first ? `; e.g. subscriber ${first.subscriber} (${first.trader_id}, ${first.delivery_day}): ${first.detail}` : ""),
  );
}

function sample(ids: readonly string[]): string {
  return ids.length ? ` (e.g. ${ids.slice(0, SAMPLE).join(", ")})` : "";
}
