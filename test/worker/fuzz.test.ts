import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { type CampaignReport, runCampaign } from "../fuzz/campaign";
import type { Finding, FuzzRequest } from "../fuzz/fuzz-types";
import { formatFinding } from "../fuzz/report-format";
import { TEST_INGEST_TOKEN } from "./helpers";

/** Fixed, so CI fuzzes the same cases every time; `npm run fuzz -- --seed N` explores others. */
const SEED = 20_251_010;
/** Generous: a hang detector for requests that normally take milliseconds, not a latency target. */
const HANG_AFTER_MS = 20_000;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The app's own fetch handler in workerd with the real bindings, as `call`
 * reaches it, minus the test pool's entrypoint wrapper: that wrapper nests
 * one more Proxy per call, so thousands of calls grow slower each time and
 * end in "Maximum call stack size exceeded" inside the pool, not the app.
 */
async function transport(request: FuzzRequest): Promise<Response> {
  const ctx = createExecutionContext();
  const init = { method: request.method, headers: request.headers, body: request.body };
  const response = await worker.fetch(new Request(`https://energy-edge.test${request.path}`, init), env, ctx);
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, { status: response.status, headers: response.headers });
}

let report: CampaignReport;

function expectNone(findings: Finding[], checks: string[]): void {
  const matching = findings.filter((finding) => checks.includes(finding.check));
  expect(matching.map(formatFinding).join("\n\n"), `${matching.length} findings`).toBe("");
}

/**
 * Issue 10 §5: every operation of /openapi.json, valid and mutated requests,
 * through the real app in workerd, with the oracle of test/fuzz/. A finding
 * prints the request and a replay line for `npm run fuzz`.
 */
describe("schema-driven fuzz of every operation", () => {
  beforeAll(async () => {
    report = await runCampaign({
      config: { transport, token: TEST_INGEST_TOKEN, timeoutMs: HANG_AFTER_MS },
      seed: SEED,
      runs: 3,
      longRun: false,
      maxBodyBytes: 20 * 1024 * 1024,
      shrink: false,
      concurrency: { trials: 3, inFlight: 10 },
    });
    console.log(report.stats.format());
    for (const outcome of report.concurrency)
      console.log(`concurrent ${outcome.kind} ${outcome.route}: ${outcome.trials} trials, ${outcome.failedTrials} failed`);
  }, 600_000);

  it("fuzzed every operation of the document", () => {
    expect(report.stats.operations.size).toBeGreaterThan(30);
    for (const [id, entry] of report.stats.operations) expect(entry.requests, id).toBeGreaterThan(0);
  });

  it("never answers 5xx, never hangs", () => expectNone(report.findings, ["5xx", "hang", "network-error"]));

  it("answers every 4xx with a problem+json carrying the X-Request-Id", () =>
    expectNone(report.findings, [
      "problem-json",
      "problem-request-id",
      "request-id-header",
      "request-id-echo",
      "www-authenticate",
      "allow-header",
    ]));

  it("answers every 422 with JSON pointers, naming the field a mutation broke", () =>
    expectNone(report.findings, ["validation-pointers", "names-field", "expected-status", "limit-exact"]));

  it("leaves the state unchanged on every refused write, and reads back every accepted one as sent", () =>
    expectNone(report.findings, ["rejected-write-changed-state", "read-back"]));

  it("echoes instants exactly, and every window lists exactly the rows its totals count", () =>
    expectNone(report.findings, ["instant-echo", "totals-match-rows", "expected-samples-integer", "coverage-at-most-1"]));

  it("gives every concurrent caller an answer true of the final state", () => expectNone(report.findings, ["concurrent-answer"]));

  it("documents every path parameter as required", () =>
    expectNone(report.findings, ["openapi-version", "path-parameter-required", "path-parameter-nullable", "path-parameter-declared"]));
});
