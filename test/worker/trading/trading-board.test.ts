import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exchangeFeed } from "../../../src/features/trading/exchange-feed/exchange-feed-stub";
import { refreshReferencePrices } from "../../../src/features/trading/reference-prices/reference-price-refresh";
import type { StoredPrice } from "../../../src/features/trading/reference-prices/reference-price-store";
import { subscriptionTag } from "../../../src/features/trading/trading-board/board-protocol";
import { tradingBoard } from "../../../src/features/trading/trading-board/trading-board-stub";
import { frameOf, ingestFrame, type SentDeal } from "../deal-frames";
import { call, expectProblem } from "../helpers";
import { closeAll, liveUrl, reportOf, type Subscriber, sleep, subscribe, waitUntil } from "./board-sockets";

/**
 * The live board (TradingBoard) end to end: dashboards subscribe through GET /v1/trading/live, deals reach the
 * ExchangeFeed through its own ingestion (the path the exchange socket's frames take), and the feed's hand-off to the
 * board pushes the changed rows. Each test uses traders of its own, so the pushes of one never reach another's sockets.
 */

/** How long a socket that should get nothing is watched after the expected pushes arrived. */
const QUIET_MS = 300;

const DAY1 = "2023-02-21";
const DAY2 = "2023-02-22";

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}-${String(h + 1).padStart(2, "0")}`;

function deal(trader: string, day: string, hour: number, price: number, quantity: number, direction: "buy" | "sell"): SentDeal {
  return {
    id: crypto.randomUUID().replaceAll("-", ""),
    price,
    quantity,
    direction,
    delivery_day: day,
    delivery_hour: hourLabel(hour),
    trader_id: trader,
    execution_time: `${day}T08:00:00+01:00`,
  };
}

async function store(sent: SentDeal): Promise<void> {
  expect(await ingestFrame(exchangeFeed(env), frameOf(sent))).toEqual({ outcome: "stored", id: sent.id });
}

const pushCount = (subscriber: Subscriber) => subscriber.rows().length;

/** Waits until each subscriber holds `count` pushes, then QUIET_MS more, and checks no socket got more than expected. */
async function expectPushes(expected: Array<[Subscriber, number]>): Promise<void> {
  await waitUntil(() => expected.every(([subscriber, count]) => pushCount(subscriber) >= count), "the expected pushes");
  await sleep(QUIET_MS);
  expect(expected.map(([subscriber]) => pushCount(subscriber))).toEqual(expected.map(([, count]) => count));
}

const last = (subscriber: Subscriber) => subscriber.rows().at(-1)!;

/** The push carries exactly the report's rows of `hours` and its totals, and each row rendered as the page does. */
async function expectPushMatchesReport(subscriber: Subscriber, hours: string[]): Promise<void> {
  const push = last(subscriber);
  const report = await reportOf(subscriber.traderId, subscriber.deliveryDay);
  expect(push.trader_id).toBe(subscriber.traderId);
  expect(push.delivery_day).toBe(subscriber.deliveryDay);
  expect(push.rows.map((row) => row.delivery_hour)).toEqual(hours);
  expect(push.rows).toEqual(report.rows.filter((row) => hours.includes(row.delivery_hour)));
  expect(push.totals).toEqual(report.totals);
  expect(Object.keys(push.html.rows).sort()).toEqual(hours);
  for (const hour of hours) {
    expect(push.html.rows[hour]).toMatch(/^<tr /);
    expect(push.html.rows[hour]).toContain(`data-hour="${hour}"`);
  }
  expect(push.html.totals).toMatch(/^<tr/);
}

afterEach(async () => {
  vi.restoreAllMocks();
  await closeAll();
});

describe("GET /v1/trading/live", () => {
  it("upgrades to a WebSocket and says hello with the subscription", async () => {
    const subscriber = await subscribe("live_trader", DAY1);
    expect(subscriber.texts).toEqual([JSON.stringify({ type: "hello", trader_id: "live_trader", delivery_day: DAY1 })]);
    expect(await tradingBoard(env).subscriberCount()).toBe(1);
  });

  it("answers 426 without an Upgrade header", async () => {
    const body = await expectProblem(await call(liveUrl("live_trader", DAY1)), 426);
    expect(body.detail).toContain("Upgrade: websocket");
    expect(await tradingBoard(env).subscriberCount()).toBe(0);
  });

  it("answers 422 for a bad delivery day or an empty trader", async () => {
    const upgrade = { headers: { Upgrade: "websocket" } };
    for (const day of ["2023-02-30", "21-02-2023", ""]) {
      const body = await expectProblem(await call(liveUrl("live_trader", day), upgrade), 422);
      expect(body.errors?.map((e) => e.pointer)).toEqual(["/delivery_day"]);
    }
    const body = await expectProblem(await call(liveUrl("", DAY1), upgrade), 422);
    expect(body.errors?.map((e) => e.pointer)).toEqual(["/trader_id"]);
    expect(await expectProblem(await call(`/v1/trading/live?delivery_day=${DAY1}`, upgrade), 422)).toMatchObject({
      errors: [{ pointer: "/trader_id" }],
    });
    expect(await tradingBoard(env).subscriberCount()).toBe(0);
  });
});

describe("pushes", () => {
  it("reach exactly the sockets of the deal's (trader, day), with only the rows that changed", async () => {
    const [a1, a1b, a2, b1] = await Promise.all([
      subscribe("fan_a", DAY1),
      subscribe("fan_a", DAY1),
      subscribe("fan_a", DAY2),
      subscribe("fan_b", DAY1),
    ]);
    await store(deal("fan_a", DAY1, 7, 41.5, 2.5, "buy"));
    await expectPushes([
      [a1!, 1],
      [a1b!, 1],
      [a2!, 0],
      [b1!, 0],
    ]);
    await expectPushMatchesReport(a1!, ["07-08"]);
    expect(last(a1b!)).toEqual(last(a1!));

    // Another hour: the push holds that row only, the 07-08 row is unchanged.
    await store(deal("fan_a", DAY1, 15, 55.25, 1.2, "sell"));
    await expectPushes([
      [a1!, 2],
      [a1b!, 2],
      [a2!, 0],
      [b1!, 0],
    ]);
    await expectPushMatchesReport(a1!, ["15-16"]);
    expect(last(a1!).totals.trades).toBe(2);

    // The same hour again: that row changes, the other does not.
    await store(deal("fan_a", DAY1, 7, 39, 1, "sell"));
    await expectPushes([
      [a1!, 3],
      [a1b!, 3],
      [a2!, 0],
      [b1!, 0],
    ]);
    await expectPushMatchesReport(a1!, ["07-08"]);
    expect(last(a1!).rows[0]).toMatchObject({ trades: 2, bought_mw: 2.5, sold_mw: 1 });

    // The other subscriptions hear of their own deals only.
    await store(deal("fan_b", DAY1, 7, 12, 3, "buy"));
    await expectPushes([
      [a1!, 3],
      [a2!, 0],
      [b1!, 1],
    ]);
    await expectPushMatchesReport(b1!, ["07-08"]);
  });

  it("stop for a closed socket, and the board drops it", async () => {
    const board = tradingBoard(env);
    const [leaving, staying] = await Promise.all([subscribe("bye_trader", DAY1), subscribe("bye_trader", DAY1)]);
    expect(await board.subscriberCount()).toBe(2);

    leaving!.socket.close(1000, "page closed");
    await waitUntil(async () => (await board.subscriberCount()) === 1, "the board to drop the closed socket");
    const tagged = await runInDurableObject(board, (_instance, state) => state.getWebSockets(subscriptionTag("bye_trader", DAY1)).length);
    expect(tagged).toBe(1);

    await store(deal("bye_trader", DAY1, 9, 30, 1, "buy"));
    await expectPushes([
      [staying!, 1],
      [leaving!, 0],
    ]);
    await expectPushMatchesReport(staying!, ["09-10"]);

    staying!.socket.close(1000, "page closed");
    await waitUntil(async () => (await board.subscriberCount()) === 0, "the board to drop the last socket");
  });
});

describe("client messages", () => {
  it("answer ping with pong, close a socket on an unknown (1008) or oversized (1009) message, and spare the others", async () => {
    const [talker, big, binary, pinger, quiet] = await Promise.all(Array.from({ length: 5 }, () => subscribe("msg_trader", DAY1)));

    pinger!.socket.send("ping");
    await waitUntil(() => pinger!.texts.includes("pong"), "pong");

    talker!.socket.send("hello");
    big!.socket.send("x".repeat(300));
    binary!.socket.send(new Uint8Array(300));
    await waitUntil(() => talker!.closed !== null && big!.closed !== null && binary!.closed !== null, "the refused sockets to close");
    expect(talker!.closed).toMatchObject({ code: 1008, reason: expect.stringMatching(/\S/) });
    expect(big!.closed).toMatchObject({ code: 1009, reason: expect.stringMatching(/\S/) });
    expect(binary!.closed).toMatchObject({ code: 1009 });
    await waitUntil(async () => (await tradingBoard(env).subscriberCount()) === 2, "the board to drop the refused sockets");

    // A message of exactly 256 bytes is not too big: it is merely unknown.
    const edge = await subscribe("msg_trader", DAY1);
    edge.socket.send("y".repeat(256));
    await waitUntil(() => edge.closed !== null, "the 256-byte sender to close");
    expect(edge.closed?.code).toBe(1008);

    pinger!.socket.send("ping");
    await waitUntil(() => pinger!.texts.filter((text) => text === "pong").length === 2, "a second pong");
    expect(pinger!.closed).toBeNull();
    expect(quiet!.closed).toBeNull();

    await store(deal("msg_trader", DAY1, 3, 20, 1, "buy"));
    await expectPushes([
      [pinger!, 1],
      [quiet!, 1],
      [talker!, 0],
      [big!, 0],
    ]);
    await expectPushMatchesReport(quiet!, ["03-04"]);
  });

  // 300 bytes of "€" are 100 UTF-16 code units: the limit is in bytes.
  it("count an oversized message in bytes, not in UTF-16 code units", async () => {
    const subscriber = await subscribe("msg_bytes", DAY1);
    // 100 characters, 300 bytes of UTF-8: over the 256-byte limit.
    subscriber.socket.send("€".repeat(100));
    await waitUntil(() => subscriber.closed !== null, "the socket to close");
    expect(subscriber.closed?.code).toBe(1009);
  });
});

describe("reference prices", () => {
  const priceDay = "2023-03-14";
  const otherDay = "2023-03-15";
  const now = Date.parse(`${priceDay}T05:00:00Z`);

  function provider(value: number) {
    return vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return Response.json({
        delivery_day: url.searchParams.get("delivery_day"),
        delivery_hour: url.searchParams.get("delivery_hour"),
        last_update: `${priceDay}T04:50:00+00:00`,
        unit: "euro/mwh",
        value,
      });
    });
  }

  it("published by the cron's refresh reach the subscribers of their day with the row against the reference", async () => {
    const [mine, otherDaySub, otherTrader] = await Promise.all([
      subscribe("price_trader", priceDay),
      subscribe("price_trader", otherDay),
      subscribe("price_other", priceDay),
    ]);
    await store(deal("price_trader", priceDay, 7, 40, 2, "buy"));
    await store(deal("price_trader", priceDay, 15, 50, 1, "sell"));
    await store(deal("price_trader", otherDay, 7, 45, 1, "buy"));
    await waitUntil(() => mine!.rows().flatMap((push) => push.rows).length >= 2, "the deals' pushes");
    await waitUntil(() => pushCount(otherDaySub!) >= 1, "the other day's push");
    const before = [pushCount(mine!), pushCount(otherDaySub!), pushCount(otherTrader!)];
    expect(before[2]).toBe(0);

    // What trading.cron.ts does: refresh, and hand what was stored to the board.
    provider(27.74);
    const outcome = await refreshReferencePrices(env, [{ day: priceDay, hour: "07-08" }], now, (published) =>
      tradingBoard(env).pricesPublished(published),
    );
    expect(outcome).toMatchObject({ fetched: 1, failures: [] });
    await expectPushes([
      [mine!, before[0]! + 1],
      [otherDaySub!, before[1]!],
      [otherTrader!, 0],
    ]);
    const push = last(mine!);
    expect(push.rows).toHaveLength(1);
    expect(push.rows[0]).toMatchObject({
      delivery_hour: "07-08",
      reference_price: 27.74,
      reference_last_update: `${priceDay}T04:50:00+00:00`,
      // Bought 2 MW at 40 against 27.74: avg − ref = 12.26, and buying above the reference cost 2 × 12.26.
      delta_vs_reference: 12.26,
      vs_reference_eur: -24.52,
    });
    expect(push.totals).toMatchObject({ vs_reference_eur: -24.52, hours_without_reference: 1 });
    expect(push.html.rows["07-08"]).toContain('data-hour="07-08"');

    // The report agrees once this isolate's few-second cache of the day's prices has expired.
    await waitUntil(
      async () => (await reportOf("price_trader", priceDay)).rows[0]?.reference_price === 27.74,
      "the report to show the price",
      10_000,
    );
    await expectPushMatchesReport(mine!, ["07-08"]);
  }, 20_000);

  it("published directly push once per change, and nothing when nothing changed", async () => {
    const board = tradingBoard(env);
    const [first, second, otherDaySub] = await Promise.all([
      subscribe("direct_trader", DAY1),
      subscribe("direct_trader", DAY1),
      subscribe("direct_trader", DAY2),
    ]);
    await store(deal("direct_trader", DAY1, 11, 60, 1.5, "sell"));
    await store(deal("direct_trader", DAY2, 11, 60, 1.5, "sell"));
    await expectPushes([
      [first!, 1],
      [second!, 1],
      [otherDaySub!, 1],
    ]);
    const price: StoredPrice = {
      delivery_day: DAY1,
      delivery_hour: "11-12",
      value: 58.1,
      unit: "euro/mwh",
      last_update: `${DAY1}T09:00:00+00:00`,
      fetched_at: Date.parse(`${DAY1}T09:01:00Z`),
    };
    // Two sockets of one (trader, day) get one push each; the DAY2 socket nothing.
    expect(await board.pricesPublished([price])).toBe(2);
    await expectPushes([
      [first!, 2],
      [second!, 2],
      [otherDaySub!, 1],
    ]);
    // Selling 1.5 MW at 60 against 58.10: +1.90 €/MWh, 2.85 € better than the reference.
    expect(last(first!).rows).toMatchObject([{ delivery_hour: "11-12", reference_price: 58.1, delta_vs_reference: 1.9 }]);
    expect(last(first!).rows[0]?.vs_reference_eur).toBe(2.85);
    // The same price again, or an older one, changes no row.
    expect(await board.pricesPublished([price])).toBe(0);
    expect(await board.pricesPublished([{ ...price, value: 1, fetched_at: price.fetched_at - 60_000 }])).toBe(0);
    await sleep(QUIET_MS);
    expect([first, second, otherDaySub].map((s) => pushCount(s!))).toEqual([2, 2, 1]);
  });
});

describe("concurrent changes", () => {
  // A push awaits the day's prices; a deal's push arriving meanwhile must not be followed by the older report's rows.
  it("never leave a subscriber on an older report when a price and a deal are pushed at once", async () => {
    const day = "2023-03-20";
    const subscriber = await subscribe("race_trader", day);
    const first = deal("race_trader", day, 7, 40, 1, "buy");
    const second = deal("race_trader", day, 7, 44, 1, "buy");
    await store(first);
    await expectPushes([[subscriber, 1]]);
    // The report the feed hands over once `second` is stored, from a feed of its own under another trader (whose pushes
    // reach no socket), so that no hand-off pushes it before the race is set up.
    const shadow = env.EXCHANGE_FEED.getByName("board-race-shadow");
    for (const sent of [first, second]) await ingestFrame(shadow, frameOf({ ...sent, trader_id: "race_shadow" }));
    const newer = { ...(await shadow.traderReport("race_shadow", day))!, trader_id: "race_trader" };
    expect(newer.hours).toMatchObject([{ delivery_hour: "07-08", trades: 2 }]);
    // Past this isolate's 5-second cache of the day's prices, so both pushes read KV, where they can interleave.
    await sleep(5_100);
    const price: StoredPrice = {
      delivery_day: day,
      delivery_hour: "15-16",
      value: 30,
      unit: "euro/mwh",
      last_update: `${day}T04:00:00+00:00`,
      fetched_at: Date.parse(`${day}T04:01:00Z`),
    };
    // The feed's hand-off and the cron's publication are independent calls: here they arrive together.
    await runInDurableObject(tradingBoard(env), (board) => Promise.all([board.dealsChanged([newer]), board.pricesPublished([price])]));
    await sleep(QUIET_MS);
    const shown = new Map<string, number>();
    for (const push of subscriber.rows()) for (const row of push.rows) shown.set(row.delivery_hour, row.trades);
    expect(shown.get("07-08")).toBe(2);
    expect(last(subscriber).totals.trades).toBe(2);
  }, 15_000);
});

describe("1,000 hibernating subscribers", () => {
  const SOCKETS = 1_000;
  const traders = Array.from({ length: 15 }, (_, i) => `crowd_${String(i).padStart(2, "0")}`);
  const days = [DAY1, DAY2];

  it("are held, and a deal reaches exactly the sockets of its (trader, day)", async () => {
    const board = tradingBoard(env);
    const started = Date.now();
    const subscribers: Subscriber[] = [];
    // In batches, as dashboards would connect over a few moments; through the Worker's handler (board-sockets.ts, Route).
    for (let from = 0; from < SOCKETS; from += 50) {
      const batch = Array.from({ length: Math.min(50, SOCKETS - from) }, (_, k) => {
        const i = from + k;
        return subscribe(traders[i % traders.length]!, days[Math.floor(i / traders.length) % days.length]!, "handler");
      });
      subscribers.push(...(await Promise.all(batch)));
    }
    const connectedMs = Date.now() - started;
    expect(await board.subscriberCount()).toBe(SOCKETS);

    const target = (s: Subscriber) => s.traderId === "crowd_07" && s.deliveryDay === DAY2;
    const targets = subscribers.filter(target);
    expect(targets.length).toBeGreaterThan(30);

    const dealAt = Date.now();
    await store(deal("crowd_07", DAY2, 18, 80, 4, "buy"));
    await waitUntil(() => targets.every((s) => pushCount(s) === 1), "every target socket's push", 10_000);
    const fanOutMs = Date.now() - dealAt;
    await sleep(QUIET_MS);
    expect(subscribers.filter((s) => pushCount(s) > 0).length).toBe(targets.length);
    expect(targets.every((s) => pushCount(s) === 1)).toBe(true);
    await expectPushMatchesReport(targets[0]!, ["18-19"]);
    expect(await board.subscriberCount()).toBe(SOCKETS);

    console.log(
      `board: ${SOCKETS} subscribers connected in ${connectedMs} ms; one deal reached its ${targets.length} sockets in ${fanOutMs} ms`,
    );
  }, 120_000);
});
