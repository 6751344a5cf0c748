import type { RequestIdVariables } from "hono/request-id";
import type { ProductionPlanFeed } from "../features/productionplan/plan-feed/plan-feed";
import type { ExchangeFeed } from "../features/trading/exchange-feed/exchange-feed";

/** Bindings declared in wrangler.toml plus the secrets from .dev.vars / `wrangler secret put`. */
export interface Bindings {
  DB: D1Database;
  PRICES: KVNamespace;
  ASSETS: Fetcher;
  EXCHANGE_FEED: DurableObjectNamespace<ExchangeFeed>;
  PLAN_FEED: DurableObjectNamespace<ProductionPlanFeed>;
  EXCHANGE_URL: string;
  MARKET_DATA_URL: string;
  INGEST_TOKEN?: string;
  READ_TOKEN?: string;
  /** Largest request body accepted, in bytes (default 20 MiB). */
  MAX_BODY_BYTES?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: RequestIdVariables;
}
