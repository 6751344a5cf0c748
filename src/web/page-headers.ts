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
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": PAGE_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/**
 * Puts the page headers on every answer of a page route. Set before the
 * handler, they go into responses built with c.html/c.body; a handler that
 * builds its own Response (a cached, pre-compressed page) includes them
 * itself, because setting a header on a finished response makes Hono copy it
 * through a stream, which on a large page costs more than rendering did.
 */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) c.header(name, value);
  await next();
  const missing = Object.entries(PAGE_SECURITY_HEADERS).filter(([name]) => !c.res.headers.has(name));
  for (const [name, value] of missing) c.header(name, value);
};
