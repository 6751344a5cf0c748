/**
 * What the ExchangeFeed Durable Object answers over RPC: plain, structured-clonable objects (type aliases, so SQL
 * rows can be typed with them too).
 * Money is in euros with at most 2 decimals, volumes in MW with at most 1 decimal, times are ISO 8601 strings.
 */

export type FeedStatus = {
  /** A WebSocket to the exchange is open right now. */
  connected: boolean;
  exchange_url: string;
  connected_since: string | null;
  last_frame_at: string | null;
  frames: number;
  deals_stored: number;
  duplicates_ignored: number;
  malformed_rejected: number;
  /** Connections opened after the first one: each is a recovery from a drop, a silence or an eviction. */
  reconnects: number;
  last_error: string | null;
  last_error_at: string | null;
  /** When the watchdog will try again, while disconnected. */
  next_retry_at: string | null;
};

export type TraderSummary = {
  trader_id: string;
  deals: number;
  /** Latest execution time of the trader's deals, in UTC. */
  last_deal_at: string;
};

export type TraderHour = {
  delivery_hour: string;
  trades: number;
  bought_mw: number;
  sold_mw: number;
  /** bought − sold, computed in tenths so it is exact. */
  net_mw: number;
  /** Σ q·p / Σ q over buys; null without buys. */
  buy_vwap: number | null;
  sell_vwap: number | null;
  /** Σ q·p / Σ q over all the trader's deals of the hour. */
  avg_price: number;
  /** Σ over sells of q·p − Σ over buys of q·p. */
  pnl_eur: number;
  last_deal_at: string;
  /** The exact sums behind pnl_eur and net_mw, for figures that combine them with a price (vs the reference). */
  sums: ExactSums;
};

/** Σ sells q·p − Σ buys q·p in tenth-cents, and bought − sold in tenths of a MW: integers, so sums stay exact. */
export type ExactSums = { pnl_tenth_cents: number; net_tenths: number };

/** Sums over the day's hours, from the exact integers rather than from the rounded rows. */
export type TraderDayTotals = {
  trades: number;
  bought_mw: number;
  sold_mw: number;
  net_mw: number;
  pnl_eur: number;
};

export type TraderReport = {
  trader_id: string;
  delivery_day: string;
  hours: TraderHour[];
  totals: TraderDayTotals;
};

/** What the trader dashboard reads in one call: the report, every trader (the selector) and the trader's days with deals. */
export type TraderDashboardData = {
  report: TraderReport;
  traders: string[];
  delivery_days: string[];
};

/** What the desk dashboard reads in one call: the feed's health, every trader and each one's report of the day. */
export type DeskData = {
  status: FeedStatus;
  traders: TraderSummary[];
  reports: TraderReport[];
};

export type StoredDeal = {
  id: string;
  trader_id: string;
  delivery_day: string;
  delivery_hour: string;
  direction: "buy" | "sell";
  price: number;
  quantity: number;
  /** As the exchange sent it. */
  execution_time: string;
  received_at: string;
};

export type DealsQuery = {
  traderId?: string;
  deliveryDay?: string;
  /** 1–1000. */
  limit: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
};

export type DealsPage = {
  deals: StoredDeal[];
  /** null on the last page. */
  next_cursor: string | null;
};

/** What deals() answers instead of a page when the query is unusable; RPC errors are awkward to tell apart. */
export type DealsQueryError = {
  error: "invalid_limit" | "invalid_cursor";
  detail: string;
};

export type DeliveryPeriod = {
  delivery_day: string;
  delivery_hour: string;
};

export type IngestResult =
  | { outcome: "stored"; id: string }
  | { outcome: "duplicate"; id: string }
  | { outcome: "malformed"; reason: string };
