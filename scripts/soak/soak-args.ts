import { parseArgs } from "node:util";
import { MAX_RATE } from "../simulators/pacing";

export interface TradingSoakSettings {
  /** Deals per second the exchange sends. */
  rate: number;
  minutes: number;
  /** Shares (0–1) of duplicate and malformed frames. */
  duplicate: number;
  malformed: number;
  /** Frames per connection before the exchange drops it with 1011; 0 never does. */
  disconnectEvery: number;
  /** wrangler dev's port: not 8787 (npm start) nor 8799 (npm run bench), so a soak can run beside them. */
  port: number;
  seed?: number;
  /** The bound on the time from a drop to the next connection. */
  maxReconnectMs: number;
  /** WebSocket subscribers of the live board, cut at each forced drop and compared with the report at the end; 0: none. */
  subscribers: number;
}

/** The soak: 100 deals/s for 5 minutes, 1 % duplicates, 1 % malformed, a drop every 2,000 frames. */
export const TRADING_SOAK_DEFAULTS: TradingSoakSettings = {
  rate: 100,
  minutes: 5,
  duplicate: 0.01,
  malformed: 0.01,
  disconnectEvery: 2000,
  port: 8797,
  maxReconnectMs: 2000,
  subscribers: 100,
};

export const SOAK_USAGE = `Usage: npm run soak -- trading [--rate 100] [--minutes 5] [--duplicate 0.01] [--malformed 0.01]
                             [--disconnect-every 2000] [--port 8797] [--seed N] [--max-reconnect-ms 2000]
                             [--subscribers 100]`;

function numberFlag(
  raw: string | undefined,
  fallback: number,
  flag: string,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean },
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Error(`--${flag} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads `trading [flags]`; throws with the usage on anything else. */
export function parseSoakArgs(argv: readonly string[]): { target: "trading"; settings: TradingSoakSettings } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      rate: { type: "string" },
      minutes: { type: "string" },
      duplicate: { type: "string" },
      malformed: { type: "string" },
      "disconnect-every": { type: "string" },
      port: { type: "string" },
      seed: { type: "string" },
      "max-reconnect-ms": { type: "string" },
      subscribers: { type: "string" },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== "trading") throw new Error(`unknown soak "${positionals.join(" ")}"\n${SOAK_USAGE}`);
  const d = TRADING_SOAK_DEFAULTS;
  const settings: TradingSoakSettings = {
    rate: numberFlag(values.rate, d.rate, "rate", { min: 0.001, max: MAX_RATE }),
    minutes: numberFlag(values.minutes, d.minutes, "minutes", { min: 0.05, max: 24 * 60 }),
    duplicate: numberFlag(values.duplicate, d.duplicate, "duplicate", { min: 0, max: 1 }),
    malformed: numberFlag(values.malformed, d.malformed, "malformed", { min: 0, max: 1 }),
    disconnectEvery: numberFlag(values["disconnect-every"], d.disconnectEvery, "disconnect-every", {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    }),
    port: numberFlag(values.port, d.port, "port", { min: 1, max: 65535, integer: true }),
    seed: values.seed === undefined ? undefined : numberFlag(values.seed, 0, "seed", { min: 0, max: 2 ** 32 - 1, integer: true }),
    maxReconnectMs: numberFlag(values["max-reconnect-ms"], d.maxReconnectMs, "max-reconnect-ms", { min: 1, max: 600_000, integer: true }),
    subscribers: numberFlag(values.subscribers, d.subscribers, "subscribers", { min: 0, max: 5000, integer: true }),
  };
  if (settings.duplicate + settings.malformed > 1) throw new Error("--duplicate + --malformed must be at most 1");
  return { target: "trading", settings };
}
