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

/** The trading service adds the exchange and market-data simulators here. */
export const SIMULATORS: Simulator[] = [];
