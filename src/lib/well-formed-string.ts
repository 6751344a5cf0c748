import { z } from "@hono/zod-openapi";

/** ES2024's String.prototype.isWellFormed (workerd, Node 20); the project's TS lib is ES2022. */
type WellFormedCheck = { isWellFormed(): boolean };

export const LONE_SURROGATE_MESSAGE = "not valid Unicode: contains a lone surrogate (an unpaired UTF-16 code unit U+D800–U+DFFF)";

/** True when the text has no unpaired surrogate, so UTF-8 storage keeps it exactly. */
export function isWellFormed(text: string): boolean {
  return (text as string & WellFormedCheck).isWellFormed();
}

/**
 * A string that must be well-formed UTF-16: D1 stores UTF-8, which cannot
 * hold a lone surrogate and would read it back as U+FFFD, changing the
 * caller's text silently. The check runs first and aborts, so the field's
 * one error names the real problem; chain further checks after it.
 */
export function wellFormedString() {
  return z.string().refine(isWellFormed, { message: LONE_SURROGATE_MESSAGE, abort: true });
}
