import type { DealsPage, FeedStatus } from "../../src/features/trading/exchange-feed/feed-types";
import { readCrons } from "../lib/wrangler-config";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export function feedStatus(baseUrl: string): Promise<FeedStatus> {
  return getJson<FeedStatus>(`${baseUrl}/v1/trading/feed`);
}

/** Every stored deal id, in the feed's order, through the public pagination (repeats kept, so a double shows). */
export async function allDealIds(baseUrl: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: DealsPage = await getJson<DealsPage>(`${baseUrl}/v1/trading/deals?limit=1000${query}`);
    for (const deal of page.deals) ids.push(deal.id);
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

/** Runs the Worker's Cron Trigger once through wrangler dev's test route: what wakes the feed in production. */
export async function fireCron(baseUrl: string): Promise<void> {
  const cron = readCrons()[0] ?? "* * * * *";
  const response = await fetch(`${baseUrl}/__scheduled?cron=${encodeURIComponent(cron)}`, { signal: AbortSignal.timeout(60_000) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`the cron run answered ${response.status}`);
}

/** Polls the feed until `done` holds; resolves with the last status and whether it held before the timeout. */
export async function waitForFeed(
  baseUrl: string,
  done: (status: FeedStatus) => boolean,
  { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number },
): Promise<{ status: FeedStatus; met: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await feedStatus(baseUrl);
    if (done(status)) return { status, met: true };
    if (Date.now() >= deadline) return { status, met: false };
    await sleep(intervalMs);
  }
}

/** Fires the cron unless the feed is already connected, then waits until it is. */
export async function connectFeed(baseUrl: string, timeoutMs = 20_000): Promise<FeedStatus> {
  const first = await feedStatus(baseUrl);
  if (first.connected) return first;
  await fireCron(baseUrl);
  const { status, met } = await waitForFeed(baseUrl, (s) => s.connected, { timeoutMs });
  if (!met) throw new Error(`the exchange feed did not connect within ${timeoutMs} ms (last error: ${status.last_error ?? "none"})`);
  return status;
}

/**
 * Waits until the feed has handled every frame the exchange wrote: frames
 * still in a socket buffer or in the Durable Object's queue would otherwise
 * count as lost.
 */
export function waitForDrain(baseUrl: string, framesSent: number, timeoutMs = 60_000): Promise<{ status: FeedStatus; met: boolean }> {
  return waitForFeed(baseUrl, (s) => s.frames >= framesSent, { timeoutMs });
}

/** GET /v1/trading/traders/{trader_id}/report of one delivery day: path and query. */
export function reportPath(traderId: string, day: string): string {
  return `/v1/trading/traders/${encodeURIComponent(traderId)}/report?delivery_day=${day}`;
}

/** The live board's WebSocket URL for a trader's delivery day (GET /v1/trading/live with Upgrade: websocket). */
export function liveUrl(baseUrl: string, traderId: string, day: string): string {
  const query = new URLSearchParams({ trader_id: traderId, delivery_day: day });
  return `${baseUrl.replace(/^http/, "ws")}/v1/trading/live?${query}`;
}
