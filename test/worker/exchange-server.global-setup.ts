import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { type WebSocket, WebSocketServer } from "ws";

declare module "vitest" {
  export interface ProvidedContext {
    /** ws:// URL of the test exchange; the worker project's EXCHANGE_URL. */
    exchangeUrl: string;
    /** http:// base of the test exchange's control endpoint. */
    exchangeControlUrl: string;
  }
}

/**
 * A stand-in for the exchange that tests steer over HTTP, so workerd tests (which cannot reach Node objects)
 * decide exactly which frames the Durable Object receives and when the line drops.
 *
 * The URL path of a WebSocket connection is its channel. Test files run in parallel and every Durable Object
 * that wakes connects to EXCHANGE_URL, so a test that sends frames picks its own channel and only its own
 * connections receive them.
 *
 * Control (JSON bodies):
 *   POST /control/send  {channel, frames: string[]}          → {clients, sent}
 *   POST /control/close {channel, code?, reason?}            → {closed}
 *   GET  /control/state?channel=…                            → {open, connections, sent: string[]}
 */
interface Channel {
  sockets: Set<WebSocket>;
  connections: number;
  sent: string[];
}

const channels = new Map<string, Channel>();

function channel(name: string): Channel {
  let found = channels.get(name);
  if (!found) {
    found = { sockets: new Set(), connections: 0, sent: [] };
    channels.set(name, found);
  }
  return found;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Resolves once every frame is handed to the OS, so a test never races its own send. */
function sendAll(socket: WebSocket, frames: string[]): Promise<void> {
  return Promise.all(
    frames.map((frame) => new Promise<void>((resolve, reject) => socket.send(frame, (error) => (error ? reject(error) : resolve())))),
  ).then(() => undefined);
}

async function control(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "GET" && url.pathname === "/control/state") {
    const state = channel(url.searchParams.get("channel") ?? "/");
    return reply(response, 200, { open: state.sockets.size, connections: state.connections, sent: state.sent });
  }
  if (request.method === "POST" && url.pathname === "/control/send") {
    const body = await readJson(request);
    const state = channel(String(body.channel ?? "/"));
    const frames = (body.frames as string[] | undefined) ?? [];
    const open = [...state.sockets];
    await Promise.all(open.map((socket) => sendAll(socket, frames)));
    // Like the real exchange's log: what went out on the wire, once per frame, only when someone listened.
    if (open.length > 0) state.sent.push(...frames);
    return reply(response, 200, { clients: open.length, sent: open.length > 0 ? frames.length : 0 });
  }
  if (request.method === "POST" && url.pathname === "/control/close") {
    const body = await readJson(request);
    const state = channel(String(body.channel ?? "/"));
    const open = [...state.sockets];
    for (const socket of open) socket.close(Number(body.code ?? 1011), String(body.reason ?? "closed by test"));
    return reply(response, 200, { closed: open.length });
  }
  reply(response, 404, { error: `no control route ${request.method} ${url.pathname}` });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer((request, response) => {
    control(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  const exchange = new WebSocketServer({ server });
  exchange.on("connection", (socket, request) => {
    const state = channel(new URL(request.url ?? "/", "http://localhost").pathname);
    state.connections++;
    state.sockets.add(socket);
    socket.on("close", () => state.sockets.delete(socket));
    // The real exchange ignores what clients send; so does this one.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("exchangeUrl", `ws://127.0.0.1:${port}/`);
  project.provide("exchangeControlUrl", `http://127.0.0.1:${port}/control`);

  return async () => {
    for (const socket of exchange.clients) socket.terminate();
    await new Promise<void>((resolve) => exchange.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
