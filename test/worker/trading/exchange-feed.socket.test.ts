import { env, runDurableObjectAlarm } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { DealsPage, DealsQueryError, FeedStatus } from "../../../src/features/trading/exchange-feed/feed-types";
import { expectedHours, expectHoursMatch, frameOf, randomDeals, type SentDeal, traderHours } from "../deal-frames";

/**
 * The feed against a real WebSocket: the Node exchange of test/worker/exchange-server.global-setup.ts, steered
 * over its HTTP control endpoint. Every feed that wakes in this run dials EXCHANGE_URL, so each test routes its
 * own feed's handshake to a channel (URL path) of its own, and only that feed receives the test's frames.
 */
const controlUrl = inject("exchangeControlUrl");
const handshakeUrl = inject("exchangeUrl").replace(/^ws/, "http");
let channel = "/";
const realFetch = globalThis.fetch;

beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url === handshakeUrl ? realFetch(`${handshakeUrl}${channel.slice(1)}`, init) : realFetch(input, init);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function exchange<T>(action: "send" | "close", body: Record<string, unknown>): Promise<T> {
  const response = await realFetch(`${controlUrl}/${action}`, { method: "POST", body: JSON.stringify({ channel, ...body }) });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function exchangeState(): Promise<{ open: number; connections: number; sent: string[] }> {
  return (await (await realFetch(`${controlUrl}/state?channel=${encodeURIComponent(channel)}`)).json()) as {
    open: number;
    connections: number;
    sent: string[];
  };
}

async function send(frames: string[]): Promise<void> {
  expect(await exchange<{ clients: number }>("send", { frames })).toEqual({ clients: 1, sent: frames.length });
}

/** Polls until `done` holds; the feed processes frames asynchronously from the test's point of view. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function connectedFeed(name: string) {
  channel = `/${name}`;
  return env.EXCHANGE_FEED.getByName(name);
}

type Feed = ReturnType<typeof connectedFeed>;

async function settled(feed: Feed, frames: number): Promise<FeedStatus> {
  return until(
    () => feed.status(),
    (s) => s.frames >= frames,
  );
}

/** Drives the watchdog alarm once the retry is due (the first retry comes within a second), until reconnected. */
async function reconnectByAlarm(feed: Feed): Promise<FeedStatus> {
  const down = await until(
    () => feed.status(),
    (s) => !s.connected,
  );
  const due = Date.parse(down.next_retry_at ?? new Date().toISOString());
  await until(
    async () => Date.now(),
    (now) => now >= due,
    2_000,
  );
  await runDurableObjectAlarm(feed);
  return until(
    () => feed.status(),
    (s) => s.connected,
  );
}

function page(answer: DealsPage | DealsQueryError): DealsPage {
  if ("error" in answer) throw new Error(answer.detail);
  return answer;
}

const space = { traders: ["ws_trader_1", "ws_trader_2"], days: ["2023-02-21"], hours: [6, 7, 8] };

describe("ExchangeFeed over a real WebSocket", () => {
  it("stores each deal once, counts duplicates and malformed frames, under both message keys", async () => {
    const feed = connectedFeed("socket-basic");
    expect(await feed.ensureConnected()).toMatchObject({ connected: true, reconnects: 0, last_error: null });
    expect((await exchangeState()).open).toBe(1);

    const deals = randomDeals(60, 7, space);
    const frames = deals.map((d, i) => frameOf(d, i % 2 ? "trade_confirmation" : "deal_confirmation"));
    const duplicates = deals.slice(0, 6).map((d) => frameOf(d, "trade_confirmation"));
    const malformed = [
      "{",
      JSON.stringify({ deal_confirmation: { ...deals[0], id: "short" } }),
      JSON.stringify({ trade_confirmation: { ...deals[1], quantity: -1 } }),
    ];
    await send([...frames.slice(0, 30), ...duplicates, ...malformed, ...frames.slice(30)]);

    const status = await settled(feed, 69);
    expect(status).toMatchObject({ connected: true, frames: 69, deals_stored: 60, duplicates_ignored: 6, malformed_rejected: 3 });
    expect(page(await feed.deals({ limit: 1000 })).deals.map((d) => d.id)).toEqual(deals.map((d) => d.id));
    for (const trader of space.traders)
      expectHoursMatch(await traderHours(feed, trader, "2023-02-21"), expectedHours(deals, trader, "2023-02-21"));
  });

  it("reconnects after the exchange closes with 1011, and stores the deals sent after it", async () => {
    const feed = connectedFeed("socket-1011");
    await feed.ensureConnected();
    const [before, after] = [randomDeals(10, 11, space), randomDeals(10, 12, space)];
    await send(before.map((d) => frameOf(d)));
    await settled(feed, 10);

    expect(await exchange("close", { code: 1011, reason: "keepalive ping timeout" })).toEqual({ closed: 1 });
    const down = await until(
      () => feed.status(),
      (s) => !s.connected,
    );
    expect(down.last_error).toMatch(/1011/);
    expect(Date.parse(down.next_retry_at!) - Date.parse(down.last_error_at!)).toBeLessThan(1_000);

    expect(await reconnectByAlarm(feed)).toMatchObject({ connected: true, reconnects: 1 });
    expect(await exchangeState()).toMatchObject({ open: 1, connections: 2 });
    await send(after.map((d) => frameOf(d)));
    expect(await settled(feed, 20)).toMatchObject({ deals_stored: 20, duplicates_ignored: 0 });
    expect(page(await feed.deals({ limit: 100 })).deals.map((d) => d.id)).toEqual([...before, ...after].map((d) => d.id));
  });

  it("survives a disconnect storm: every unique deal sent while connected is stored exactly once", async () => {
    const feed = connectedFeed("socket-storm");
    await feed.ensureConnected();
    const deals = randomDeals(150, 13, space);
    let sentFrames = 0;
    for (let round = 0; round < 5; round++) {
      const batch = deals.slice(round * 30, round * 30 + 30);
      // Each round repeats a few deals of the previous one, as an exchange replaying at the edge of a drop might.
      const repeats = round > 0 ? deals.slice(round * 30 - 3, round * 30) : [];
      const frames = [...repeats, ...batch].map((d, i) => frameOf(d, i % 3 ? "deal_confirmation" : "trade_confirmation"));
      await send(frames);
      sentFrames += frames.length;
      await exchange("close", { code: 1011, reason: "storm" });
      await reconnectByAlarm(feed);
    }
    const status = await settled(feed, sentFrames);

    const log = await exchangeState();
    const sentIds = new Set(log.sent.map((text) => (Object.values(JSON.parse(text) as Record<string, SentDeal>)[0] as SentDeal).id));
    const stored = page(await feed.deals({ limit: 1000 })).deals.map((d) => d.id);
    expect(new Set(stored)).toEqual(sentIds);
    expect(stored).toHaveLength(sentIds.size);
    expect(status).toMatchObject({ deals_stored: 150, duplicates_ignored: 12, reconnects: 5 });
    for (const trader of space.traders)
      expectHoursMatch(await traderHours(feed, trader, "2023-02-21"), expectedHours(deals, trader, "2023-02-21"));
  });

  it("reconnects on its own, within about a second, when nobody drives the alarm", async () => {
    const feed = connectedFeed("socket-auto");
    await feed.ensureConnected();
    await send(randomDeals(1, 17, space).map((d) => frameOf(d)));
    await settled(feed, 1);
    const droppedAt = Date.now();
    await exchange("close", { code: 1011, reason: "drop" });
    await until(
      () => feed.status(),
      (s) => s.connected && s.reconnects === 1,
      3_000,
    );
    expect(Date.now() - droppedAt).toBeLessThan(2_000);
  });

  it("gives up a line silent for 60 s and opens a new one", async () => {
    const feed = connectedFeed("socket-silent");
    await feed.ensureConnected();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      await runDurableObjectAlarm(feed);
      const down = await feed.status();
      expect(down.connected).toBe(false);
      expect(down.last_error).toMatch(/no frame for 6\d s/);
      vi.setSystemTime(Date.now() + 2_000);
      await runDurableObjectAlarm(feed);
      expect(
        await until(
          () => feed.status(),
          (s) => s.connected,
        ),
      ).toMatchObject({ reconnects: 1 });
      expect(await until(exchangeState, (s) => s.connections === 2)).toMatchObject({ open: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("records a refused handshake and backs off instead of failing the caller", async () => {
    channel = "/socket-refused";
    const feed = env.EXCHANGE_FEED.getByName("socket-refused");
    const spy = vi.mocked(globalThis.fetch);
    spy.mockImplementationOnce(async () => new Response("maintenance", { status: 503 }));
    const status = await feed.ensureConnected();
    expect(status).toMatchObject({ connected: false, last_error: expect.stringMatching(/HTTP 503/) });
    expect(Date.parse(status.next_retry_at!)).toBeGreaterThan(Date.now() - 1);
    expect(await reconnectByAlarm(feed)).toMatchObject({ connected: true, reconnects: 0 });
  });
});
