import fc from "fast-check";
import { CATALOGUE } from "./catalogue";
import { runConcurrency, type ScenarioOutcome } from "./concurrency";
import { checkDocument } from "./document-checks";
import { exchange, read } from "./exchange";
import { FuzzStats } from "./fuzz-stats";
import type { Finding, FuzzConfig } from "./fuzz-types";
import type { Mutated, MutationContext } from "./mutation";
import { type FuzzOperation, listOperations, type OpenApiDocument } from "./openapi-model";
import { checkAnswer } from "./oracle";
import { exampleParts, validPartsArb } from "./request-parts";
import { type CaseContext, type CaseRun, LOST_WRITE_CHECKS, runCase } from "./run-case";
import { worldFromExamples } from "./world";

export interface CampaignOptions {
  config: FuzzConfig;
  seed: number;
  /** Cases per (operation, family) property. */
  runs: number;
  longRun: boolean;
  maxBodyBytes: number;
  /** Shrink a failing case to a minimal one (long runs); CI stops at the first failure of each property. */
  shrink: boolean;
  /** Only operations whose id contains this, only this family, replaying this fast-check path. */
  only?: string;
  family?: string;
  replayPath?: string;
  concurrency: { trials: number; inFlight: number };
  /** Epoch ms after which no further property starts, except every operation's valid requests. */
  deadline?: number;
  log?: (line: string) => void;
}

export interface CampaignReport {
  findings: Finding[];
  stats: FuzzStats;
  concurrency: ScenarioOutcome[];
}

/** Shrinking re-sends a failing case many times; past this it reports the smallest failure found so far. */
const SHRINK_LIMIT_MS = 20_000;

/** The WebSocket feed needs an Upgrade; without one it must answer 426, which is all the fuzz asks of it. */
const WEBSOCKET_ROUTE = "GET /v1/productionplan/feed";

/** A property's own seed: the run's seed mixed with its name, so one property replays alone. */
export function propertySeed(seed: number, name: string): number {
  let hash = seed | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x5bd1e995) ^ (hash >>> 13);
  return hash | 0;
}

function finding(operation: string, family: string, run: CaseRun, note: string): Finding[] {
  return run.violations.map((violation) => ({
    operation,
    family,
    check: violation.check,
    detail: `${violation.detail} [${note}]`,
    request: run.request,
    status: run.outcome.kind === "answer" ? run.outcome.status : undefined,
    responseExcerpt: run.outcome.kind === "answer" ? run.outcome.text.slice(0, 400) : run.outcome.kind,
  }));
}

/**
 * One fuzz run: read /openapi.json from the system, check the document, seed
 * the system with every write's example, fuzz every operation with every
 * family of the catalogue (one fast-check property each), then the
 * concurrent writes.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const { config } = options;
  const stats = new FuzzStats();
  const findings: Finding[] = [];
  const log = options.log ?? (() => {});
  const docAnswer = await read(config, "/openapi.json");
  if (docAnswer.status !== 200) throw new Error(`GET /openapi.json answered ${docAnswer.status}`);
  const doc = docAnswer.body as OpenApiDocument;
  const operations = listOperations(doc);
  const world = worldFromExamples(operations);
  const context: CaseContext = { config, stats, world };
  const docRequest = { method: "GET", path: "/openapi.json", headers: {} };
  for (const violation of checkDocument(doc))
    findings.push({ operation: "GET /openapi.json", family: "document", ...violation, request: docRequest });

  for (const operation of operations.filter((op) => op.isWrite)) {
    const run = await runCase(context, operation, { parts: exampleParts(operation), expect: {}, note: "the documented example" });
    if (run.violations.some((violation) => LOST_WRITE_CHECKS.has(violation.check))) stats.lostWrites++;
    findings.push(...finding(operation.id, "example", run, "the documented example"));
  }

  const selected = operations.filter((op) => op.id !== WEBSOCKET_ROUTE && (!options.only || op.id.includes(options.only)));
  for (const operation of selected) {
    const mutationContext: MutationContext = { doc, operation, longRun: options.longRun, maxBodyBytes: options.maxBodyBytes };
    for (const mutation of CATALOGUE.filter((m) => m.applies(mutationContext) && (!options.family || m.family === options.family))) {
      if (mutation.family !== "valid" && options.deadline !== undefined && Date.now() > options.deadline) break;
      findings.push(...(await runProperty(context, doc, operation, mutationContext, mutation.family, options)));
    }
    log(`${operation.id}: ${stats.operations.get(operation.id)?.requests ?? 0} requests, ${findings.length} findings so far`);
  }
  if (!options.only || WEBSOCKET_ROUTE.includes(options.only)) findings.push(...(await checkWebSocketRoute(config, stats)));

  const concurrency = await runConcurrency({ config, stats, world, seed: options.seed, ...options.concurrency, only: options.only });
  findings.push(...concurrency.findings);
  return { findings, stats, concurrency: concurrency.outcomes };
}

async function runProperty(
  context: CaseContext,
  doc: OpenApiDocument,
  operation: FuzzOperation,
  mutationContext: MutationContext,
  family: string,
  options: CampaignOptions,
): Promise<Finding[]> {
  const mutation = CATALOGUE.find((m) => m.family === family)!;
  const seed = propertySeed(options.seed, `${operation.id} ${family}`);
  let lastFailure: { run: CaseRun; note: string } | undefined;
  const arbitrary = validPartsArb(doc, operation).chain((parts) => mutation.arb(mutationContext, parts));
  const property = fc.asyncProperty(arbitrary, async (mutated: Mutated) => {
    const run = await runCase(context, operation, mutated);
    if (run.violations.length === 0) return true;
    lastFailure = { run, note: mutated.note };
    return false;
  });
  const examples = options.replayPath ? [] : (mutation.examples?.(mutationContext) ?? []).map((mutated): [Mutated] => [mutated]);
  const details = await fc.check(property, {
    seed,
    numRuns: options.runs,
    examples,
    endOnFailure: !options.shrink,
    path: options.replayPath,
    plugins: options.shrink ? [fc.interruptAfterTimeLimit(SHRINK_LIMIT_MS)] : [],
  });
  if (!details.failed || !lastFailure) return [];
  // Counted once per failing property (its final, smallest case), not once per shrinking step.
  if (lastFailure.run.violations.some((violation) => LOST_WRITE_CHECKS.has(violation.check))) context.stats.lostWrites++;
  const replay =
    `npm run fuzz -- --seed ${options.seed} --only "${operation.id}" --family ${family} ` +
    `--replay-path "${details.counterexamplePath ?? ""}"`;
  return finding(operation.id, family, lastFailure.run, `${lastFailure.note}; replay: ${replay}`);
}

async function checkWebSocketRoute(config: FuzzConfig, stats: FuzzStats): Promise<Finding[]> {
  const request = { method: "GET", path: "/v1/productionplan/feed", headers: {} };
  const outcome = await exchange(config, request);
  stats.record(WEBSOCKET_ROUTE, outcome);
  const violations = checkAnswer(request, outcome, { statuses: [426] });
  return violations.map((violation) => ({ operation: WEBSOCKET_ROUTE, family: "no-upgrade", ...violation, request }));
}
