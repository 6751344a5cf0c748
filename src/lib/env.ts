import type { RequestIdVariables } from "hono/request-id";

/**
 * Secrets and optional settings wrangler.toml cannot declare: set them in .dev.vars locally and with
 * `wrangler secret put NAME` in production. `npm run cf-typegen` ignores .dev.vars, so they are typed here.
 */
export interface Secrets {
  INGEST_TOKEN?: string;
  READ_TOKEN?: string;
  /** Largest request body accepted, in bytes (default 20 MiB). */
  MAX_BODY_BYTES?: string;
}

/** `Env` is generated from wrangler.toml into worker-configuration.d.ts by `npm run cf-typegen`. */
export type Bindings = Env & Secrets;

export interface AppEnv {
  Bindings: Bindings;
  Variables: RequestIdVariables;
}
