import { createExecutionContext, env } from "cloudflare:test";
import { expect } from "vitest";
import type { TraderReportView } from "../../../src/features/trading/trader-report";
import type { HelloMessage, ReportRowsMessage } from "../../../src/features/trading/trading-board/board-protocol";
import { tradingBoard } from "../../../src/features/trading/trading-board/trading-board-stub";
import worker from "../../../src/index";
import { call } from "../helpers";

/**
 * Dashboards subscribed to the live board through the Worker's route (GET /v1/trading/live, as a browser connects),
 * each recording what the board sends it, and the bounded waits the board tests need.
 */

export interface Closed {
  code: number;
  reason: string;
}

export interface Subscriber {
  traderId: string;
  deliveryDay: string;
  socket: WebSocket;
  /** Every text message, in arrival order ("pong" as is, the board's JSON unparsed). */
  texts: string[];
  closed: Closed | null;
  /** The "rows" pushes received so far. */
  rows(): ReportRowsMessage[];
}

const open = new Set<Subscriber>();

export function liveUrl(traderId: string, deliveryDay: string): string {
  return `/v1/trading/live?trader_id=${encodeURIComponent(traderId)}&delivery_day=${encodeURIComponent(deliveryDay)}`;
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How a test reaches the Worker: "loopback" is the test pool's `exports.default.fetch`, as a client on the internet
 * (helpers.ts' call); "handler" calls the Worker's own fetch handler in the test's isolate. Each WebSocket the loopback
 * leaves open makes the next request through it slower (the pool's cost, not the Worker's: the handler's time stays
 * flat), so many sockets at once are opened through the handler.
 */
export type Route = "loopback" | "handler";

function request(path: string, route: Route, init: RequestInit): Promise<Response> {
  if (route === "loopback") return call(path, init);
  return Promise.resolve(worker.fetch(new Request(`https://energy-edge.test${path}`, init), env, createExecutionContext()));
}

/** Connects a dashboard of (trader, day) and waits for the board's hello. */
export async function subscribe(traderId: string, deliveryDay: string, route: Route = "loopback"): Promise<Subscriber> {
  const response = await request(liveUrl(traderId, deliveryDay), route, { headers: { Upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket;
  if (!socket) throw new Error("a 101 without a WebSocket");
  const subscriber: Subscriber = {
    traderId,
    deliveryDay,
    socket,
    texts: [],
    closed: null,
    rows: () =>
      subscriber.texts
        .filter((text) => text.startsWith("{"))
        .map((text) => JSON.parse(text) as ReportRowsMessage | HelloMessage)
        .filter((message): message is ReportRowsMessage => message.type === "rows"),
  };
  socket.addEventListener("message", (event) => {
    subscriber.texts.push(typeof event.data === "string" ? event.data : `<binary ${event.data.byteLength} bytes>`);
  });
  socket.addEventListener("close", (event) => {
    subscriber.closed = { code: event.code, reason: event.reason };
  });
  socket.accept();
  open.add(subscriber);
  await waitUntil(() => subscriber.texts.length > 0, `the hello of ${traderId} ${deliveryDay}`);
  expect(JSON.parse(subscriber.texts[0]!)).toEqual({ type: "hello", trader_id: traderId, delivery_day: deliveryDay });
  return subscriber;
}

/** Closes every socket the tests opened and waits until the board holds none. */
export async function closeAll(): Promise<void> {
  for (const subscriber of open) {
    if (!subscriber.closed) {
      try {
        subscriber.socket.close(1000, "test over");
      } catch {
        // Already closing.
      }
    }
  }
  open.clear();
  await waitUntil(async () => (await tradingBoard(env).subscriberCount()) === 0, "the board to drop every subscriber", 20_000);
}

export interface ReportJson {
  rows: TraderReportView["rows"];
  totals: TraderReportView["totals"];
}

/** GET /v1/trading/traders/{id}/report, what a dashboard reads. */
export async function reportOf(traderId: string, deliveryDay: string): Promise<ReportJson> {
  const response = await call(`/v1/trading/traders/${encodeURIComponent(traderId)}/report?delivery_day=${deliveryDay}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ReportJson;
}
