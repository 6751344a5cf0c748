import { type Env, parseNumber, readSettings, type Setting } from "./cli-settings";

export interface MarketDataSimulatorOptions {
  /** 0 picks a free port (tests). Default 5060, the origin's. */
  port?: number;
  /** Default 127.0.0.1: a test double has no business listening on the network. */
  host?: string;
  /** Delay before every answer, ms (default 0). */
  latencyMs?: number;
  /** Share (0–1) of valid, admitted requests answered 500. */
  errorRate?: number;
  /** Share (0–1) of would-be 200s answered 200 with an unusable body. */
  garbageRate?: number;
  /** Requests per minute before 429 with Retry-After (default 50; 0 = unlimited). */
  rateLimitPerMinute?: number;
  /** Requests per hour before 429 (default 1,000; 0 = unlimited). */
  rateLimitPerHour?: number;
  /** PRNG seed for prices and fault draws; by default a random one. */
  seed?: number;
  /** JSONL log of every request; none when unset. */
  logFile?: string;
  /** Clock for prices, last_update and the rate limit (tests). */
  now?: () => number;
}

export const MARKET_DATA_DEFAULT_PORT = 5060;

export const MARKET_DATA_SETTINGS: ReadonlyArray<Setting<MarketDataSimulatorOptions>> = [
  {
    flag: "port",
    env: "SIM_MARKET_DATA_PORT",
    help: "port to listen on (default 5060; 0 = any free port)",
    apply: (o, v) => (o.port = parseNumber(v, { min: 0, max: 65535, integer: true })),
  },
  { flag: "host", env: "SIM_MARKET_DATA_HOST", help: "address to listen on (default 127.0.0.1)", apply: (o, v) => (o.host = v) },
  {
    flag: "latency",
    env: "SIM_MARKET_DATA_LATENCY_MS",
    help: "delay before each answer, ms (default 0)",
    apply: (o, v) => (o.latencyMs = parseNumber(v, { min: 0, max: 600_000 })),
  },
  {
    flag: "error-rate",
    env: "SIM_MARKET_DATA_ERROR_RATE",
    help: "share of requests answered 500, 0–1 (default 0)",
    apply: (o, v) => (o.errorRate = parseNumber(v, { min: 0, max: 1 })),
  },
  {
    flag: "garbage-rate",
    env: "SIM_MARKET_DATA_GARBAGE_RATE",
    help: "share of 200s with a bad body, 0–1 (default 0)",
    apply: (o, v) => (o.garbageRate = parseNumber(v, { min: 0, max: 1 })),
  },
  {
    flag: "rate-limit",
    env: "SIM_MARKET_DATA_RATE_LIMIT",
    help: "requests per minute before 429 (default 50; 0 = unlimited)",
    apply: (o, v) => (o.rateLimitPerMinute = parseNumber(v, { min: 0, max: 1e9, integer: true })),
  },
  {
    flag: "rate-limit-hour",
    env: "SIM_MARKET_DATA_RATE_LIMIT_HOUR",
    help: "requests per hour before 429 (default 1000; 0 = unlimited)",
    apply: (o, v) => (o.rateLimitPerHour = parseNumber(v, { min: 0, max: 1e9, integer: true })),
  },
  {
    flag: "seed",
    env: "SIM_MARKET_DATA_SEED",
    help: "PRNG seed (default random)",
    apply: (o, v) => (o.seed = parseNumber(v, { min: 0, max: 2 ** 32 - 1, integer: true })),
  },
  { flag: "log", env: "SIM_MARKET_DATA_LOG", help: "JSONL file logging every request (default none)", apply: (o, v) => (o.logFile = v) },
];

export function marketDataOptionsFrom(argv: readonly string[], env: Env): MarketDataSimulatorOptions {
  return readSettings(MARKET_DATA_SETTINGS, argv, env, {});
}
