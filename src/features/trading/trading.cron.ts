import type { CronJob } from "../../scheduled";
import { exchangeFeed } from "./exchange-feed/exchange-feed-stub";
import { refreshReferencePrices } from "./reference-prices/reference-price-refresh";
import { tradingBoard } from "./trading-board/trading-board-stub";

/**
 * Every minute: wake the feed (so it reconnects even after an eviction or a
 * deploy), then refresh the reference prices of the delivery hours that have
 * deals, from today on.
 */
export const tradingCron: CronJob = {
  name: "trading",
  async run(env, scheduledTime) {
    const feed = exchangeFeed(env);
    const status = await feed.ensureConnected();
    const today = new Date(scheduledTime).toISOString().slice(0, 10);
    const periods = await feed.deliveryHoursWithDeals(today);
    const prices = await refreshReferencePrices(
      env,
      periods.map((p) => ({ day: p.delivery_day, hour: p.delivery_hour })),
      scheduledTime,
      (published) => tradingBoard(env).pricesPublished(published),
    );
    return { feed_connected: status.connected, prices };
  },
};
