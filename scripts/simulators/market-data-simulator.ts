import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { seededRandom } from "../lib/random";
import { usage } from "./cli-settings";
import { openJsonlLog } from "./jsonl-log";
import { type GarbageDefect, garbageResponse, type ReferencePriceBody } from "./market-data-faults";
import {
  MARKET_DATA_DEFAULT_PORT,
  MARKET_DATA_SETTINGS,
  type MarketDataSimulatorOptions,
  marketDataOptionsFrom,
} from "./market-data-options";
import { SlidingWindowLimiter } from "./rate-limiter";
import { parseDeliveryPeriod, referencePrice } from "./reference-prices";
import { hashSeed, randomSeed } from "./seed-hash";
import { clientHost, closeServer, LOOPBACK, listen } from "./server-address";
import { isEntryPoint, stopOnSignals } from "./standalone";
import { isoSeconds } from "./utc-time";

export type { MarketDataSimulatorOptions } from "./market-data-options";

export type RequestOutcome = "ok" | "garbage" | "bad_request" | "rate_limited" | "server_error" | "not_found";

export interface MarketDataStats {
  startedAt: string;
  seed: number;
  /** Requests to /reference-price (whatever their answer). */
  requests: number;
  ok: number;
  garbage: number;
  badRequests: number;
  rateLimited: number;
  serverErrors: number;
  /** Requests to any other path (GET /stats excluded). */
  notFound: number;
}

/** One JSONL line per answered request; `t` is the simulator's clock when the request arrived. */
export interface MarketDataLogLine {
  t: number;
  method: string;
  url: string;
  status: number;
  outcome: RequestOutcome;
  latency_ms: number;
  delivery_day?: string;
  delivery_hour?: string;
  value?: number;
  last_update?: string;
  defect?: GarbageDefect;
  retry_after_s?: number;
}

export interface MarketDataSimulator {
  url: string;
  port: number;
  seed: number;
  logFile: string | undefined;
  stop(): Promise<void>;
  stats(): MarketDataStats;
}

interface Answer {
  status: number;
  outcome: RequestOutcome;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  line?: Partial<MarketDataLogLine>;
}

const jsonAnswer = (status: number, outcome: RequestOutcome, body: object, line?: Partial<MarketDataLogLine>): Answer => ({
  status,
  outcome,
  contentType: "application/json",
  body: JSON.stringify(body),
  line,
});

/**
 * A stand-in for the market-data provider: GET /reference-price answers a
 * price per delivery hour that is republished every 10 minutes, behind a
 * rate limit (429 + Retry-After), with knobs for latency, 500s and garbage
 * bodies. GET /stats returns the counters.
 */
export async function startMarketDataSimulator(options: MarketDataSimulatorOptions = {}): Promise<MarketDataSimulator> {
  const seed = options.seed ?? randomSeed();
  const clock = options.now ?? Date.now;
  const latencyMs = options.latencyMs ?? 0;
  const errorRate = options.errorRate ?? 0;
  const garbageRate = options.garbageRate ?? 0;
  for (const [name, share] of [
    ["errorRate", errorRate],
    ["garbageRate", garbageRate],
  ] as const) {
    if (!(share >= 0 && share <= 1)) throw new Error(`${name} must be between 0 and 1, got ${share}`);
  }
  const limiter = new SlidingWindowLimiter([
    { limit: options.rateLimitPerMinute ?? 50, windowMs: 60_000 },
    { limit: options.rateLimitPerHour ?? 1000, windowMs: 3_600_000 },
  ]);
  // Fault draws have their own stream: prices stay a pure function of (seed, hour, publication).
  const faults = seededRandom(hashSeed(seed, "faults"));
  const log = openJsonlLog(options.logFile);
  const counters: MarketDataStats = {
    startedAt: new Date().toISOString(),
    seed,
    requests: 0,
    ok: 0,
    garbage: 0,
    badRequests: 0,
    rateLimited: 0,
    serverErrors: 0,
    notFound: 0,
  };
  const stats = (): MarketDataStats => ({ ...counters });

  const answerPrice = (query: URLSearchParams, now: number): Answer => {
    counters.requests++;
    const decision = limiter.tryAcquire(now);
    if (!decision.allowed) {
      counters.rateLimited++;
      const retryAfterS = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return {
        ...jsonAnswer(
          429,
          "rate_limited",
          { error_message: `rate limit exceeded; retry after ${retryAfterS} s` },
          { retry_after_s: retryAfterS },
        ),
        headers: { "retry-after": String(retryAfterS) },
      };
    }
    const parsed = parseDeliveryPeriod(query.get("delivery_day"), query.get("delivery_hour"));
    if (!parsed.ok) {
      counters.badRequests++;
      return jsonAnswer(400, "bad_request", { error_message: parsed.error });
    }
    const { period } = parsed;
    if (faults() < errorRate) {
      counters.serverErrors++;
      return jsonAnswer(
        500,
        "server_error",
        { error_message: "internal server error" },
        { delivery_day: period.day, delivery_hour: period.hour },
      );
    }
    const price = referencePrice(seed, period, now);
    const body: ReferencePriceBody = {
      delivery_day: period.day,
      delivery_hour: period.hour,
      last_update: isoSeconds(price.lastUpdateMs),
      unit: "euro/mwh",
      value: price.value,
    };
    const line = { delivery_day: period.day, delivery_hour: period.hour, value: body.value, last_update: body.last_update };
    if (faults() < garbageRate) {
      counters.garbage++;
      const garbage = garbageResponse(faults, body);
      return {
        status: 200,
        outcome: "garbage",
        contentType: garbage.contentType,
        body: garbage.body,
        line: { ...line, defect: garbage.defect },
      };
    }
    counters.ok++;
    return jsonAnswer(200, "ok", body, line);
  };

  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const now = clock();
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname === "/stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats()));
      return;
    }
    let answer: Answer;
    if (url.pathname !== "/reference-price") {
      counters.notFound++;
      answer = jsonAnswer(404, "not_found", {
        error_message: `no route ${url.pathname}; try GET /reference-price?delivery_day=YYYY-MM-DD&delivery_hour=HH-HH`,
      });
    } else if (method !== "GET") {
      counters.requests++;
      counters.badRequests++;
      answer = { ...jsonAnswer(405, "bad_request", { error_message: `method ${method} not allowed` }), headers: { allow: "GET" } };
    } else {
      answer = answerPrice(url.searchParams, now);
    }
    const respond = (): void => {
      res.writeHead(answer.status, { "content-type": answer.contentType, ...answer.headers }).end(answer.body);
      log.write({
        t: now,
        method,
        url: req.url ?? "",
        status: answer.status,
        outcome: answer.outcome,
        latency_ms: latencyMs,
        ...answer.line,
      } satisfies MarketDataLogLine);
    };
    if (latencyMs <= 0) return respond();
    const timer = setTimeout(() => {
      pending.delete(timer);
      respond();
    }, latencyMs);
    pending.add(timer);
  });

  const host = options.host ?? LOOPBACK;
  const port = await listen(server, options.port ?? MARKET_DATA_DEFAULT_PORT, host);
  const url = `http://${clientHost(host)}:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      // Requests still waiting out their latency are dropped with their connections.
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      await closeServer(server);
      await log.close();
    })();
    return stopped;
  };
  return { url, port, seed, logFile: log.path, stop, stats };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    console.log(usage("npm run sim:market-data --", MARKET_DATA_SETTINGS));
    return;
  }
  const options = marketDataOptionsFrom(argv, process.env);
  const simulator = await startMarketDataSimulator(options);
  console.log(`Market-data simulator listening on ${simulator.url} (seed ${simulator.seed})`);
  console.log(`  try    ${simulator.url}/reference-price?delivery_day=${new Date().toISOString().slice(0, 10)}&delivery_hour=12-13`);
  console.log(`  stats  ${simulator.url}/stats`);
  if (simulator.logFile) console.log(`  log    ${simulator.logFile}`);
  stopOnSignals(simulator.stop, () => console.log(`Market-data simulator stopped: ${JSON.stringify(simulator.stats())}`));
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
