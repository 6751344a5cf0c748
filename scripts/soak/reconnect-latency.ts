import type { ExchangeLogLine } from "../simulators/exchange-simulator";

export interface Reconnect {
  /** The connection the exchange dropped. */
  connection: number;
  /** When the exchange dropped it, epoch ms. */
  droppedAt: number;
  /** The next connection's number and open time; null when the client never came back. */
  nextConnection: number | null;
  reopenedAt: number | null;
  /** reopenedAt − droppedAt, never below 0; null when the client never came back. */
  ms: number | null;
}

export interface ReconnectSummary {
  drops: number;
  reconnected: number;
  medianMs: number | null;
  maxMs: number | null;
}

/**
 * Every connection the exchange closed on its own before `until` (the
 * moment the run stopped the simulator, whose own goodbyes are not drops),
 * with the time until the client's next connection opened.
 *
 * The drop is timed from the connection's last frame when it has one: the
 * simulator writes the close frame right after it, while its "close" line
 * only comes once the client has answered, which would flatter the figure.
 */
export function reconnectLatencies(log: readonly ExchangeLogLine[], until = Number.POSITIVE_INFINITY): Reconnect[] {
  const lastFrameAt = new Map<number, number>();
  const opens: Array<{ connection: number; t: number }> = [];
  const drops: Array<{ connection: number; t: number }> = [];
  for (const line of log) {
    if (line.kind === "open") opens.push({ connection: line.connection, t: line.t });
    else if (line.kind === "close") {
      if (line.by === "server" && line.t < until) drops.push({ connection: line.connection, t: line.t });
    } else if (line.kind !== "send_failed") lastFrameAt.set(line.connection, Math.max(lastFrameAt.get(line.connection) ?? 0, line.t));
  }
  opens.sort((a, b) => a.connection - b.connection);
  return drops.map(({ connection, t }) => {
    const droppedAt = Math.min(t, lastFrameAt.get(connection) ?? t);
    // Connections are numbered in the order they open, so the next one is the client's way back.
    const next = opens.find((open) => open.connection > connection);
    if (!next) return { connection, droppedAt, nextConnection: null, reopenedAt: null, ms: null };
    return { connection, droppedAt, nextConnection: next.connection, reopenedAt: next.t, ms: Math.max(0, next.t - droppedAt) };
  });
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarizeReconnects(reconnects: readonly Reconnect[]): ReconnectSummary {
  const times = reconnects
    .map((r) => r.ms)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  return {
    drops: reconnects.length,
    reconnected: times.length,
    medianMs: median(times),
    maxMs: times.length ? times[times.length - 1]! : null,
  };
}
