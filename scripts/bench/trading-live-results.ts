/**
 * The figures of the live trading board's two benchmarks, from what their clients recorded: push latency over every
 * (subscriber, deal) pair, and the refresh storm's request latencies, 304 share and feed check. Pure, so the way a
 * figure is counted is tested without a Worker.
 */

/** The targets. */
export const PUSH_LATENCY_TARGET = { p50Ms: 100, p99Ms: 500 } as const;
export const REFRESH_STORM_TARGET = { p99Ms: 250 } as const;

/** One deal of the measured window, in the order the simulator sent it: when, and for which trader. */
export interface SentDealTime {
  traderId: string;
  /** Date.now() when the simulator had written the frame to the feed's socket. */
  sentAt: number;
}

/** What one subscriber saw of its trader's day. */
export interface SubscriberRecord {
  traderId: string;
  /** totals.trades of the (trader, day) before the window's first deal. */
  baseline: number;
  /** satisfiedAt[k]: Date.now() at the first message whose totals.trades ≥ baseline + k + 1. */
  satisfiedAt: Array<number | undefined>;
  /** totals.trades of the last message received (baseline when none came). */
  lastTrades: number;
}

/** Records a message of a subscriber: every deal ordinal its totals.trades covers for the first time is satisfied now. */
export function recordTotals(record: SubscriberRecord, trades: number, receivedAt: number): void {
  for (let ordinal = Math.max(record.lastTrades, record.baseline) + 1; ordinal <= trades; ordinal++) {
    record.satisfiedAt[ordinal - record.baseline - 1] = receivedAt;
  }
  record.lastTrades = Math.max(record.lastTrades, trades);
}

/** Nearest-rank percentile of ascending values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface PushLatencyFigures {
  subscribers: number;
  deals: number;
  /** Σ over subscribers of the deals of their trader: each must be seen by that subscriber. */
  pairs: number;
  p50_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** Pairs no message ever covered. */
  missed: number;
  /** Subscribers whose last totals.trades is not baseline + the deals sent for their trader (short or over). */
  subscribers_off_count: number;
  /** Fewest and most deals one trader got in the window. */
  deals_per_trader_min: number;
  deals_per_trader_max: number;
}

/**
 * For each subscriber and each deal of its trader (the k-th deal of that trader in send order): the time from the
 * simulator's send to the first message whose totals.trades reached baseline + k. A deal no message covered is missed;
 * so is every deal of a subscriber whose count ends anywhere but exactly at baseline + deals sent.
 */
export function pushLatencyFigures(sent: readonly SentDealTime[], subscribers: readonly SubscriberRecord[]): PushLatencyFigures {
  const sentAtByTrader = new Map<string, number[]>();
  for (const deal of sent) {
    const times = sentAtByTrader.get(deal.traderId) ?? [];
    times.push(deal.sentAt);
    sentAtByTrader.set(deal.traderId, times);
  }
  const latencies: number[] = [];
  let pairs = 0;
  let missed = 0;
  let off = 0;
  for (const subscriber of subscribers) {
    const times = sentAtByTrader.get(subscriber.traderId) ?? [];
    pairs += times.length;
    if (subscriber.lastTrades !== subscriber.baseline + times.length) off++;
    times.forEach((sentAt, k) => {
      const at = subscriber.satisfiedAt[k];
      if (at === undefined) missed++;
      else latencies.push(Math.max(0, at - sentAt));
    });
  }
  latencies.sort((a, b) => a - b);
  const perTrader = [...new Set(subscribers.map((s) => s.traderId))].map((trader) => sentAtByTrader.get(trader)?.length ?? 0);
  return {
    subscribers: subscribers.length,
    deals: sent.length,
    pairs,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies.length ? latencies[latencies.length - 1]! : null,
    missed,
    subscribers_off_count: off,
    deals_per_trader_min: perTrader.length ? Math.min(...perTrader) : 0,
    deals_per_trader_max: perTrader.length ? Math.max(...perTrader) : 0,
  };
}

/** Met when deals flowed, every subscriber saw every deal of its trader, and p50/p99 are within the bounds. */
export function pushLatencyMet(f: PushLatencyFigures, subscribersWanted: number): boolean {
  return (
    f.subscribers === subscribersWanted &&
    f.pairs > 0 &&
    f.missed === 0 &&
    f.subscribers_off_count === 0 &&
    f.p50_ms !== null &&
    f.p50_ms <= PUSH_LATENCY_TARGET.p50Ms &&
    f.p99_ms !== null &&
    f.p99_ms <= PUSH_LATENCY_TARGET.p99Ms
  );
}

/** One request of the storm: a trader page or a report revalidation, with its status or why it got none. */
export interface StormSample {
  kind: "page" | "report";
  ms: number;
  status: number | "error" | "timeout";
}

/** The feed's and the simulator's counters around the storm (exchange paused and drained at both ends). */
export interface FeedDeltas {
  dealsSent: number;
  dealsStored: number;
  malformedRejected: number;
  /** Whether the feed had handled every frame written, once the exchange paused. */
  drained: boolean;
}

export interface StormFigures {
  reloads: number;
  /** Reloads the schedule owed but did not start, because a trader already had its cap of reloads in flight. */
  reloads_skipped: number;
  reloads_per_s: number;
  requests: number;
  /** Anything but a 200 or 304, and requests that got no answer. */
  errors: number;
  p50_ms: number | null;
  p99_ms: number | null;
  page_p99_ms: number | null;
  report_p99_ms: number | null;
  /** 304s among the report answers (200 or 304), in percent. */
  share_304_pct: number | null;
  /** 304s among the page answers (200 or 304), in percent: reloads revalidate the page too. */
  page_share_304_pct: number | null;
  deals_sent: number;
  /** Deals sent that deals_stored did not grow by (negative: stored more than sent). */
  deals_lost: number;
  malformed_rejected: number;
  feed_drained: number;
}

const okStatus = (sample: StormSample) => sample.status === 200 || sample.status === 304;

/** 304s among a kind's 200 and 304 answers, in percent. */
function share304(samples: readonly StormSample[], kind: StormSample["kind"]): number | null {
  const answers = samples.filter((s) => s.kind === kind && okStatus(s));
  if (answers.length === 0) return null;
  return Math.round((answers.filter((s) => s.status === 304).length / answers.length) * 1000) / 10;
}

const sortedMs = (samples: readonly StormSample[]) => samples.map((s) => s.ms).sort((a, b) => a - b);

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function stormFigures(
  samples: readonly StormSample[],
  run: { reloads: number; skipped: number; seconds: number },
  feed: FeedDeltas,
): StormFigures {
  const all = sortedMs(samples);
  return {
    reloads: run.reloads,
    reloads_skipped: run.skipped,
    reloads_per_s: run.seconds > 0 ? Math.round((run.reloads / run.seconds) * 10) / 10 : 0,
    requests: samples.length,
    errors: samples.filter((s) => !okStatus(s)).length,
    p50_ms: round1(percentile(all, 50)),
    p99_ms: round1(percentile(all, 99)),
    page_p99_ms: round1(percentile(sortedMs(samples.filter((s) => s.kind === "page")), 99)),
    report_p99_ms: round1(percentile(sortedMs(samples.filter((s) => s.kind === "report")), 99)),
    share_304_pct: share304(samples, "report"),
    page_share_304_pct: share304(samples, "page"),
    deals_sent: feed.dealsSent,
    deals_lost: feed.dealsSent - feed.dealsStored,
    malformed_rejected: feed.malformedRejected,
    feed_drained: feed.drained ? 1 : 0,
  };
}

/** Met with no error and no skipped reload, p99 within the bound, and a feed that stored exactly what was sent. */
export function stormMet(f: StormFigures): boolean {
  return (
    f.reloads > 0 &&
    f.reloads_skipped === 0 &&
    f.errors === 0 &&
    f.p99_ms !== null &&
    f.p99_ms <= REFRESH_STORM_TARGET.p99Ms &&
    f.deals_sent > 0 &&
    f.deals_lost === 0 &&
    f.malformed_rejected === 0 &&
    f.feed_drained === 1
  );
}

/** Status counts by kind, e.g. { "page 404": 12, "report 304": 800 }, for the message of a failed storm. */
export function statusCounts(samples: readonly StormSample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[`${s.kind} ${s.status}`] = (counts[`${s.kind} ${s.status}`] ?? 0) + 1;
  return counts;
}
