import { app } from "./app";
import type { Bindings } from "./lib/env";
import { runScheduled } from "./scheduled";

export { ProductionPlanFeed } from "./features/productionplan/plan-feed/plan-feed";
export { ExchangeFeed } from "./features/trading/exchange-feed/exchange-feed";
export { TradingBoard } from "./features/trading/trading-board/trading-board";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
} satisfies ExportedHandler<Bindings>;
