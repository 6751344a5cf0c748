/**
 * Opens the outbound WebSocket with fetch + Upgrade rather than `new WebSocket()`: the handshake is a promise
 * that settles with the exchange's answer, so a refusal (HTTP status, DNS, timeout) is an error we can record
 * and back off from, instead of an anonymous "error" event.
 */
export async function openExchangeSocket(url: string, timeoutMs: number): Promise<WebSocket> {
  const target = new URL(url);
  if (target.protocol === "ws:") target.protocol = "http:";
  else if (target.protocol === "wss:") target.protocol = "https:";
  else throw new Error(`EXCHANGE_URL must be ws:// or wss://, got ${target.protocol}`);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no handshake within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(target.toString(), { headers: { Upgrade: "websocket" }, signal: controller.signal });
    const socket = response.webSocket;
    if (!socket) throw new Error(`exchange answered HTTP ${response.status} instead of upgrading`);
    socket.accept();
    return socket;
  } finally {
    // Cleared once answered: aborting after the upgrade would cut the live socket.
    clearTimeout(timer);
  }
}

/** The URL without credentials or query, fit for a public status page. */
export function publicExchangeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}
