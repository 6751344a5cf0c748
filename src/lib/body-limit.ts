import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { problemResponse } from "./problem";

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** One limiter per configured size, built once rather than on every request. */
const limiters = new Map<number, MiddlewareHandler>();

function limiterFor(maxSize: number): MiddlewareHandler {
  let limiter = limiters.get(maxSize);
  if (!limiter) {
    limiter = bodyLimit({
      maxSize,
      onError: (ctx) =>
        problemResponse(ctx, "payload-too-large", {
          detail: `The request body exceeds the limit of ${maxSize} bytes; send smaller batches`,
          extensions: { max_bytes: maxSize },
        }),
    });
    limiters.set(maxSize, limiter);
  }
  return limiter;
}

/** Rejects bodies above MAX_BODY_BYTES with 413, before any handler reads them. */
export const limitBodySize = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  return limiterFor(Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES)(c, next);
});
