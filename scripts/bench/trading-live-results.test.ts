import { describe, expect, it } from "vitest";
import type { LiveInput } from "./bench-results";
import { buildResults } from "./build-results";
import { consoleRows, renderMarkdown } from "./results-tables";
import { input } from "./results-test-inputs";
import { missedTargets } from "./target-judging";
import {
  type FeedDeltas,
  percentile,
  pushLatencyFigures,
  pushLatencyMet,
  recordTotals,
  type StormSample,
  type SubscriberRecord,
  statusCounts,
  stormFigures,
  stormMet,
} from "./trading-live-results";

const subscriber = (traderId: string, baseline = 0): SubscriberRecord => ({ traderId, baseline, satisfiedAt: [], lastTrades: baseline });

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("recordTotals", () => {
  it("satisfies every deal a coalesced push counts, at the time of that push, and never again", () => {
    const record = subscriber("t1", 10);
    recordTotals(record, 12, 1000);
    recordTotals(record, 12, 1100);
    recordTotals(record, 13, 1200);
    expect(record.satisfiedAt).toEqual([1000, 1000, 1200]);
    expect(record.lastTrades).toBe(13);
  });

  it("ignores a count that is not newer", () => {
    const record = subscriber("t1", 5);
    recordTotals(record, 7, 1000);
    recordTotals(record, 6, 1100);
    expect(record.satisfiedAt).toEqual([1000, 1000]);
    expect(record.lastTrades).toBe(7);
  });
});

describe("pushLatencyFigures", () => {
  const sent = [
    { traderId: "t1", sentAt: 1000 },
    { traderId: "t2", sentAt: 1005 },
    { traderId: "t1", sentAt: 1010 },
  ];

  it("times each subscriber's view of each deal of its own trader from the send", () => {
    const a = subscriber("t1");
    recordTotals(a, 1, 1020);
    recordTotals(a, 2, 1030);
    const b = subscriber("t1");
    recordTotals(b, 2, 1050);
    const c = subscriber("t2", 4);
    recordTotals(c, 5, 1010);
    const figures = pushLatencyFigures(sent, [a, b, c]);
    // a: 20, 20; b: 50, 40; c: 5
    expect(figures).toMatchObject({ subscribers: 3, deals: 3, pairs: 5, missed: 0, subscribers_off_count: 0, max_ms: 50 });
    expect(figures.p50_ms).toBe(20);
    expect(figures.p99_ms).toBe(50);
    expect(figures.deals_per_trader_min).toBe(1);
    expect(figures.deals_per_trader_max).toBe(2);
    expect(pushLatencyMet(figures, 3)).toBe(true);
  });

  it("counts the deals a subscriber never saw as missed, and one that ends short or over as off", () => {
    const short = subscriber("t1");
    recordTotals(short, 1, 1020);
    const over = subscriber("t2");
    recordTotals(over, 3, 1020);
    const figures = pushLatencyFigures(sent, [short, over]);
    expect(figures.missed).toBe(1);
    expect(figures.subscribers_off_count).toBe(2);
    expect(pushLatencyMet(figures, 2)).toBe(false);
  });

  it("misses the target on a slow p99, on missing subscribers, or when no deal flowed", () => {
    const slow = subscriber("t1");
    recordTotals(slow, 1, 1600);
    recordTotals(slow, 2, 1610);
    expect(pushLatencyMet(pushLatencyFigures(sent.slice(0, 1).concat(sent[2]!), [slow]), 1)).toBe(false);
    const fast = subscriber("t1");
    recordTotals(fast, 2, 1020);
    expect(pushLatencyMet(pushLatencyFigures([sent[0]!, sent[2]!], [fast]), 1)).toBe(true);
    expect(pushLatencyMet(pushLatencyFigures([sent[0]!, sent[2]!], [fast]), 2)).toBe(false);
    expect(pushLatencyMet(pushLatencyFigures([], [subscriber("t1")]), 1)).toBe(false);
  });
});

describe("stormFigures", () => {
  const feed: FeedDeltas = { dealsSent: 600, dealsStored: 600, malformedRejected: 0, drained: true };
  const samples = (reportStatuses: StormSample["status"][], pageStatus: StormSample["status"] = 200): StormSample[] =>
    reportStatuses.flatMap((status, i) => [
      { kind: "page" as const, ms: 10 + i, status: pageStatus },
      { kind: "report" as const, ms: 5 + i, status },
    ]);

  it("counts 304s among report answers and takes the percentiles over every request", () => {
    const figures = stormFigures(samples([200, 304, 304, 304]), { reloads: 4, skipped: 0, seconds: 2 }, feed);
    expect(figures).toMatchObject({ reloads: 4, reloads_per_s: 2, requests: 8, errors: 0, share_304_pct: 75, deals_lost: 0 });
    expect(figures.p99_ms).toBe(13);
    expect(figures.page_p99_ms).toBe(13);
    expect(figures.report_p99_ms).toBe(8);
    expect(stormMet(figures)).toBe(true);
  });

  it("counts a revalidated page (304) as an answer, with its own 304 share", () => {
    const figures = stormFigures(samples([304, 304], 304), { reloads: 2, skipped: 0, seconds: 1 }, feed);
    expect(figures).toMatchObject({ errors: 0, share_304_pct: 100, page_share_304_pct: 100 });
    expect(stormFigures(samples([200, 304]), { reloads: 2, skipped: 0, seconds: 1 }, feed).page_share_304_pct).toBe(0);
  });

  it("fails on a page that is not there, a report error, a timeout or a skipped reload", () => {
    const missingPage = stormFigures(samples([200, 304], 404), { reloads: 2, skipped: 0, seconds: 1 }, feed);
    expect(missingPage.errors).toBe(2);
    expect(stormMet(missingPage)).toBe(false);
    expect(statusCounts(samples([200, 304], 404))).toEqual({ "page 404": 2, "report 200": 1, "report 304": 1 });
    expect(stormMet(stormFigures(samples([200, 500]), { reloads: 2, skipped: 0, seconds: 1 }, feed))).toBe(false);
    expect(stormMet(stormFigures(samples([200, "timeout"]), { reloads: 2, skipped: 0, seconds: 1 }, feed))).toBe(false);
    expect(stormMet(stormFigures(samples([200, 304]), { reloads: 2, skipped: 1, seconds: 1 }, feed))).toBe(false);
  });

  it("fails when the feed stored fewer deals than were sent, rejected one, or never drained", () => {
    const run = { reloads: 2, skipped: 0, seconds: 1 };
    const lost = stormFigures(samples([200, 304]), run, { ...feed, dealsStored: 599 });
    expect(lost.deals_lost).toBe(1);
    expect(stormMet(lost)).toBe(false);
    expect(stormMet(stormFigures(samples([200, 304]), run, { ...feed, malformedRejected: 1 }))).toBe(false);
    expect(stormMet(stormFigures(samples([200, 304]), run, { ...feed, drained: false }))).toBe(false);
  });

  it("misses on a p99 over 250 ms", () => {
    const slow: StormSample[] = [
      { kind: "page", ms: 300, status: 200 },
      { kind: "report", ms: 5, status: 200 },
    ];
    expect(stormMet(stormFigures(slow, { reloads: 1, skipped: 0, seconds: 1 }, feed))).toBe(false);
  });
});

describe("live runs in the results", () => {
  const live: LiveInput[] = [
    { name: "trading: push latency", service: "trading", metrics: { p50_ms: 12, p99_ms: 80 }, target: { description: "p99", met: true } },
    {
      name: "trading: refresh storm",
      service: "trading",
      metrics: { errors: 300 },
      target: { description: "0 errors", met: false },
      error: "the trader page answered 404",
    },
    { name: "trading: slow", service: "trading", metrics: { p99_ms: 900 }, target: { description: "p99", met: false } },
  ];

  it("keeps the figures, and never lets a failed run meet its target", () => {
    const results = buildResults(input({ live }));
    expect(results.live.map((r) => r.met)).toEqual([true, false, false]);
    expect(results.live[1]?.error).toBe("the trader page answered 404");
    expect(results.live[0]?.target).toEqual({ description: "p99" });
    expect(missedTargets(results)).toEqual(["trading: refresh storm", "trading: slow"]);
    expect(buildResults(input()).live).toEqual([]);
  });

  it("tables them with their status", () => {
    const results = buildResults(input({ live }));
    const markdown = renderMarkdown(results);
    expect(markdown).toContain("| trading: push latency | trading | p50_ms 12, p99_ms 80 | p99 | met |");
    expect(markdown).toContain("FAILED (the trader page answered 404)");
    expect(markdown).toContain("| trading: slow | trading | p99_ms 900 | p99 | MISSED |");
    expect(consoleRows(results).filter((row) => row.kind === "live")).toHaveLength(3);
  });
});
