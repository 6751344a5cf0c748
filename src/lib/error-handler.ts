import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env";
import { log } from "./log";
import { PROBLEM_TYPES, ProblemError, type ProblemKind, problemResponse } from "./problem";
import { isConstraintViolation } from "./write-conflict";

function kindForStatus(status: number): ProblemKind {
  const entry = Object.entries(PROBLEM_TYPES).find(([, meta]) => meta.status === status);
  return (entry?.[0] as ProblemKind | undefined) ?? (status >= 500 ? "internal" : "bad-request");
}

/** Logs one JSON line per failure so `wrangler tail` and log search can find it by request id. */
export function logError(c: Context, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  log("error", {
    request_id: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    error: err.name,
    message: err.message,
    stack: err.stack,
  });
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ProblemError) return problemResponse(c, error.kind, error.init);
  if (error instanceof HTTPException) {
    // Hono's own rejections (malformed JSON body, unreadable form) are the caller's mistake.
    const kind = kindForStatus(error.status);
    if (kind === "unsupported-media-type") {
      // @hono/zod-openapi's media-type gate says only "Unsupported Media Type": tell the caller what to send.
      const sent = c.req.header("Content-Type");
      return problemResponse(c, kind, {
        detail: `The body must be JSON sent with Content-Type: application/json${sent ? `, not ${sent}` : " (none was sent)"}`,
      });
    }
    return problemResponse(c, kind, { detail: error.message || PROBLEM_TYPES[kind].title });
  }
  if (isConstraintViolation(error)) {
    // Writes decide conflicts inside their batch; one that still escapes as a constraint is the caller's conflict, not a fault.
    logError(c, error);
    return problemResponse(c, "conflict", {
      detail: "The request conflicts with data stored by another request; nothing of it was written",
    });
  }
  logError(c, error);
  return problemResponse(c, "internal", {
    detail: "The server failed to answer this request; quote the request id when reporting it",
  });
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, "not-found", { detail: `No route matches ${c.req.method} ${c.req.path}` });
