import type { Context } from "hono";
import { accepts } from "hono/accepts";

/**
 * A browser asks for HTML first (`text/html,…,*\/*;q=0.8`); API clients send `application/json`, `*\/*` or
 * nothing, and keep getting JSON.
 */
export function prefersHtml(c: Context): boolean {
  return accepts(c, { header: "Accept", supports: ["text/html", "application/json"], default: "application/json" }) === "text/html";
}
