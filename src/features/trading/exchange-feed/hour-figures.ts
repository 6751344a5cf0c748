import { tenthsToMW } from "../../../lib/decimal-units";
import { tenthCentsToEuros, vwap } from "./deal-units";
import type { TraderDayTotals, TraderHour } from "./feed-types";

/** One aggregates row as stored: integer tenths of a MW and Σ q·p in tenth-cents. */
export type HourAggregate = {
  delivery_hour: string;
  trades: number;
  bought_tenths: number;
  sold_tenths: number;
  buy_value: number;
  sell_value: number;
  last_deal_at: string;
};

/** The report figures of one delivery hour; every division happens once, on exact integer sums. */
export function hourFigures(row: HourAggregate): TraderHour {
  const quantity = row.bought_tenths + row.sold_tenths;
  return {
    delivery_hour: row.delivery_hour,
    trades: row.trades,
    bought_mw: tenthsToMW(row.bought_tenths),
    sold_mw: tenthsToMW(row.sold_tenths),
    net_mw: tenthsToMW(row.bought_tenths - row.sold_tenths),
    buy_vwap: vwap(row.buy_value, row.bought_tenths),
    sell_vwap: vwap(row.sell_value, row.sold_tenths),
    // A stored row has at least one deal, and quantities are > 0.
    avg_price: vwap(row.buy_value + row.sell_value, quantity) ?? 0,
    pnl_eur: tenthCentsToEuros(row.sell_value - row.buy_value),
    last_deal_at: row.last_deal_at,
    sums: { pnl_tenth_cents: row.sell_value - row.buy_value, net_tenths: row.bought_tenths - row.sold_tenths },
  };
}

export function dayTotals(rows: HourAggregate[]): TraderDayTotals {
  let trades = 0;
  let bought = 0;
  let sold = 0;
  let pnl = 0;
  for (const row of rows) {
    trades += row.trades;
    bought += row.bought_tenths;
    sold += row.sold_tenths;
    pnl += row.sell_value - row.buy_value;
  }
  return {
    trades,
    bought_mw: tenthsToMW(bought),
    sold_mw: tenthsToMW(sold),
    net_mw: tenthsToMW(bought - sold),
    pnl_eur: tenthCentsToEuros(pnl),
  };
}
