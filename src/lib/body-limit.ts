import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env";
import { problemResponse } from "./problem";

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Rejects bodies above MAX_BODY_BYTES with 413, before any handler reads them. */
export const limitBodySize = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  const maxSize = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  const limiter = bodyLimit({
    maxSize,
    onError: (ctx) =>
      problemResponse(ctx, "payload-too-large", {
        detail: `The request body exceeds the limit of ${maxSize} bytes; send smaller batches`,
        extensions: { max_bytes: maxSize },
      }),
  });
  return limiter(c, next);
});
