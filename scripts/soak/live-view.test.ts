import { describe, expect, it } from "vitest";
import type { TraderReportRow } from "../../src/features/trading/trader-report";
import type { LiveSoakResult } from "./live-subscribers";
import { backoffMs, canonicalJson, LiveView, type ReportTotals, viewDifference } from "./live-view";
import { checkLiveSubscribers } from "./soak-checks";

function row(hour: string, trades: number, extra: Partial<TraderReportRow> = {}): TraderReportRow {
  return {
    delivery_period: `2030-01-02 ${hour}`,
    delivery_hour: hour,
    trades,
    bought_mw: trades,
    sold_mw: 0,
    net_mw: trades,
    buy_vwap: 50,
    sell_vwap: null,
    avg_price: 50,
    reference_price: null,
    reference_last_update: null,
    delta_vs_reference: null,
    vs_reference_eur: null,
    pnl_eur: -50 * trades,
    ...extra,
  };
}

function totals(trades: number): ReportTotals {
  return {
    trades,
    bought_mw: trades,
    sold_mw: 0,
    net_mw: trades,
    pnl_eur: -50 * trades,
    vs_reference_eur: null,
    hours_without_reference: 1,
  };
}

describe("LiveView", () => {
  it("applies pushes and reads that are not older, row by row", () => {
    const view = new LiveView();
    expect(view.apply([row("05-06", 2), row("07-08", 1)], totals(3))).toBe(0);
    // A report read that raced an earlier push: its 05-06 is older, its 07-08 newer.
    expect(view.apply([row("05-06", 1), row("07-08", 2)], totals(2))).toBe(2);
    expect(view.snapshot().rows.map((r) => [r.delivery_hour, r.trades])).toEqual([
      ["05-06", 2],
      ["07-08", 2],
    ]);
    expect(view.snapshot().totals?.trades).toBe(3);
  });

  it("takes a row with the same count (a new reference price) and keeps rows sorted by hour", () => {
    const view = new LiveView();
    view.apply([row("09-10", 1), row("01-02", 1)], totals(2));
    view.apply([row("09-10", 1, { reference_price: 61.5 })], totals(2));
    const snapshot = view.snapshot();
    expect(snapshot.rows.map((r) => r.delivery_hour)).toEqual(["01-02", "09-10"]);
    expect(snapshot.rows[1]?.reference_price).toBe(61.5);
  });
});

describe("viewDifference", () => {
  it("is null for a view equal to the report, whatever the order of rows and keys", () => {
    const view = new LiveView();
    view.apply([row("07-08", 1), row("05-06", 2)], totals(3));
    const shuffled = { ...totals(3), trades: 3 };
    expect(viewDifference(view.snapshot(), { rows: [row("05-06", 2), row("07-08", 1)], totals: shuffled })).toBeNull();
    expect(viewDifference(new LiveView().snapshot(), null)).toBeNull();
  });

  it("names the totals and hours that differ", () => {
    const view = new LiveView();
    view.apply([row("05-06", 2)], totals(2));
    expect(viewDifference(view.snapshot(), { rows: [row("05-06", 2), row("07-08", 1)], totals: totals(3) })).toBe(
      "totals.trades 2, report 3; hours 07-08 differ",
    );
    expect(viewDifference(view.snapshot(), null)).toBe("totals.trades 2, report 0; hours 05-06 differ");
  });

  it("compares with keys sorted", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
  });
});

describe("backoffMs", () => {
  it("doubles from 250 ms up to 5 s, with half to all of it as jitter", () => {
    expect(backoffMs(0, () => 0)).toBe(125);
    expect(backoffMs(0, () => 1)).toBe(250);
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(10, () => 1)).toBe(5000);
    expect(backoffMs(10, () => 0)).toBe(2500);
  });
});

describe("checkLiveSubscribers", () => {
  const result = (overrides: Partial<LiveSoakResult> = {}): LiveSoakResult => ({
    subscribers: 4,
    pairs: 2,
    counters: {
      connects: 12,
      drops: 8,
      unexpectedCloses: 0,
      reportReads: { ok: 10, notModified: 2, notFound: 0, failed: 0 },
      pushes: 500,
      olderPartsIgnored: 3,
    },
    connected_at_end: 4,
    equal: 4,
    mismatches: [],
    settle_ms: 120,
    ...overrides,
  });

  it("passes when every subscriber is connected with the report's view", () => {
    const check = checkLiveSubscribers(result());
    expect(check.ok).toBe(true);
    expect(check.detail).toContain("4/4 views equal");
  });

  it("fails on a view that differs, a subscriber gone, or no push at all", () => {
    const mismatch = {
      subscriber: 2,
      trader_id: "flex_trader_1",
      delivery_day: "2030-01-02",
      connected: true,
      detail: "hours 05-06 differ",
    };
    const differs = checkLiveSubscribers(result({ equal: 3, mismatches: [mismatch] }));
    expect(differs.ok).toBe(false);
    expect(differs.detail).toContain("subscriber 2 (flex_trader_1, 2030-01-02): hours 05-06 differ");
    expect(checkLiveSubscribers(result({ connected_at_end: 3 })).ok).toBe(false);
    expect(checkLiveSubscribers(result({ counters: { ...result().counters, pushes: 0 } })).ok).toBe(false);
  });
});
