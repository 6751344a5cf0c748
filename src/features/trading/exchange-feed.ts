import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../../lib/env";

/**
 * Keeps the outbound WebSocket to the exchange and stores every deal once.
 * Declared now so the binding and its SQLite migration exist from the first deploy;
 * the trading issue fills it in.
 */
export class ExchangeFeed extends DurableObject<Bindings> {}
