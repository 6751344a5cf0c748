import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../../../lib/env";

/**
 * Broadcasts every computed production plan to the WebSocket clients of
 * GET /v1/productionplan/feed. It uses the hibernation API: idle
 * connections cost nothing, and the object wakes only to broadcast.
 */
export class ProductionPlanFeed extends DurableObject<Bindings> {
  override async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "hello", subscribers: this.ctx.getWebSockets().length }));
    return new Response(null, { status: 101, webSocket: client, headers: { "X-Request-Id": request.headers.get("X-Request-Id") ?? "" } });
  }

  /** Sends one plan message to every connected client; returns how many received it. */
  async broadcast(message: string): Promise<number> {
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
        sent++;
      } catch {
        // A socket closing under us is dropped by the runtime; the others still get the plan.
      }
    }
    return sent;
  }

  async subscriberCount(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  /** Clients only listen; a "ping" gets a "pong" so they can check the line. */
  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") socket.send(JSON.stringify({ type: "pong" }));
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    socket.close(code === 1005 ? 1000 : code, "closing");
  }
}
