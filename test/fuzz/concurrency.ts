import { type Answer, scenarios } from "./concurrent-scenarios";
import { exchange, read } from "./exchange";
import type { FuzzStats } from "./fuzz-stats";
import type { Finding, FuzzConfig, FuzzRequest } from "./fuzz-types";
import { checkAnswer } from "./oracle";
import type { World } from "./world";

export interface ConcurrencyOptions {
  config: FuzzConfig;
  stats: FuzzStats;
  world: World;
  seed: number;
  /** Trials per scenario and requests in flight per trial. */
  trials: number;
  inFlight: number;
  /** Only scenarios whose route contains this. */
  only?: string;
}

export interface ScenarioOutcome {
  route: string;
  kind: string;
  trials: number;
  failedTrials: number;
}

/**
 * Issue 10 §1: for every write route, N identical and N conflicting requests
 * in flight at once, each caller's answer judged against the state once all
 * are done.
 */
export async function runConcurrency(options: ConcurrencyOptions): Promise<{ findings: Finding[]; outcomes: ScenarioOutcome[] }> {
  const { config, stats } = options;
  const withToken = (request: FuzzRequest): FuzzRequest => ({
    ...request,
    headers: { ...request.headers, Authorization: `Bearer ${config.token}` },
  });
  const send = async (request: FuzzRequest): Promise<{ answer: Answer; findings: string[] }> => {
    const sent = withToken(request);
    const outcome = await exchange(config, sent);
    stats.record(`${request.method} (concurrent)`, outcome);
    const violations = checkAnswer(sent, outcome, {});
    let body: Record<string, unknown> = {};
    if (outcome.kind === "answer") {
      try {
        body = JSON.parse(outcome.text) as Record<string, unknown>;
      } catch {
        body = {};
      }
    }
    return {
      answer: { status: outcome.kind === "answer" ? outcome.status : 0, body },
      findings: violations.map((v) => `${v.check}: ${v.detail}`),
    };
  };
  const get = async (path: string) => read(config, path);
  const findings: Finding[] = [];
  const outcomes: ScenarioOutcome[] = [];
  // Keys far from anything the examples or the generators use, distinct per run seed.
  let key = 100_000 + (Math.abs(options.seed) % 50_000) * 20;
  for (const scenario of scenarios(options.world).filter((s) => !options.only || s.route.includes(options.only))) {
    const outcome: ScenarioOutcome = { route: scenario.route, kind: scenario.kind, trials: 0, failedTrials: 0 };
    for (let trial = 0; trial < options.trials; trial++) {
      key += options.inFlight + 1;
      if (scenario.prepare) await scenario.prepare(key, async (request) => (await send(request)).answer);
      const requests = scenario.requests(key, options.inFlight);
      const results = await Promise.all(requests.map(send));
      const answers = results.map((result) => result.answer);
      const problems = [...results.flatMap((result) => result.findings), ...(await scenario.judge(key, answers, requests, get))];
      outcome.trials++;
      if (problems.length === 0) continue;
      outcome.failedTrials++;
      // A trial whose answers the stored state contradicts (not merely a wrong status) is a lost write.
      if (problems.some((problem) => /stored|told/.test(problem))) stats.lostWrites++;
      findings.push({
        operation: scenario.route,
        family: `concurrent-${scenario.kind}`,
        check: "concurrent-answer",
        detail: `trial key ${key}, ${options.inFlight} in flight: ${[...new Set(problems)].join("; ")}`,
        request: withToken(requests[0]!),
        status: answers[0]?.status,
        responseExcerpt: answers
          .map((answer) => `${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`)
          .slice(0, 4)
          .join(" | "),
      });
    }
    outcomes.push(outcome);
  }
  return { findings, outcomes };
}
