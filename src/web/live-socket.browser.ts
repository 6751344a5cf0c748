// A WebSocket that keeps itself open: reconnects with a growing delay (1 s, 2 s, 5 s, … at most 30 s), waits while the
// browser is offline and reconnects as soon as it is back, and notices a connection that went silent (a ping every
// 25 s; no answer for 60 s counts as lost). It reports its state, so a page can say whether it is live.

export type LiveState =
  /** The first attempt. */
  | { kind: "connecting" }
  | { kind: "live"; since: number }
  /** Lost, or never made: the next attempt is at `retryAt`. */
  | { kind: "reconnecting"; retryAt: number }
  /** The browser says it has no network; no attempt until it is back. */
  | { kind: "offline"; since: number };

/** Delays before each further attempt; the last repeats. */
export const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000] as const;
/** A connection open this long was a good one: the next loss starts the delays over. */
const STABLE_MS = 10_000;
const PING_MS = 25_000;
const SILENT_MS = 60_000;

export interface LiveSocketOptions {
  url: string;
  /** After every open, the first one too: the place to catch up on what happened while not connected. */
  onOpen: () => void;
  /** Each JSON message; anything else (the server's "pong") is not passed on. */
  onMessage: (message: unknown) => void;
  onState: (state: LiveState) => void;
}

export function openLiveSocket({ url, onOpen, onMessage, onState }: LiveSocketOptions): { close(): void } {
  let socket: WebSocket | undefined;
  let attempts = 0;
  let openedAt = 0;
  let lastHeard = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let offlineSince: number | undefined;

  function offline(): void {
    clearTimeout(retryTimer);
    offlineSince ??= Date.now();
    onState({ kind: "offline", since: offlineSince });
  }

  function connect(): void {
    clearTimeout(retryTimer);
    if (closed) return;
    if (!navigator.onLine) {
      offline();
      return;
    }
    offlineSince = undefined;
    if (attempts === 0 && openedAt === 0) onState({ kind: "connecting" });
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      retry();
      return;
    }
    socket = ws;
    ws.addEventListener("open", () => {
      if (socket !== ws) return;
      openedAt = lastHeard = Date.now();
      onState({ kind: "live", since: openedAt });
      clearInterval(pingTimer);
      pingTimer = setInterval(() => keepAlive(ws), PING_MS);
      onOpen();
    });
    ws.addEventListener("message", (event) => {
      if (socket !== ws) return;
      lastHeard = Date.now();
      if (typeof event.data !== "string" || !event.data.startsWith("{")) return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      onMessage(message);
    });
    // An error is always followed by a close.
    ws.addEventListener("close", () => lost(ws));
  }

  function keepAlive(ws: WebSocket): void {
    if (Date.now() - lastHeard > SILENT_MS) {
      lost(ws);
      ws.close(4000, "silent");
      return;
    }
    if (ws.readyState === WebSocket.OPEN) ws.send("ping");
  }

  /** This socket is gone: forget it (its later events are ignored) and try again after the next delay. */
  function lost(ws: WebSocket): void {
    if (socket !== ws) return;
    socket = undefined;
    clearInterval(pingTimer);
    if (openedAt !== 0 && Date.now() - openedAt >= STABLE_MS) attempts = 0;
    openedAt = 0;
    if (closed) return;
    if (navigator.onLine) retry();
    else offline();
  }

  function retry(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(attempts, RECONNECT_DELAYS_MS.length - 1)]!;
    attempts++;
    onState({ kind: "reconnecting", retryAt: Date.now() + delay });
    retryTimer = setTimeout(connect, delay);
  }

  window.addEventListener("offline", () => {
    if (closed) return;
    const ws = socket;
    socket = undefined;
    clearInterval(pingTimer);
    openedAt = 0;
    ws?.close(1000, "offline");
    offline();
  });
  window.addEventListener("online", () => {
    attempts = 0;
    if (!socket && !closed) connect();
  });

  connect();
  return {
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const ws = socket;
      socket = undefined;
      ws?.close(1000, "page closed");
    },
  };
}
