import { describe, expect, it } from "vitest";
import { roundDiv, toWholeUnits, vwap } from "./deal-units";
import { dayTotals, type HourAggregate, hourFigures } from "./hour-figures";

/** Folds deals the way the ledger's SQL does, so the figures below start from the stored integers. */
function aggregate(hour: string, deals: Array<{ direction: "buy" | "sell"; price: number; quantity: number }>): HourAggregate {
  const row: HourAggregate = {
    delivery_hour: hour,
    trades: 0,
    bought_tenths: 0,
    sold_tenths: 0,
    buy_value: 0,
    sell_value: 0,
    last_deal_at: "2023-02-21T06:00:00.000Z",
  };
  for (const deal of deals) {
    const tenths = toWholeUnits(deal.quantity, 10)!;
    const value = tenths * toWholeUnits(deal.price, 100)!;
    row.trades++;
    if (deal.direction === "buy") {
      row.bought_tenths += tenths;
      row.buy_value += value;
    } else {
      row.sold_tenths += tenths;
      row.sell_value += value;
    }
  }
  return row;
}

describe("exact money arithmetic", () => {
  it("rounds half away from zero, exactly", () => {
    expect([roundDiv(5, 10), roundDiv(4, 10), roundDiv(-5, 10), roundDiv(-4, 10), roundDiv(15, 10), roundDiv(-15, 10)]).toEqual([
      1, 0, -1, 0, 2, -2,
    ]);
    // 2^52 + 9 ends in …505: the remainder is exactly half, beyond where float division can be trusted.
    expect(roundDiv(2 ** 52 + 9, 10)).toBe(450_359_962_737_051);
  });

  it("reads decimals that are not exact doubles as whole units", () => {
    expect([toWholeUnits(20.64, 100), toWholeUnits(0.29, 100), toWholeUnits(2.3, 10), toWholeUnits(-0.07, 100)]).toEqual([
      2064, 29, 23, -7,
    ]);
    expect(toWholeUnits(20.645, 100)).toBeNull();
  });

  it("returns a null VWAP without volume", () => {
    expect(vwap(0, 0)).toBeNull();
  });
});

describe("hourFigures", () => {
  it("computes the origin's example hour", () => {
    const figures = hourFigures(
      aggregate("15-16", [
        { direction: "sell", price: 20.64, quantity: 1.2 },
        { direction: "buy", price: 21.4, quantity: 3.5 },
        { direction: "buy", price: 19.99, quantity: 0.1 },
      ]),
    );
    expect(figures).toEqual({
      delivery_hour: "15-16",
      trades: 3,
      bought_mw: 3.6,
      sold_mw: 1.2,
      net_mw: 2.4,
      // (3.5 × 21.40 + 0.1 × 19.99) / 3.6 = 76.899 / 3.6 = 21.36083…
      buy_vwap: 21.36,
      sell_vwap: 20.64,
      // (76.899 + 24.768) / 4.8 = 21.180625
      avg_price: 21.18,
      // 24.768 − 76.899 = −52.131
      pnl_eur: -52.13,
      last_deal_at: "2023-02-21T06:00:00.000Z",
      // The exact sums behind pnl_eur and net_mw: −52.131 € in tenth-cents, 2.4 MW in tenths.
      sums: { pnl_tenth_cents: -52131, net_tenths: 24 },
    });
  });

  it("keeps sums exact where floating point drifts", () => {
    const deals = Array.from({ length: 1000 }, () => ({ direction: "buy" as const, price: 0.07, quantity: 0.1 }));
    const floatSum = deals.reduce((sum, d) => sum + d.quantity * d.price, 0);
    expect(floatSum).not.toBe(7);
    const figures = hourFigures(aggregate("00-01", deals));
    expect(figures.pnl_eur).toBe(-7);
    expect(figures.bought_mw).toBe(100);
    expect(figures.buy_vwap).toBe(0.07);
    expect(figures.sell_vwap).toBeNull();
  });

  it("handles negative prices and rounds a half cent away from zero", () => {
    // 0.1 MW at −0.05 €/MWh: q·p = −0.005 €, which rounds to −0.01.
    const figures = hourFigures(aggregate("03-04", [{ direction: "sell", price: -0.05, quantity: 0.1 }]));
    expect(figures.pnl_eur).toBe(-0.01);
    expect(figures.sell_vwap).toBe(-0.05);
    expect(figures.avg_price).toBe(-0.05);
    expect(figures.buy_vwap).toBeNull();
  });

  it("totals a day from the exact sums, not from rounded rows", () => {
    // Each hour's PnL is 0.005 € and rounds to 0.01; three of them are 0.015 €, which rounds to 0.02, not 0.03.
    const rows = ["00-01", "01-02", "02-03"].map((hour) => aggregate(hour, [{ direction: "sell", price: 0.05, quantity: 0.1 }]));
    expect(rows.map(hourFigures).map((r) => r.pnl_eur)).toEqual([0.01, 0.01, 0.01]);
    expect(dayTotals(rows)).toEqual({ trades: 3, bought_mw: 0, sold_mw: 0.3, net_mw: -0.3, pnl_eur: 0.02 });
  });
});
