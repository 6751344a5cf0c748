import { exchange } from "./exchange";
import type { FuzzStats } from "./fuzz-stats";
import type { FuzzConfig, FuzzOutcome, FuzzRequest } from "./fuzz-types";
import type { Mutated } from "./mutation";
import type { FuzzOperation } from "./openapi-model";
import { checkAnswer, type Violation } from "./oracle";
import { readBack } from "./read-back";
import { spell } from "./request-parts";
import { checkReadBody } from "./response-invariants";
import { differences, digestReads, takeDigest } from "./state-digest";
import { learn, type World } from "./world";

export interface CaseRun {
  request: FuzzRequest;
  outcome: FuzzOutcome;
  violations: Violation[];
}

export interface CaseContext {
  config: FuzzConfig;
  stats: FuzzStats;
  world: World;
}

/** Checks that mean a caller was told something about storage that is not true. */
export const LOST_WRITE_CHECKS = new Set(["rejected-write-changed-state", "read-back", "concurrent-answer"]);

export function requestOf(context: CaseContext, operation: FuzzOperation, mutated: Mutated): FuzzRequest {
  const request = spell(operation, mutated.parts, context.config.token);
  if (!mutated.method) return request;
  const { body, headers, ...rest } = request;
  if (mutated.method !== "GET") return { ...rest, headers, body, method: mutated.method };
  // A GET carries no body, so neither does the wrong-method GET.
  const { "Content-Type": _type, ...withoutType } = headers;
  return { ...rest, headers: withoutType, method: "GET" };
}

/**
 * Sends one case and checks everything it promises: the answer itself, a
 * read's own figures, and around a write, that a refused one left the state
 * as it was and an accepted one reads back as sent.
 */
export async function runCase(context: CaseContext, operation: FuzzOperation, mutated: Mutated): Promise<CaseRun> {
  const { config, world } = context;
  const request = requestOf(context, operation, mutated);
  const stateful = request.method !== "GET" && (operation.isWrite || mutated.method !== undefined);
  const reads = stateful ? digestReads(operation, mutated.parts, world) : [];
  const before = stateful ? await takeDigest(config, reads) : undefined;
  const outcome = await exchange(config, request);
  context.stats.record(operation.id, outcome);
  const violations = checkAnswer(request, outcome, mutated.expect);
  if (outcome.kind === "answer") {
    if (request.method === "GET" && outcome.status < 300) {
      const query = new URLSearchParams(request.path.split("?")[1] ?? "");
      let body: unknown;
      try {
        body = JSON.parse(outcome.text);
      } catch {
        body = undefined;
      }
      violations.push(...checkReadBody(operation, query, body));
    }
    if (before && outcome.status >= 400) {
      const changed = differences(before, await takeDigest(config, reads));
      for (const difference of changed)
        violations.push({ check: "rejected-write-changed-state", detail: `${outcome.status} but ${difference}` });
    }
    if (stateful && outcome.status < 300 && mutated.method === undefined && mutated.parts.rawBody === undefined) {
      violations.push(...(await readBack(config, operation, mutated.parts, world)));
      learn(world, operation, mutated.parts.body, mutated.parts.path);
    }
  }
  return { request, outcome, violations };
}
