import type { MiddlewareHandler } from "hono";

/**
 * Only the Worker's own scripts, styles and images; no inline script or style,
 * no framing, forms post only here. Charts are SVG in the page, so they need
 * nothing more.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Security headers on every HTML page. */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Content-Security-Policy", PAGE_CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "same-origin");
  c.header("X-Frame-Options", "DENY");
};
