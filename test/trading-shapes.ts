/**
 * The trading API's shapes as the tests read them, written here from the contract (not imported from the product's
 * schemas, so a test notices when the product changes them). Type-only: worker, node and browser tests share it.
 */

/** A deal confirmation as the exchange sends it. */
export interface Deal {
  id: string;
  price: number;
  quantity: number;
  direction: "buy" | "sell";
  delivery_day: string;
  delivery_hour: string;
  trader_id: string;
  execution_time: string;
}

export interface ReportRow {
  delivery_period: string;
  delivery_hour: string;
  trades: number;
  bought_mw: number;
  sold_mw: number;
  net_mw: number;
  buy_vwap: number | null;
  sell_vwap: number | null;
  avg_price: number;
  reference_price: number | null;
  reference_last_update: string | null;
  delta_vs_reference: number | null;
  vs_reference_eur: number | null;
  pnl_eur: number;
}

export interface ReportTotals {
  trades: number;
  bought_mw: number;
  sold_mw: number;
  net_mw: number;
  pnl_eur: number;
  vs_reference_eur: number | null;
  hours_without_reference: number;
}

/** `GET /v1/trading/traders/{id}/report`. */
export interface Report {
  trader_id: string;
  delivery_day: string;
  rows: ReportRow[];
  totals: ReportTotals;
}
