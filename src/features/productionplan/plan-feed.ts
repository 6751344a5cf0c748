import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../../lib/env";

/**
 * Broadcasts every computed production plan to connected WebSocket clients.
 * Declared now so the binding and its SQLite migration exist from the first deploy;
 * the productionplan issue fills it in.
 */
export class ProductionPlanFeed extends DurableObject<Bindings> {}
