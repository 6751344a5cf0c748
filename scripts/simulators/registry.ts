import { join } from "node:path";
import { ROOT } from "../lib/paths";
import { EXCHANGE_DEFAULT_PORT, exchangeOptionsFrom } from "./exchange-options";
import { startExchangeSimulator } from "./exchange-simulator";
import { MARKET_DATA_DEFAULT_PORT, marketDataOptionsFrom } from "./market-data-options";
import { startMarketDataSimulator } from "./market-data-simulator";

/** The Worker vars that name upstreams: set in the environment, they point the local Worker at a real one. */
export const UPSTREAM_VARS = ["EXCHANGE_URL", "MARKET_DATA_URL"] as const;

/** A local stand-in for an upstream the Worker talks to (the exchange, the market-data provider). */
export interface Simulator {
  name: string;
  /** The Worker var that points at this upstream; when set in the environment, the simulator is not started. */
  urlVar: (typeof UPSTREAM_VARS)[number];
  defaultPort: number;
  start(port: number): Promise<{ url: string; stop(): Promise<void> }>;
}

/** A per-run log under .wrangler/ (git-ignored), named by start time so runs never overwrite each other. */
function runLogFile(name: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return join(ROOT, ".wrangler", "simulators", `${name}-${stamp}.jsonl`);
}

/**
 * Under `npm start` the simulators behave like the origin's upstreams (one
 * deal every 5–10 s per connection, 50 price requests a minute); the SIM_*
 * environment variables (see `npm run sim:exchange -- --help`) change that.
 */
export const SIMULATORS: Simulator[] = [
  {
    name: "exchange",
    urlVar: "EXCHANGE_URL",
    defaultPort: EXCHANGE_DEFAULT_PORT,
    async start(port) {
      const simulator = await startExchangeSimulator({ logFile: runLogFile("exchange"), ...exchangeOptionsFrom([], process.env), port });
      console.log(`Exchange simulator log: ${simulator.logFile} (seed ${simulator.seed})`);
      return simulator;
    },
  },
  {
    name: "market-data",
    urlVar: "MARKET_DATA_URL",
    defaultPort: MARKET_DATA_DEFAULT_PORT,
    async start(port) {
      const simulator = await startMarketDataSimulator({
        logFile: runLogFile("market-data"),
        ...marketDataOptionsFrom([], process.env),
        port,
      });
      console.log(`Market-data simulator log: ${simulator.logFile} (seed ${simulator.seed})`);
      return simulator;
    },
  },
];
