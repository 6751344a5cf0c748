import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { hasPageSession } from "../../lib/auth";
import type { AppEnv } from "../../lib/env";
import { prefersHtml } from "../../web/negotiation";

/**
 * A path of this site to return to after signing in: starts with one "/" (never "//" or "/\", which browsers
 * read as another host) and has no whitespace or control characters. Anything else goes to the overview.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return "/";
  if (/[\\\s]|\p{Cc}/u.test(value)) return "/";
  return value;
}

export function loginLocation(next: string): string {
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/** Where the browser asked to go: the path and query of this request. */
function requestedPath(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * On pages, when READ_TOKEN is set: a browser without a session is sent to the sign-in form (303) instead of the
 * 401 problem an API client gets. Requests with an Authorization header or preferring JSON go on to the read
 * guard unchanged.
 */
export const requirePageLogin = createMiddleware<AppEnv>(async (c, next) => {
  const isNavigation = c.req.method === "GET" || c.req.method === "HEAD";
  if (c.env.READ_TOKEN && isNavigation && c.req.header("Authorization") === undefined && prefersHtml(c) && !(await hasPageSession(c))) {
    return c.redirect(loginLocation(safeNextPath(requestedPath(c))), 303);
  }
  await next();
});
