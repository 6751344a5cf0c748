import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { WebSocket, WebSocketServer } from "ws";
import { seededRandom } from "../lib/random";
import { usage } from "./cli-settings";
import { DEFAULT_TRADER_COUNT, type Deal, type MessageKey, type MessageKeyMode } from "./deal-generator";
import { EXCHANGE_DEFAULT_PORT, EXCHANGE_SETTINGS, type ExchangeSimulatorOptions, exchangeOptionsFrom } from "./exchange-options";
import { checkFrameShares, FramePlanner, type PlannedFrame } from "./frame-planner";
import { openJsonlLog } from "./jsonl-log";
import { type DealRate, framesDue, MAX_RATE, originDelayMs, tickIntervalMs } from "./pacing";
import { hashSeed, randomSeed } from "./seed-hash";
import { clientHost, closeServer, LOOPBACK, listen } from "./server-address";
import { isEntryPoint, stopOnSignals } from "./standalone";

export type { ExchangeSimulatorOptions } from "./exchange-options";

/** Close code the origin's server drops connections with ("internal error"). */
export const FORCED_DISCONNECT_CODE = 1011;
const GOING_AWAY_CODE = 1001;

export interface ExchangeStats {
  startedAt: string;
  seed: number;
  rate: DealRate;
  messageKey: MessageKeyMode;
  connectionsTotal: number;
  connectionsOpen: number;
  /** Frames written to a socket (deals + duplicates + malformed). */
  framesSent: number;
  /** Well-formed first sends: each is a unique deal id. */
  dealsSent: number;
  duplicatesSent: number;
  malformedSent: number;
  forcedDisconnects: number;
  /** Frames planned but not written because the socket failed or closed meanwhile (logged as "send_failed"). */
  sendErrors: number;
  clientMessagesIgnored: number;
}

/** A unique, well-formed deal that was written to a connection. */
export interface SentDeal {
  connection: number;
  seq: number;
  t: number;
  key: MessageKey;
  deal: Deal;
}

/**
 * One line of the JSONL log. Frame lines (`deal`, `duplicate`, `malformed`)
 * are written once the frame is on the socket, so the log holds exactly what
 * clients could receive; `open` and `close` lines bracket each connection.
 */
export type ExchangeLogLine =
  | { t: number; connection: number; seq: number; kind: "deal" | "duplicate"; id: string; frame: string }
  | { t: number; connection: number; seq: number; kind: "malformed"; defect: string; frame: string }
  | { t: number; connection: number; seq: number; kind: "send_failed"; planned: PlannedFrame["kind"]; id?: string; error: string }
  | { t: number; connection: number; kind: "open" }
  | { t: number; connection: number; kind: "close"; code: number; reason: string; by: "server" | "client" };

export interface ExchangeSimulator {
  url: string;
  port: number;
  seed: number;
  logFile: string | undefined;
  stop(): Promise<void>;
  stats(): ExchangeStats;
  sentDeals(): SentDeal[];
  /**
   * Changes the rate of every connection, open or future, from now on; 0
   * pauses them (sockets stay open). Benchmarks and soak runs vary the load
   * without dropping the client, which would cost it a reconnect.
   */
  setRate(rate: DealRate): void;
}

function checkRate(rate: DealRate): void {
  if (rate !== "origin" && !(rate >= 0 && rate <= MAX_RATE)) throw new Error(`rate must be "origin" or 0–${MAX_RATE} deals/s, got ${rate}`);
}

/**
 * A stand-in for the power exchange: a WebSocket server that pushes each
 * connection its own random stream of deal confirmations, never replays what
 * a client missed and ignores what clients send, with fault knobs for tests
 * and soak runs. GET /stats on the same port returns the counters.
 */
export async function startExchangeSimulator(options: ExchangeSimulatorOptions = {}): Promise<ExchangeSimulator> {
  const seed = options.seed ?? randomSeed();
  let rate: DealRate = options.rate ?? "origin";
  const messageKey = options.messageKey ?? "deal_confirmation";
  const disconnectEvery = options.disconnectEvery ?? 0;
  const clock = options.now ?? Date.now;
  const plannerOptions = {
    messageKey,
    traderCount: options.traderCount ?? DEFAULT_TRADER_COUNT,
    duplicateRate: options.duplicateRate ?? 0,
    malformedRate: options.malformedRate ?? 0,
  };
  checkFrameShares(plannerOptions);
  checkRate(rate);

  const log = openJsonlLog(options.logFile);
  const deals: SentDeal[] = [];
  const counters: ExchangeStats = {
    startedAt: new Date().toISOString(),
    seed,
    rate,
    messageKey,
    connectionsTotal: 0,
    connectionsOpen: 0,
    framesSent: 0,
    dealsSent: 0,
    duplicatesSent: 0,
    malformedSent: 0,
    forcedDisconnects: 0,
    sendErrors: 0,
    clientMessagesIgnored: 0,
  };
  const stats = (): ExchangeStats => ({ ...counters });

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats()));
      return;
    }
    res
      .writeHead(path === "/" ? 426 : 404, { "content-type": "text/plain" })
      .end("exchange simulator: connect with a WebSocket; GET /stats for counters\n");
  });
  const wss = new WebSocketServer({ server: http });
  let stopping = false;
  /** One per open connection: restarts its pacing at the current rate. */
  const pacers = new Set<() => void>();

  const serve = (socket: WebSocket): void => {
    if (stopping) {
      socket.close(GOING_AWAY_CODE, "simulator stopping");
      return;
    }
    const connection = ++counters.connectionsTotal;
    counters.connectionsOpen++;
    // Content and pacing draw from separate streams, so a seed gives the same deals at any rate.
    const planner = new FramePlanner(seededRandom(hashSeed(seed, connection)), plannerOptions);
    const pacingRandom = seededRandom(hashSeed(seed, connection, "pacing"));
    let seq = 0;
    let closingByServer = false;
    let timer: NodeJS.Timeout | undefined;
    log.write({ t: Date.now(), connection, kind: "open" } satisfies ExchangeLogLine);

    const written = (planned: PlannedFrame, frameSeq: number, error: Error | undefined): void => {
      const t = Date.now();
      if (error) {
        counters.sendErrors++;
        const id = planned.kind === "malformed" ? undefined : planned.id;
        log.write({
          t,
          connection,
          seq: frameSeq,
          kind: "send_failed",
          planned: planned.kind,
          id,
          error: error.message,
        } satisfies ExchangeLogLine);
        return;
      }
      counters.framesSent++;
      if (planned.kind === "malformed") {
        counters.malformedSent++;
        log.write({
          t,
          connection,
          seq: frameSeq,
          kind: "malformed",
          defect: planned.defect,
          frame: planned.frame,
        } satisfies ExchangeLogLine);
        return;
      }
      if (planned.kind === "deal") {
        counters.dealsSent++;
        deals.push({ connection, seq: frameSeq, t, key: planned.key, deal: planned.deal });
      } else {
        counters.duplicatesSent++;
      }
      log.write({ t, connection, seq: frameSeq, kind: planned.kind, id: planned.id, frame: planned.frame } satisfies ExchangeLogLine);
    };

    const stopTimer = (): void => {
      clearTimeout(timer);
      clearInterval(timer);
      timer = undefined;
    };
    const sendOne = (): void => {
      const planned = planner.next(clock());
      const frameSeq = ++seq;
      socket.send(planned.frame, (error) => written(planned, frameSeq, error ?? undefined));
      if (disconnectEvery > 0 && seq >= disconnectEvery) {
        stopTimer();
        closingByServer = true;
        counters.forcedDisconnects++;
        socket.close(FORCED_DISCONNECT_CODE, "forced disconnect");
      }
    };
    const canSend = () => socket.readyState === WebSocket.OPEN && !closingByServer;

    const pace = (): void => {
      stopTimer();
      if (!canSend()) return;
      if (rate === "origin") {
        const scheduleNext = (): void => {
          timer = setTimeout(() => {
            if (!canSend()) return;
            sendOne();
            if (canSend()) scheduleNext();
          }, originDelayMs(pacingRandom));
        };
        scheduleNext();
      } else if (rate > 0) {
        const perSecond = rate;
        // Counted from this (re)start, so a rate change neither owes nor forgives frames of the old rate.
        const pacedFrom = performance.now();
        const seqAtStart = seq;
        timer = setInterval(() => {
          const due = framesDue(performance.now() - pacedFrom, perSecond, seq - seqAtStart);
          for (let i = 0; i < due && canSend(); i++) sendOne();
        }, tickIntervalMs(perSecond));
      }
    };
    pacers.add(pace);
    pace();

    socket.on("message", () => counters.clientMessagesIgnored++);
    // A client that vanishes mid-frame must not take the simulator down; the close event follows.
    socket.on("error", () => {});
    socket.on("close", (code: number, reason: Buffer) => {
      pacers.delete(pace);
      stopTimer();
      counters.connectionsOpen--;
      log.write({
        t: Date.now(),
        connection,
        kind: "close",
        code,
        reason: reason.toString(),
        by: closingByServer || stopping ? "server" : "client",
      } satisfies ExchangeLogLine);
    });
  };
  wss.on("connection", serve);

  const host = options.host ?? LOOPBACK;
  const port = await listen(http, options.port ?? EXCHANGE_DEFAULT_PORT, host);
  const url = `ws://${clientHost(host)}:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      const closes = [...wss.clients].map(
        (socket) =>
          new Promise<void>((resolve) => {
            // Give each client a proper close frame, but do not wait on one that never answers.
            const kill = setTimeout(() => socket.terminate(), 1000);
            socket.once("close", () => {
              clearTimeout(kill);
              resolve();
            });
            socket.close(GOING_AWAY_CODE, "simulator stopping");
          }),
      );
      await Promise.all(closes);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(http);
      await log.close();
    })();
    return stopped;
  };

  const setRate = (next: DealRate): void => {
    checkRate(next);
    rate = next;
    counters.rate = next;
    for (const pace of pacers) pace();
  };

  return { url, port, seed, logFile: log.path, stop, stats, sentDeals: () => [...deals], setRate };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    console.log(usage("npm run sim:exchange --", EXCHANGE_SETTINGS));
    return;
  }
  const simulator = await startExchangeSimulator(exchangeOptionsFrom(argv, process.env));
  const settings = simulator.stats();
  const rate = settings.rate === "origin" ? "one deal every 5–10 s" : `${settings.rate} deals/s`;
  console.log(
    `Exchange simulator listening on ${simulator.url} (${rate} per connection, key ${settings.messageKey}, seed ${simulator.seed})`,
  );
  console.log(`  stats  ${simulator.url.replace(/^ws/, "http")}/stats`);
  if (simulator.logFile) console.log(`  log    ${simulator.logFile}`);
  stopOnSignals(simulator.stop, () => console.log(`Exchange simulator stopped: ${JSON.stringify(simulator.stats())}`));
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
