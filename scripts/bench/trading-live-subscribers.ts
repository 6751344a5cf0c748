/**
 * A fleet of plain `ws` clients on GET /v1/trading/live, each recording when its (trader, day)'s totals.trades first
 * reached each count: what the push-latency benchmark measures.
 */
import { WebSocket } from "ws";
import { liveUrl } from "../soak/feed-client";
import { recordTotals, type SubscriberRecord } from "./trading-live-results";

/** Subscribers connecting at once: the board accepts them one by one anyway, and this keeps the handshakes brisk. */
const CONNECT_BATCH = 50;
const HELLO_TIMEOUT_MS = 30_000;

export interface LiveSubscriber {
  traderId: string;
  socket: WebSocket;
  record: SubscriberRecord;
  /** "rows" messages received. */
  messages: number;
  /** The socket closed before the benchmark closed it. */
  closedEarly: boolean;
  closing: boolean;
}

interface RowsMessage {
  type: "rows";
  totals: { trades: number };
}

/** Opens one subscription and resolves once its hello arrived: from then on the board pushes it every change. */
function subscribe(baseUrl: string, traderId: string, day: string, baseline: number): Promise<LiveSubscriber> {
  return new Promise((resolve, reject) => {
    // workerd does not compress WebSocket messages; offering it would only cost the handshake.
    const socket = new WebSocket(liveUrl(baseUrl, traderId, day), { perMessageDeflate: false });
    const subscriber: LiveSubscriber = {
      traderId,
      socket,
      record: { traderId, baseline, satisfiedAt: [], lastTrades: baseline },
      messages: 0,
      closedEarly: false,
      closing: false,
    };
    let greeted = false;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no hello within ${HELLO_TIMEOUT_MS} ms`));
    }, HELLO_TIMEOUT_MS);
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      // Taken first, so parsing is not part of the latency.
      const receivedAt = Date.now();
      if (isBinary) return;
      const text = data.toString();
      if (text === "pong") return;
      const message = JSON.parse(text) as { type: string };
      if (message.type === "hello" && !greeted) {
        greeted = true;
        clearTimeout(timer);
        resolve(subscriber);
      } else if (message.type === "rows") {
        subscriber.messages++;
        recordTotals(subscriber.record, (message as RowsMessage).totals.trades, receivedAt);
      }
    });
    socket.on("error", (error: Error) => {
      if (greeted) return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on("close", (code: number) => {
      if (!subscriber.closing) subscriber.closedEarly = true;
      if (greeted) return;
      clearTimeout(timer);
      reject(new Error(`closed with ${code} before its hello`));
    });
  });
}

export interface Fleet {
  subscribers: LiveSubscriber[];
  /** Why each subscriber that never got its hello failed. */
  failures: string[];
  close(): Promise<void>;
}

/**
 * `count` subscribers spread round-robin over `traders` (all on `day`), each recording from `baselines` (the trader's
 * totals.trades before the measured deals). Resolves once every one has its hello or failed.
 */
export async function openFleet(
  baseUrl: string,
  day: string,
  traders: readonly string[],
  count: number,
  baselines: ReadonlyMap<string, number>,
): Promise<Fleet> {
  const subscribers: LiveSubscriber[] = [];
  const failures: string[] = [];
  for (let from = 0; from < count; from += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - from) }, (_, i) => traders[(from + i) % traders.length]!);
    const settled = await Promise.allSettled(batch.map((trader) => subscribe(baseUrl, trader, day, baselines.get(trader) ?? 0)));
    for (const outcome of settled) {
      if (outcome.status === "fulfilled") subscribers.push(outcome.value);
      else failures.push(outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
    }
  }
  const close = async (): Promise<void> => {
    await Promise.all(
      subscribers.map(
        (subscriber) =>
          new Promise<void>((resolve) => {
            subscriber.closing = true;
            if (subscriber.socket.readyState === WebSocket.CLOSED) {
              resolve();
              return;
            }
            const kill = setTimeout(() => subscriber.socket.terminate(), 2000);
            subscriber.socket.once("close", () => {
              clearTimeout(kill);
              resolve();
            });
            subscriber.socket.close(1000, "benchmark done");
          }),
      ),
    );
  };
  return { subscribers, failures, close };
}
