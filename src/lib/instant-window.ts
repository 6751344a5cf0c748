import { z } from "@hono/zod-openapi";
import { DAY_MS, type InstantProblem, parseInstant, readInstant } from "./instant";

const RANGE = "0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";

function problemMessage(problem: InstantProblem, example: string): string {
  if (problem === "precision") return "at most millisecond precision: digits after the third fractional digit must be 0";
  if (problem === "range") return `outside the supported range ${RANGE}`;
  return `expected ISO 8601 with an offset, e.g. ${example} or 2024-04-01T02:00:00+02:00`;
}

/** A string holding an ISO 8601 instant with an explicit offset; features add their OpenAPI metadata. */
export function instantString(example = "2024-04-01T00:00:00Z") {
  return z.string().superRefine((text, ctx) => {
    const reading = readInstant(text);
    if (!reading.ok) ctx.addIssue({ code: "custom", message: problemMessage(reading.problem, example) });
  });
}

/**
 * An object-level check that two instant fields make a window: the first
 * before the second and, when `maxDays` is given, at most that long. A bound
 * that is missing or unreadable is left to its own field's check.
 */
export function instantWindow<K extends string>(fromKey: K, toKey: K, maxDays?: number) {
  return (value: Partial<Record<K, string>>, ctx: z.RefinementCtx): void => {
    const fromText = value[fromKey];
    const toText = value[toKey];
    const from = fromText === undefined ? undefined : parseInstant(fromText);
    const to = toText === undefined ? undefined : parseInstant(toText);
    if (from === undefined || to === undefined) return;
    if (from >= to) ctx.addIssue({ code: "custom", path: [fromKey], message: `\`${fromKey}\` must be before \`${toKey}\`` });
    else if (maxDays !== undefined && to - from > maxDays * DAY_MS) {
      ctx.addIssue({ code: "custom", path: [toKey], message: `the window may span at most ${maxDays} days` });
    }
  };
}
