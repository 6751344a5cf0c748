/**
 * `npm run fuzz -- --seed N --minutes M [--url URL]`: the schema-driven fuzz
 * of test/fuzz/ for as long as asked. Without --url it starts a fresh local
 * system (wrangler dev on its own port and a state dir under /tmp) and reads
 * INGEST_TOKEN from the .dev.vars that system uses. Prints requests per
 * operation, statuses by class, 5xx/hang/lost-write counts and every distinct
 * finding with its replay line; exits 1 on any finding.
 *
 * Flags: --seed N  --minutes M  --url URL  --token T  --port P  --runs R (cases per property and round)
 *        --only "<operation>"  --family F  --replay-path P  --in-flight N  --trials N  --max-body-bytes B
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { runCampaign } from "../test/fuzz/campaign";
import { FuzzStats } from "../test/fuzz/fuzz-stats";
import type { Finding, FuzzRequest } from "../test/fuzz/fuzz-types";
import { distinctFindings, formatFinding } from "../test/fuzz/report-format";
import { checkAfterOversizedUpload } from "./fuzz-same-connection";
import { stopChildrenOnSignals } from "./lib/child-processes";
import { ensureDevVars } from "./lib/dev-vars";
import { applyLocalMigrations, type RunningWorker, startWranglerDev } from "./lib/wrangler-dev";

const DEFAULT_PORT = 8921;
const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A hang detector, generous enough for a 20 MiB body through wrangler dev. */
const HANG_AFTER_MS = 30_000;

function positive(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number, got "${raw}"`);
  return value;
}

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seed: { type: "string" },
    minutes: { type: "string" },
    url: { type: "string" },
    token: { type: "string" },
    port: { type: "string" },
    runs: { type: "string" },
    only: { type: "string" },
    family: { type: "string" },
    "replay-path": { type: "string" },
    "in-flight": { type: "string" },
    trials: { type: "string" },
    "max-body-bytes": { type: "string" },
  },
});

const seed = flags.seed !== undefined ? Number(flags.seed) | 0 : Math.floor(Math.random() * 2 ** 31);
const minutes = positive(flags.minutes, 1, "--minutes");
const port = positive(flags.port, DEFAULT_PORT, "--port");
const maxBodyBytes = positive(flags["max-body-bytes"], DEFAULT_MAX_BODY_BYTES, "--max-body-bytes");
const replaying = flags["replay-path"] !== undefined;

async function startSystem(): Promise<{ url: string; token: string; worker?: RunningWorker }> {
  if (flags.url) {
    const token = flags.token ?? process.env.ENERGY_EDGE_TOKEN ?? ensureDevVars().token;
    return { url: flags.url.replace(/\/$/, ""), token };
  }
  // wrangler dev reads secrets from the project's .dev.vars; the fuzz authenticates with the same token.
  const { token } = ensureDevVars();
  const persistTo = `/tmp/energy-edge-fuzz-${port}/state`;
  rmSync(persistTo, { recursive: true, force: true });
  await applyLocalMigrations({ persistTo });
  const worker = await startWranglerDev({
    port,
    persistTo,
    quiet: true,
    logLevel: "warn",
    logFile: `/tmp/energy-edge-fuzz-${port}/wrangler.log`,
  });
  return { url: worker.url, token, worker };
}

function transportFor(url: string) {
  return (request: FuzzRequest) =>
    fetch(url + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(HANG_AFTER_MS + 5_000),
      redirect: "manual",
    });
}

async function main(): Promise<number> {
  const system = await startSystem();
  stopChildrenOnSignals();
  console.log(`fuzzing ${system.url} with seed ${seed} for ${minutes} min`);
  const deadline = Date.now() + minutes * 60_000;
  const findings: Finding[] = [];
  const total = new FuzzStats();
  const trials = new Map<string, { trials: number; failed: number }>();
  try {
    for (let round = 0; round === 0 || (!replaying && Date.now() < deadline); round++) {
      // Round 0 is the run's seed exactly (with the 20 MiB body cases), so `--seed N` replays what a failing run printed.
      const report = await runCampaign({
        config: { transport: transportFor(system.url), token: system.token, timeoutMs: HANG_AFTER_MS },
        seed: seed + round,
        runs: Math.round(positive(flags.runs, 5, "--runs")),
        longRun: round === 0,
        deadline: replaying ? undefined : deadline,
        maxBodyBytes,
        shrink: true,
        only: flags.only,
        family: flags.family,
        replayPath: flags["replay-path"],
        concurrency: {
          trials: Math.round(positive(flags.trials, 5, "--trials")),
          inFlight: Math.round(positive(flags["in-flight"], 20, "--in-flight")),
        },
        log: (line) => console.log(`  [round ${round}] ${line}`),
      });
      findings.push(...report.findings);
      merge(total, report.stats);
      for (const outcome of report.concurrency) {
        const key = `${outcome.kind} ${outcome.route}`;
        const entry = trials.get(key) ?? { trials: 0, failed: 0 };
        trials.set(key, { trials: entry.trials + outcome.trials, failed: entry.failed + outcome.failedTrials });
      }
      console.log(`round ${round} (seed ${seed + round}): ${report.stats.requests} requests, ${report.findings.length} findings`);
    }
    if (!flags.only && !replaying) {
      const connection = await checkAfterOversizedUpload(system.url, system.token, maxBodyBytes, 5_000);
      console.log(`oversized upload then the next request on one connection: ${connection.oversizedStatus}, ${connection.detail}`);
      if (connection.oversizedStatus !== 413 || !connection.nextAnswered) {
        findings.push({
          operation: "POST /v1/messages",
          family: "body-limit-connection",
          check: connection.oversizedStatus !== 413 ? "expected-status" : "hang",
          detail: `chunked ${maxBodyBytes + 1}-byte upload answered ${connection.oversizedStatus}; ${connection.detail}`,
          request: { method: "POST", path: "/v1/messages", headers: { "Transfer-Encoding": "chunked" } },
        });
      }
    }
  } finally {
    await system.worker?.stop();
  }
  console.log(`\n${total.format()}`);
  for (const [key, entry] of trials) console.log(`concurrent ${key}: ${entry.trials} trials, ${entry.failed} failed`);
  const distinct = distinctFindings(findings);
  for (const finding of distinct) console.log(`\n${formatFinding(finding)}`);
  console.log(`\nseed ${seed}: ${distinct.length} distinct findings (${findings.length} in all)`);
  return findings.length === 0 ? 0 : 1;
}

function merge(into: FuzzStats, from: FuzzStats): void {
  for (const [id, entry] of from.operations) {
    const target = into.operations.get(id) ?? { requests: 0, classes: {} };
    target.requests += entry.requests;
    for (const [name, count] of Object.entries(entry.classes)) target.classes[name] = (target.classes[name] ?? 0) + count;
    into.operations.set(id, target);
  }
  into.serverErrors += from.serverErrors;
  into.hangs += from.hangs;
  into.lostWrites += from.lostWrites;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
