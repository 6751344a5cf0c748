import { instantMs, naiveKey, shapeOf } from "./instants";
import { type FuzzOperation, parametersIn } from "./openapi-model";
import type { Violation } from "./oracle";

type Json = Record<string, unknown>;

/**
 * What a successful read promises about its own figures: instants echoed as
 * the same instants (issue 10 §2: never shifted), every window listing the
 * rows its totals count, and usage figures that cannot lie (§3:
 * expected_samples an integer, coverage never above 1).
 */
export function checkReadBody(operation: FuzzOperation, query: URLSearchParams, body: unknown): Violation[] {
  const violations: Violation[] = [];
  if (body === null || typeof body !== "object") return violations;
  checkFigures(body, "", violations);
  checkEchoedInstants(operation, query, body as Json, violations);
  checkTotals(body as Json, violations);
  return violations;
}

function checkFigures(value: unknown, pointer: string, violations: Violation[]): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkFigures(item, `${pointer}/${index}`, violations);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const figures = value as Json;
  if (typeof figures.expected_samples === "number" && !Number.isInteger(figures.expected_samples)) {
    violations.push({ check: "expected-samples-integer", detail: `${pointer}/expected_samples = ${figures.expected_samples}` });
  }
  if (typeof figures.coverage === "number" && figures.coverage > 1) {
    violations.push({
      check: "coverage-at-most-1",
      detail:
        `${pointer}/coverage = ${figures.coverage} ` +
        `(sample_count ${String(figures.sample_count)}, expected ${String(figures.expected_samples)})`,
    });
  }
  for (const [key, item] of Object.entries(figures)) checkFigures(item, `${pointer}/${key}`, violations);
}

function checkEchoedInstants(operation: FuzzOperation, query: URLSearchParams, body: Json, violations: Violation[]): void {
  for (const parameter of parametersIn(operation, "query")) {
    const shape = shapeOf(parameter.example ?? parameter.schema?.example);
    const sent = query.get(parameter.name);
    if (!shape || shape === "date" || sent === null) continue;
    const window = body.window as Json | undefined;
    const echoed = body[parameter.name] ?? window?.[parameter.name];
    if (typeof echoed !== "string") continue;
    // Only spellings this oracle parses itself are compared; others are the app's to accept or refuse.
    if ((shape === "instant" ? instantMs(sent) : naiveKey(sent)) === undefined) continue;
    const same = shape === "instant" ? instantMs(echoed) === instantMs(sent) : naiveKey(echoed) === naiveKey(sent);
    if (!same) violations.push({ check: "instant-echo", detail: `${parameter.name}=${sent} answered as ${echoed}` });
  }
}

function checkTotals(body: Json, violations: Violation[]): void {
  const totals = body.totals as Json | undefined;
  if (!totals || !Array.isArray(body.usage) || typeof totals.messages !== "number") return;
  const rows = body.usage as Array<{ credits_used?: number }>;
  if (totals.messages !== rows.length)
    violations.push({ check: "totals-match-rows", detail: `totals.messages ${totals.messages} but ${rows.length} rows` });
  const cents = Math.round(rows.reduce((sum, row) => sum + (row.credits_used ?? 0), 0) * 100);
  if (typeof totals.credits === "number" && cents !== Math.round(totals.credits * 100)) {
    violations.push({ check: "totals-match-rows", detail: `totals.credits ${totals.credits} but rows sum to ${cents / 100}` });
  }
}
