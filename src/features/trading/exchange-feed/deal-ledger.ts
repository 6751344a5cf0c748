import type { Deal } from "./deal-frame";

export type FeedState = {
  frames: number;
  deals_stored: number;
  duplicates_ignored: number;
  malformed_rejected: number;
  connections: number;
  reconnects: number;
  last_frame_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  connected_since: string | null;
};

/**
 * The feed's writes. Each one is a single synchronous transaction, so a deal, its aggregates and the counters
 * are stored together or not at all, even if the object is evicted mid-frame.
 */
export class DealLedger {
  constructor(private readonly storage: DurableObjectStorage) {}

  private get sql(): SqlStorage {
    return this.storage.sql;
  }

  /** Stores a new deal and folds it into its aggregates; a known id changes nothing but the duplicate count. */
  recordDeal(deal: Deal, receivedAt: string): "stored" | "duplicate" {
    return this.storage.transactionSync(() => {
      const inserted = this.sql
        .exec<{ seq: number }>(
          `INSERT INTO deals (id, seq, trader_id, delivery_day, delivery_hour, direction, price_cents, quantity_tenths,
                              execution_time, executed_at, received_at)
           VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM deals), ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING
           RETURNING seq`,
          deal.id,
          deal.trader_id,
          deal.delivery_day,
          deal.delivery_hour,
          deal.direction,
          deal.price_cents,
          deal.quantity_tenths,
          deal.execution_time,
          deal.executed_at,
          receivedAt,
        )
        .toArray();
      if (inserted.length === 0) {
        this.sql.exec(
          `UPDATE feed_state SET frames = frames + 1, duplicates_ignored = duplicates_ignored + 1, last_frame_at = ? WHERE id = 1`,
          receivedAt,
        );
        return "duplicate";
      }
      const buy = deal.direction === "buy";
      const value = deal.quantity_tenths * deal.price_cents;
      this.sql.exec(
        `INSERT INTO trader_hours (trader_id, delivery_day, delivery_hour, trades,
                                   bought_tenths, sold_tenths, buy_value, sell_value, last_deal_at)
         VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)
         ON CONFLICT (trader_id, delivery_day, delivery_hour) DO UPDATE SET
           trades = trades + 1,
           bought_tenths = bought_tenths + excluded.bought_tenths,
           sold_tenths = sold_tenths + excluded.sold_tenths,
           buy_value = buy_value + excluded.buy_value,
           sell_value = sell_value + excluded.sell_value,
           last_deal_at = MAX(last_deal_at, excluded.last_deal_at)`,
        deal.trader_id,
        deal.delivery_day,
        deal.delivery_hour,
        buy ? deal.quantity_tenths : 0,
        buy ? 0 : deal.quantity_tenths,
        buy ? value : 0,
        buy ? 0 : value,
        deal.executed_at,
      );
      this.sql.exec(
        `INSERT INTO traders (trader_id, deals, last_deal_at) VALUES (?, 1, ?)
         ON CONFLICT (trader_id) DO UPDATE SET deals = deals + 1, last_deal_at = MAX(last_deal_at, excluded.last_deal_at)`,
        deal.trader_id,
        deal.executed_at,
      );
      this.sql.exec(
        `UPDATE feed_state SET frames = frames + 1, deals_stored = deals_stored + 1, last_frame_at = ? WHERE id = 1`,
        receivedAt,
      );
      return "stored";
    });
  }

  recordMalformed(receivedAt: string): void {
    this.sql.exec(
      `UPDATE feed_state SET frames = frames + 1, malformed_rejected = malformed_rejected + 1, last_frame_at = ? WHERE id = 1`,
      receivedAt,
    );
  }

  recordConnected(at: string): void {
    this.sql.exec(
      `UPDATE feed_state SET reconnects = reconnects + (connections > 0), connections = connections + 1, connected_since = ?
       WHERE id = 1`,
      at,
    );
  }

  /** A drop or a failed attempt: the socket is gone, and why is kept for the status page. */
  recordDisconnected(at: string, error: string | null): void {
    if (error === null) this.sql.exec(`UPDATE feed_state SET connected_since = NULL WHERE id = 1`);
    else this.sql.exec(`UPDATE feed_state SET connected_since = NULL, last_error = ?, last_error_at = ? WHERE id = 1`, error, at);
  }

  state(): FeedState {
    return this.sql
      .exec<FeedState>(
        `SELECT frames, deals_stored, duplicates_ignored, malformed_rejected, connections, reconnects, last_frame_at,
                last_error, last_error_at, connected_since
         FROM feed_state WHERE id = 1`,
      )
      .one();
  }
}
