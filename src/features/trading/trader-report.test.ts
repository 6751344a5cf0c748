import { describe, expect, it } from "vitest";
import type { TraderHour, TraderReport } from "./exchange-feed/feed-types";
import type { DayPrices, StoredPrice } from "./reference-prices/reference-price-store";
import { traderReportView } from "./trader-report";

/**
 * traderReportView on hand-built feed figures. Every expected vs_reference_eur below is worked out by hand,
 * Σ sells q·(p − ref) − Σ buys q·(p − ref), and rounded half away from zero to the cent.
 */

const DAY = "2023-02-21";

type TestDeal = { direction: "buy" | "sell"; price: number; quantity: number };

/** Half away from zero, on integers: n / d for d > 0 (the test's own, independent of deal-units). */
function roundHalfAway(n: number, d: number): number {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 ? -q : q;
}

/** An hour as the feed hands it over, its integer sums and figures computed here from the deals. */
function hourOf(hour: string, deals: TestDeal[]): TraderHour {
  let bought = 0;
  let sold = 0;
  let buyValue = 0;
  let sellValue = 0;
  for (const deal of deals) {
    const tenths = Math.round(deal.quantity * 10);
    const value = tenths * Math.round(deal.price * 100);
    if (deal.direction === "buy") {
      bought += tenths;
      buyValue += value;
    } else {
      sold += tenths;
      sellValue += value;
    }
  }
  const vwap = (value: number, tenths: number) => (tenths === 0 ? null : roundHalfAway(value, tenths) / 100);
  return {
    delivery_hour: hour,
    trades: deals.length,
    bought_mw: bought / 10,
    sold_mw: sold / 10,
    net_mw: (bought - sold) / 10,
    buy_vwap: vwap(buyValue, bought),
    sell_vwap: vwap(sellValue, sold),
    avg_price: vwap(buyValue + sellValue, bought + sold) ?? 0,
    pnl_eur: roundHalfAway(sellValue - buyValue, 10) / 100,
    last_deal_at: `${DAY}T06:00:00.000Z`,
    sums: { pnl_tenth_cents: sellValue - buyValue, net_tenths: bought - sold },
  };
}

function reportOf(hours: TraderHour[]): TraderReport {
  // The view passes the feed's totals through untouched, so any recognisable figures do.
  return {
    trader_id: "flex_trader_1",
    delivery_day: DAY,
    hours,
    totals: { trades: 99, bought_mw: 1.1, sold_mw: 2.2, net_mw: -1.1, pnl_eur: 3.33 },
  };
}

function priceOf(hour: string, value: number): StoredPrice {
  return { delivery_day: DAY, delivery_hour: hour, value, unit: "euro/mwh", last_update: `${DAY}T05:10:20+00:00`, fetched_at: 1 };
}

function pricesOf(entries: Record<string, number>): DayPrices {
  return Object.fromEntries(Object.entries(entries).map(([hour, value]) => [hour, priceOf(hour, value)]));
}

/** Every number of the view, so a -0 anywhere (JSON hides it, Object.is does not) is caught. */
function numbersOf(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersOf);
  return [];
}

function expectNoNegativeZero(value: unknown): void {
  for (const n of numbersOf(value)) expect(Object.is(n, -0), `-0 in ${JSON.stringify(value)}`).toBe(false);
}

/** At most two decimals, as JSON prints them. */
function expectCents(value: number | null): void {
  expect(value).not.toBeNull();
  expect(Math.round((value as number) * 100) / 100).toBe(value);
}

// Buys only: −[2.0·(30.00 − 27.74) + 1.5·(25.50 − 27.74)] = −(4.52 − 3.36) = −1.16.
const buyOnly = hourOf("07-08", [
  { direction: "buy", price: 30, quantity: 2 },
  { direction: "buy", price: 25.5, quantity: 1.5 },
]);
// Sells only: 1.2·(20.64 − 20.00) + 0.3·(19.99 − 20.00) = 0.768 − 0.003 = 0.765 → 0.77.
const sellOnly = hourOf("08-09", [
  { direction: "sell", price: 20.64, quantity: 1.2 },
  { direction: "sell", price: 19.99, quantity: 0.3 },
]);
// The origin's example hour: 1.2·(20.64 − 27.74) − [3.5·(21.40 − 27.74) + 0.1·(19.99 − 27.74)] = −8.52 + 22.965 = 14.445 → 14.45.
const mixed = hourOf("15-16", [
  { direction: "sell", price: 20.64, quantity: 1.2 },
  { direction: "buy", price: 21.4, quantity: 3.5 },
  { direction: "buy", price: 19.99, quantity: 0.1 },
]);
const unpriced = hourOf("23-24", [{ direction: "buy", price: 55.55, quantity: 0.5 }]);

describe("traderReportView", () => {
  const report = reportOf([buyOnly, sellOnly, mixed, unpriced]);
  const view = traderReportView(report, pricesOf({ "07-08": 27.74, "08-09": 20, "15-16": 27.74, "19-20": 99.99 }));
  const row = (hour: string) => view.rows.find((r) => r.delivery_hour === hour)!;

  it("builds the hours with the sums the feed would carry", () => {
    expect(mixed).toMatchObject({ avg_price: 21.18, pnl_eur: -52.13, sums: { pnl_tenth_cents: -52_131, net_tenths: 24 } });
    expect(buyOnly.sums).toEqual({ pnl_tenth_cents: -98_250, net_tenths: 35 });
    expect(sellOnly.sums).toEqual({ pnl_tenth_cents: 30_765, net_tenths: -15 });
  });

  it("keeps one row per hour with deals, in order, passing the feed's figures through", () => {
    expect(view.trader_id).toBe("flex_trader_1");
    expect(view.delivery_day).toBe(DAY);
    // A price for an hour without deals (19-20) adds no row.
    expect(view.rows.map((r) => r.delivery_hour)).toEqual(["07-08", "08-09", "15-16", "23-24"]);
    for (const hour of [buyOnly, sellOnly, mixed, unpriced]) {
      const { sums: _sums, last_deal_at: _last, ...figures } = hour;
      expect(row(hour.delivery_hour)).toMatchObject({ ...figures, delivery_period: `${DAY} ${hour.delivery_hour}` });
    }
  });

  it("scores a buy-only hour: buying below the reference is good", () => {
    expect(row("07-08")).toMatchObject({
      reference_price: 27.74,
      reference_last_update: `${DAY}T05:10:20+00:00`,
      delta_vs_reference: 0.33, // avg 28.07 − 27.74
      vs_reference_eur: -1.16,
    });
  });

  it("scores a sell-only hour: selling above the reference is good, rounding half away from zero", () => {
    expect(row("08-09")).toMatchObject({ reference_price: 20, delta_vs_reference: 0.51, vs_reference_eur: 0.77 });
  });

  it("scores a mixed hour direction by direction", () => {
    expect(row("15-16")).toMatchObject({ reference_price: 27.74, delta_vs_reference: -6.56, vs_reference_eur: 14.45 });
  });

  it("leaves an hour without a reference price null and counts it", () => {
    expect(row("23-24")).toMatchObject({
      reference_price: null,
      reference_last_update: null,
      delta_vs_reference: null,
      vs_reference_eur: null,
    });
    expect(view.totals.hours_without_reference).toBe(1);
  });

  it("totals the priced hours exactly, not by adding the rounded rows", () => {
    // Exact: −1.160 + 0.765 + 14.445 = 14.050; the rounded rows would add up to −1.16 + 0.77 + 14.45 = 14.06.
    expect(view.totals).toEqual({
      trades: 99,
      bought_mw: 1.1,
      sold_mw: 2.2,
      net_mw: -1.1,
      pnl_eur: 3.33,
      vs_reference_eur: 14.05,
      hours_without_reference: 1,
    });
    const rowSum = view.rows.reduce((sum, r) => sum + (r.vs_reference_eur ?? 0), 0);
    expect(Math.round(rowSum * 100) / 100).toBe(14.06);
  });

  it("totals two hours of 0.004 € each (0.00 apiece) as 0.01", () => {
    const sellAbove = hourOf("10-11", [{ direction: "sell", price: 27.78, quantity: 0.1 }]); // 0.1·(27.78 − 27.74) = 0.004
    const buyBelow = hourOf("11-12", [{ direction: "buy", price: 27.7, quantity: 0.1 }]); // −0.1·(27.70 − 27.74) = 0.004
    const small = traderReportView(reportOf([sellAbove, buyBelow]), pricesOf({ "10-11": 27.74, "11-12": 27.74 }));
    expect(small.rows.map((r) => r.vs_reference_eur)).toEqual([0, 0]);
    expect(small.totals.vs_reference_eur).toBe(0.01);
    // And the same the other way round: −0.004 twice is −0.01.
    const buyAbove = hourOf("10-11", [{ direction: "buy", price: 27.78, quantity: 0.1 }]);
    const sellBelow = hourOf("11-12", [{ direction: "sell", price: 27.7, quantity: 0.1 }]);
    const negative = traderReportView(reportOf([buyAbove, sellBelow]), pricesOf({ "10-11": 27.74, "11-12": 27.74 }));
    expect(negative.rows.map((r) => r.vs_reference_eur)).toEqual([0, 0]);
    expect(negative.totals.vs_reference_eur).toBe(-0.01);
    expectNoNegativeZero(negative);
  });

  it("rounds a negative half cent away from zero", () => {
    // −0.1·(20.05 − 20.00) = −0.005 → −0.01.
    const hour = hourOf("09-10", [{ direction: "buy", price: 20.05, quantity: 0.1 }]);
    const half = traderReportView(reportOf([hour]), pricesOf({ "09-10": 20 }));
    expect(half.rows[0]?.vs_reference_eur).toBe(-0.01);
    expect(half.totals.vs_reference_eur).toBe(-0.01);
  });

  it("gives null totals without any reference price, and 0 hours without one on an empty day", () => {
    const none = traderReportView(report, {});
    expect(none.rows.every((r) => r.vs_reference_eur === null && r.delta_vs_reference === null)).toBe(true);
    expect(none.totals).toMatchObject({ vs_reference_eur: null, hours_without_reference: 4 });
    const empty = traderReportView(reportOf([]), pricesOf({ "07-08": 27.74 }));
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({ vs_reference_eur: null, hours_without_reference: 0 });
  });

  it("handles negative prices and references", () => {
    // sell 2.0 at −5.00 vs ref −12.34: 2.0·7.34 = 14.68; buy 0.3 at −15.00: −0.3·(−2.66) = 0.798 → total 15.478 → 15.48.
    const hour = hourOf("03-04", [
      { direction: "sell", price: -5, quantity: 2 },
      { direction: "buy", price: -15, quantity: 0.3 },
    ]);
    const negative = traderReportView(reportOf([hour]), pricesOf({ "03-04": -12.34 }));
    expect(negative.rows[0]).toMatchObject({ vs_reference_eur: 15.48, delta_vs_reference: 6.04 }); // avg −6.30
    expect(negative.totals.vs_reference_eur).toBe(15.48);
  });

  it("never answers -0 on the exact path (a loss of less than half a cent rounds to 0)", () => {
    // −0.1·(27.78 − 27.74) = −0.004 → 0; the average equals the reference → delta 0.
    const hour = hourOf("10-11", [{ direction: "buy", price: 27.78, quantity: 0.1 }]);
    const zero = traderReportView(reportOf([hour]), pricesOf({ "10-11": 27.74 }));
    expect(zero.rows[0]?.vs_reference_eur).toBe(0);
    expectNoNegativeZero(zero);
    const flat = traderReportView(reportOf([hour]), pricesOf({ "10-11": 27.78 }));
    expect(flat.rows[0]).toMatchObject({ vs_reference_eur: 0, delta_vs_reference: 0 });
    expectNoNegativeZero(flat);
  });
});

/**
 * A reference with more than two decimals (never sent by the provider, but KV holds whatever was stored) cannot be
 * folded into the integer sums; the expected figures here are still exact: the reference in 1e-4 €/MWh units,
 * q·(p − ref) in 1e-5 €, rounded half away from zero to the cent.
 */
function expectedFallback(hour: TraderHour, referenceTenThousandths: number): number {
  const exact = hour.sums.pnl_tenth_cents * 100 + referenceTenThousandths * hour.sums.net_tenths; // 1e-5 €
  return roundHalfAway(exact, 1000) / 100;
}

describe("traderReportView with a reference of more than two decimals", () => {
  it("still answers a figure rounded to the cent", () => {
    // sell 3.0 at 27.74 vs ref 27.7333: 3·0.0067 = 0.0201 → 0.02; buy 1.5 at 30.00 vs 45.6789: 1.5·15.6789 = 23.51835 → 23.52.
    const sell = hourOf("07-08", [{ direction: "sell", price: 27.74, quantity: 3 }]);
    const buy = hourOf("08-09", [{ direction: "buy", price: 30, quantity: 1.5 }]);
    const view = traderReportView(reportOf([sell, buy]), pricesOf({ "07-08": 27.7333, "08-09": 45.6789 }));
    expect(view.rows.map((r) => r.vs_reference_eur)).toEqual([expectedFallback(sell, 277_333), expectedFallback(buy, 456_789)]);
    expect(view.rows.map((r) => r.vs_reference_eur)).toEqual([0.02, 23.52]);
    for (const r of view.rows) {
      expectCents(r.vs_reference_eur);
      expectCents(r.delta_vs_reference);
    }
    expect(view.rows.map((r) => r.delta_vs_reference)).toEqual([0.01, -15.68]); // 27.74 − 27.7333, 30.00 − 45.6789
    expectCents(view.totals.vs_reference_eur);
    expect(view.totals.vs_reference_eur).toBe(23.54);
    expect(view.totals.hours_without_reference).toBe(0);
  });

  it("never answers a -0 row (a loss of less than half a cent)", () => {
    // buy 0.1 at 27.78 vs ref 27.7401: −0.1·0.0399 = −0.00399 → 0.
    const loss = hourOf("10-11", [{ direction: "buy", price: 27.78, quantity: 0.1 }]);
    const view = traderReportView(reportOf([loss]), pricesOf({ "10-11": 27.7401 }));
    expect(view.rows[0]?.vs_reference_eur).toBe(0);
    expect(view.totals.vs_reference_eur).toBe(0);
    expectNoNegativeZero(view);
  });

  it("never answers a -0 delta (an average a hundredth of a cent below the reference)", () => {
    // sell 1.0 at 27.88, buy 1.0 at 27.68: avg 27.78, 27.78 − 27.7801 = −0.0001 → 0; vs: 1.0·0.0999 + 1.0·0.1001 = 0.20.
    const hour = hourOf("10-11", [
      { direction: "sell", price: 27.88, quantity: 1 },
      { direction: "buy", price: 27.68, quantity: 1 },
    ]);
    const view = traderReportView(reportOf([hour]), pricesOf({ "10-11": 27.7801 }));
    expect(view.rows[0]).toMatchObject({ avg_price: 27.78, vs_reference_eur: 0.2 });
    expect(view.rows[0]?.delta_vs_reference).toBe(0);
    expectNoNegativeZero(view);
  });

  it("never answers a -0 total (rows that cancel out)", () => {
    // Rows 0.30, −0.10 and −0.20 (the last at a 4-decimal reference) total 0, which float addition makes −2.8e-17.
    const rows = [
      hourOf("01-02", [{ direction: "sell", price: 30.3, quantity: 0.1 }]), // 0.1·(30.30 − 27.30) = 0.30
      hourOf("02-03", [{ direction: "sell", price: 26.3, quantity: 0.1 }]), // 0.1·(26.30 − 27.30) = −0.10
      hourOf("03-04", [{ direction: "sell", price: 25.3, quantity: 0.1 }]), // 0.1·(25.30 − 27.3005) = −0.20005 → −0.20
    ];
    const view = traderReportView(reportOf(rows), pricesOf({ "01-02": 27.3, "02-03": 27.3, "03-04": 27.3005 }));
    expect(view.rows.map((r) => r.vs_reference_eur)).toEqual([0.3, -0.1, -0.2]);
    expect(view.totals.vs_reference_eur).toBe(0);
    expectNoNegativeZero(view);
  });

  it("rounds an exact half cent away from zero", () => {
    // sell 1.0 at 27.74 vs 27.745: −0.005 → −0.01; net −0.2 MW vs 0.125 at zero PnL: 0.125·(−0.2) = −0.025 → −0.03.
    const sell = hourOf("07-08", [{ direction: "sell", price: 27.74, quantity: 1 }]);
    const flat = hourOf("08-09", [
      { direction: "buy", price: 10, quantity: 0.2 },
      { direction: "sell", price: 10, quantity: 0.2 },
      { direction: "sell", price: 0, quantity: 0.2 },
    ]);
    expect(flat.sums).toEqual({ pnl_tenth_cents: 0, net_tenths: -2 });
    const view = traderReportView(reportOf([sell, flat]), pricesOf({ "07-08": 27.745, "08-09": 0.125 }));
    expect(view.rows.map((r) => r.vs_reference_eur)).toEqual([expectedFallback(sell, 277_450), expectedFallback(flat, 1_250)]);
    expect(view.rows.map((r) => r.vs_reference_eur)).toEqual([-0.01, -0.03]);
  });
});
