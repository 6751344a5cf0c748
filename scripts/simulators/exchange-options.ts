import { type Env, parseChoice, parseNumber, readSettings, type Setting } from "./cli-settings";
import { MESSAGE_KEY_MODES, type MessageKeyMode } from "./deal-generator";
import { type DealRate, MAX_RATE } from "./pacing";

export interface ExchangeSimulatorOptions {
  /** 0 picks a free port (tests). Default 5050, the origin's. */
  port?: number;
  /** Default 127.0.0.1: a test double has no business listening on the network. */
  host?: string;
  /** Deals per second per connection (up to 1,000; 0 starts paused, see setRate), or "origin" (one every 5–10 s, the default). */
  rate?: DealRate;
  messageKey?: MessageKeyMode;
  /** Share (0–1) of frames that re-send an earlier deal of the connection verbatim. */
  duplicateRate?: number;
  /** Share (0–1) of frames that are malformed (a mix of invalid JSON, missing fields, bad types, bad values, unknown key). */
  malformedRate?: number;
  /** Close each connection with code 1011 after this many frames; 0 or unset never does. */
  disconnectEvery?: number;
  /** Traders flex_trader_1 … flex_trader_N (default 5). */
  traderCount?: number;
  /** PRNG seed; by default a random one, so two runs never send the same deal ids. */
  seed?: number;
  /** JSONL log of every frame sent (and of each connection's open and close); none when unset. */
  logFile?: string;
  /** Clock for execution times (tests); pacing always uses the real clock. */
  now?: () => number;
}

export const EXCHANGE_DEFAULT_PORT = 5050;

export const EXCHANGE_SETTINGS: ReadonlyArray<Setting<ExchangeSimulatorOptions>> = [
  {
    flag: "port",
    env: "SIM_EXCHANGE_PORT",
    help: "port to listen on (default 5050; 0 = any free port)",
    apply: (o, v) => (o.port = parseNumber(v, { min: 0, max: 65535, integer: true })),
  },
  { flag: "host", env: "SIM_EXCHANGE_HOST", help: "address to listen on (default 127.0.0.1)", apply: (o, v) => (o.host = v) },
  {
    flag: "rate",
    env: "SIM_EXCHANGE_RATE",
    help: `deals per second per connection, up to ${MAX_RATE}, or "origin" for one every 5–10 s (default origin)`,
    apply: (o, v) => (o.rate = v === "origin" ? "origin" : parseNumber(v, { min: 0.001, max: MAX_RATE })),
  },
  {
    flag: "message-key",
    env: "SIM_EXCHANGE_MESSAGE_KEY",
    help: "deal_confirmation | trade_confirmation | mixed (default deal_confirmation)",
    apply: (o, v) => (o.messageKey = parseChoice(v, MESSAGE_KEY_MODES)),
  },
  {
    flag: "duplicate-rate",
    env: "SIM_EXCHANGE_DUPLICATE_RATE",
    help: "share of frames re-sending an earlier deal, 0–1 (default 0)",
    apply: (o, v) => (o.duplicateRate = parseNumber(v, { min: 0, max: 1 })),
  },
  {
    flag: "malformed-rate",
    env: "SIM_EXCHANGE_MALFORMED_RATE",
    help: "share of malformed frames, 0–1 (default 0)",
    apply: (o, v) => (o.malformedRate = parseNumber(v, { min: 0, max: 1 })),
  },
  {
    flag: "disconnect-every",
    env: "SIM_EXCHANGE_DISCONNECT_EVERY",
    help: "close each connection with 1011 after N frames (default 0 = never)",
    apply: (o, v) => (o.disconnectEvery = parseNumber(v, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true })),
  },
  {
    flag: "traders",
    env: "SIM_EXCHANGE_TRADERS",
    help: "number of traders flex_trader_1..N (default 5)",
    apply: (o, v) => (o.traderCount = parseNumber(v, { min: 1, max: 1000, integer: true })),
  },
  {
    flag: "seed",
    env: "SIM_EXCHANGE_SEED",
    help: "PRNG seed (default random)",
    apply: (o, v) => (o.seed = parseNumber(v, { min: 0, max: 2 ** 32 - 1, integer: true })),
  },
  { flag: "log", env: "SIM_EXCHANGE_LOG", help: "JSONL file logging every frame sent (default none)", apply: (o, v) => (o.logFile = v) },
];

export function exchangeOptionsFrom(argv: readonly string[], env: Env): ExchangeSimulatorOptions {
  const options = readSettings(EXCHANGE_SETTINGS, argv, env, {});
  if ((options.duplicateRate ?? 0) + (options.malformedRate ?? 0) > 1) throw new Error("duplicate-rate + malformed-rate must be at most 1");
  return options;
}
