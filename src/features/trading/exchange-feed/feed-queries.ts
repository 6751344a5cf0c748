import { tenthsToMW } from "../../../lib/decimal-units";
import { centsToEuros } from "./deal-units";
import { decodeDealsCursor, encodeDealsCursor } from "./deals-cursor";
import type { DealsPage, DealsQuery, DealsQueryError, DeliveryPeriod, StoredDeal, TraderReport, TraderSummary } from "./feed-types";
import { dayTotals, type HourAggregate, hourFigures } from "./hour-figures";

export const MAX_DEALS_PAGE = 1000;

type DealRow = {
  seq: number;
  id: string;
  trader_id: string;
  delivery_day: string;
  delivery_hour: string;
  direction: string;
  price_cents: number;
  quantity_tenths: number;
  execution_time: string;
  received_at: string;
};

/** The feed's reads: plain objects with money and volumes converted from exact integers at the last step. */
export class FeedQueries {
  constructor(private readonly sql: SqlStorage) {}

  traders(): TraderSummary[] {
    return this.sql.exec<TraderSummary>(`SELECT trader_id, deals, last_deal_at FROM traders ORDER BY trader_id`).toArray();
  }

  /** null when the trader has no deal at all (an unknown trader), so a route can tell 404 from an empty day. */
  traderReport(traderId: string, deliveryDay: string): TraderReport | null {
    const known = this.sql.exec(`SELECT 1 FROM traders WHERE trader_id = ?`, traderId).toArray().length > 0;
    if (!known) return null;
    const rows = this.sql
      .exec<HourAggregate>(
        `SELECT delivery_hour, trades, bought_tenths, sold_tenths, buy_value, sell_value, last_deal_at
         FROM trader_hours WHERE trader_id = ? AND delivery_day = ? ORDER BY delivery_hour`,
        traderId,
        deliveryDay,
      )
      .toArray();
    return { trader_id: traderId, delivery_day: deliveryDay, hours: rows.map(hourFigures), totals: dayTotals(rows) };
  }

  /** The delivery days a trader has deals for, in order; empty for an unknown trader. */
  deliveryDaysOf(traderId: string): string[] {
    return this.sql
      .exec<{ delivery_day: string }>(`SELECT DISTINCT delivery_day FROM trader_hours WHERE trader_id = ? ORDER BY delivery_day`, traderId)
      .toArray()
      .map((row) => row.delivery_day);
  }

  /** Every known trader's report of one delivery day, in trader order; a trader without deals that day has no hours. */
  dayReports(deliveryDay: string): TraderReport[] {
    const byTrader = new Map<string, HourAggregate[]>();
    for (const { trader_id } of this.traders()) byTrader.set(trader_id, []);
    const rows = this.sql
      .exec<HourAggregate & { trader_id: string }>(
        `SELECT trader_id, delivery_hour, trades, bought_tenths, sold_tenths, buy_value, sell_value, last_deal_at
         FROM trader_hours WHERE delivery_day = ? ORDER BY trader_id, delivery_hour`,
        deliveryDay,
      )
      .toArray();
    for (const { trader_id, ...row } of rows) byTrader.get(trader_id)?.push(row);
    return [...byTrader].map(([traderId, hours]) => ({
      trader_id: traderId,
      delivery_day: deliveryDay,
      hours: hours.map(hourFigures),
      totals: dayTotals(hours),
    }));
  }

  /** A limit outside 1–1000 or a cursor this feed did not issue gets an error answer, not a page. */
  deals(query: DealsQuery): DealsPage | DealsQueryError {
    const { traderId, deliveryDay, limit, cursor } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DEALS_PAGE) {
      return { error: "invalid_limit", detail: `limit must be an integer from 1 to ${MAX_DEALS_PAGE}` };
    }
    const after = cursor === undefined ? 0 : decodeDealsCursor(cursor);
    if (after === null) return { error: "invalid_cursor", detail: "cursor is not a next_cursor this feed issued" };
    const where = ["seq > ?"];
    const bindings: Array<string | number> = [after];
    if (traderId !== undefined) {
      where.push("trader_id = ?");
      bindings.push(traderId);
    }
    if (deliveryDay !== undefined) {
      where.push("delivery_day = ?");
      bindings.push(deliveryDay);
    }
    // One row more than asked tells whether another page exists without a COUNT.
    const rows = this.sql
      .exec<DealRow>(
        `SELECT seq, id, trader_id, delivery_day, delivery_hour, direction, price_cents, quantity_tenths, execution_time, received_at
         FROM deals WHERE ${where.join(" AND ")} ORDER BY seq LIMIT ?`,
        ...bindings,
        limit + 1,
      )
      .toArray();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      deals: page.map(toStoredDeal),
      next_cursor: rows.length > limit && last ? encodeDealsCursor(last.seq) : null,
    };
  }

  /** Every (day, hour) with at least one deal, from `fromDay` on, in delivery order. */
  deliveryHoursWithDeals(fromDay: string): DeliveryPeriod[] {
    return this.sql
      .exec<DeliveryPeriod>(
        `SELECT DISTINCT delivery_day, delivery_hour FROM trader_hours WHERE delivery_day >= ? ORDER BY delivery_day, delivery_hour`,
        fromDay,
      )
      .toArray();
  }
}

function toStoredDeal(row: DealRow): StoredDeal {
  return {
    id: row.id,
    trader_id: row.trader_id,
    delivery_day: row.delivery_day,
    delivery_hour: row.delivery_hour,
    direction: row.direction === "buy" ? "buy" : "sell",
    price: centsToEuros(row.price_cents),
    quantity: tenthsToMW(row.quantity_tenths),
    execution_time: row.execution_time,
    received_at: row.received_at,
  };
}
