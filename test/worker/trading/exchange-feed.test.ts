import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { DealsPage, DealsQueryError, StoredDeal } from "../../../src/features/trading/exchange-feed/feed-types";
import { expectedHours, expectHoursMatch, frameOf, ingestFrame, randomDeals, type SentDeal, traderHours } from "../deal-frames";

// Through the object's ingestFrame, the same path the socket's message handler takes; the socket itself is exchange-feed.socket.test.ts.
const feed = (name: string) => env.EXCHANGE_FEED.getByName(name);

const space = { traders: ["flex_trader_1", "flex_trader_2", "flex_trader_3"], days: ["2023-02-21", "2023-02-22"], hours: [0, 7, 15, 23] };

async function ingestAll(stub: ReturnType<typeof feed>, frames: string[]): Promise<void> {
  for (const frame of frames) await ingestFrame(stub, frame);
}

function pageOf(answer: DealsPage | DealsQueryError): DealsPage {
  if ("error" in answer) throw new Error(answer.detail);
  return answer;
}

async function allPages(
  stub: ReturnType<typeof feed>,
  query: { traderId?: string; deliveryDay?: string },
  limit: number,
): Promise<StoredDeal[]> {
  const seen: StoredDeal[] = [];
  let cursor: string | undefined;
  do {
    const page = pageOf(await stub.deals({ ...query, limit, cursor }));
    expect(page.deals.length).toBeLessThanOrEqual(limit);
    seen.push(...page.deals);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return seen;
}

describe("ExchangeFeed ingestion", () => {
  it("stores a deal once and counts a duplicate, whichever key it came under", async () => {
    const stub = feed("dedup");
    const [deal] = randomDeals(1, 1, space) as [SentDeal];
    expect(await ingestFrame(stub, frameOf(deal))).toEqual({ outcome: "stored", id: deal.id });
    expect(await ingestFrame(stub, frameOf(deal))).toEqual({ outcome: "duplicate", id: deal.id });
    expect(await ingestFrame(stub, frameOf(deal, "trade_confirmation"))).toEqual({ outcome: "duplicate", id: deal.id });
    expect(await ingestFrame(stub, frameOf({ ...deal, id: deal.id.toUpperCase() }))).toEqual({ outcome: "duplicate", id: deal.id });
    // Same id with other figures: the first confirmation stands.
    expect(await ingestFrame(stub, frameOf({ ...deal, price: deal.price + 1 }))).toMatchObject({ outcome: "duplicate" });

    const status = await stub.status();
    expect(status).toMatchObject({ frames: 5, deals_stored: 1, duplicates_ignored: 4, malformed_rejected: 0, connected: false });
    const page = pageOf(await stub.deals({ limit: 10 }));
    expect(page.deals).toHaveLength(1);
    expect(page.deals[0]).toMatchObject({ id: deal.id, price: deal.price, quantity: deal.quantity, execution_time: deal.execution_time });
    const [hour] = await traderHours(stub, deal.trader_id, deal.delivery_day);
    expect(hour?.trades).toBe(1);
  });

  it("accepts trade_confirmation frames like deal_confirmation ones", async () => {
    const stub = feed("keys");
    const [a, b] = randomDeals(2, 2, space) as [SentDeal, SentDeal];
    expect(await ingestFrame(stub, frameOf(a, "deal_confirmation"))).toMatchObject({ outcome: "stored" });
    expect(await ingestFrame(stub, frameOf(b, "trade_confirmation"))).toMatchObject({ outcome: "stored" });
    expect((await stub.status()).deals_stored).toBe(2);
  });

  it("counts malformed frames without storing or throwing", async () => {
    const stub = feed("malformed");
    const [deal] = randomDeals(1, 3, space) as [SentDeal];
    const bad = [
      "",
      "not json",
      "{}",
      JSON.stringify({ deal_confirmation: { ...deal, quantity: 0 } }),
      JSON.stringify({ deal_confirmation: { ...deal, delivery_hour: "24-25" } }),
    ];
    for (const frame of bad) expect(await ingestFrame(stub, frame)).toMatchObject({ outcome: "malformed", reason: expect.any(String) });
    expect(await ingestFrame(stub, frameOf(deal))).toMatchObject({ outcome: "stored" });
    expect(await stub.status()).toMatchObject({ frames: 6, deals_stored: 1, malformed_rejected: 5, duplicates_ignored: 0 });
    expect(pageOf(await stub.deals({ limit: 100 })).deals.map((d) => d.id)).toEqual([deal.id]);
  });
});

describe("ExchangeFeed reads", () => {
  const deals = randomDeals(300, 42, space);

  it("aggregates every trader's hours exactly as a computation from the deals sent", async () => {
    const stub = feed("aggregates");
    await ingestAll(
      stub,
      deals.map((d, i) => frameOf(d, i % 2 ? "trade_confirmation" : "deal_confirmation")),
    );
    for (const trader of space.traders) {
      for (const day of space.days) {
        expectHoursMatch(await traderHours(stub, trader, day), expectedHours(deals, trader, day));
        const report = await stub.traderReport(trader, day);
        const mine = deals.filter((d) => d.trader_id === trader && d.delivery_day === day);
        expect(report?.totals.trades).toBe(mine.length);
        const exactPnl =
          mine.reduce((s, d) => s + (d.direction === "sell" ? 1 : -1) * Math.round(d.quantity * 10) * Math.round(d.price * 100), 0) / 1000;
        expect(Math.abs(report!.totals.pnl_eur - exactPnl)).toBeLessThanOrEqual(0.005);
      }
    }
    expect(await stub.traderReport("nobody", "2023-02-21")).toBeNull();
    expect(await traderHours(stub, "nobody", "2023-02-21")).toEqual([]);
    expect((await stub.traderReport("flex_trader_1", "2030-01-01"))?.hours).toEqual([]);
  });

  it("lists traders with their deal counts and latest execution time", async () => {
    const stub = feed("traders");
    await ingestAll(
      stub,
      deals.map((d) => frameOf(d)),
    );
    const traders = await stub.traders();
    expect(traders.map((t) => t.trader_id)).toEqual([...space.traders].sort());
    for (const trader of traders) {
      const mine = deals.filter((d) => d.trader_id === trader.trader_id);
      expect(trader.deals).toBe(mine.length);
      expect(trader.last_deal_at).toBe(new Date(Math.max(...mine.map((d) => Date.parse(d.execution_time)))).toISOString());
    }
  });

  it("lists the delivery hours with deals from a day on", async () => {
    const stub = feed("periods");
    await ingestAll(
      stub,
      deals.map((d) => frameOf(d)),
    );
    const expected = [
      ...new Set(deals.filter((d) => d.delivery_day >= "2023-02-22").map((d) => `${d.delivery_day} ${d.delivery_hour}`)),
    ].sort();
    const periods = await stub.deliveryHoursWithDeals("2023-02-22");
    expect(periods.map((p) => `${p.delivery_day} ${p.delivery_hour}`)).toEqual(expected);
    expect(await stub.deliveryHoursWithDeals("2023-02-23")).toEqual([]);
  });

  it("pages through every deal once, in a stable order, while new deals arrive", async () => {
    const stub = feed("pages");
    const [first, later] = [deals.slice(0, 200), deals.slice(200)];
    await ingestAll(
      stub,
      first.map((d) => frameOf(d)),
    );

    const seen: StoredDeal[] = [];
    let page = pageOf(await stub.deals({ limit: 37 }));
    const arriving = later.slice();
    for (;;) {
      seen.push(...page.deals);
      // Deals keep arriving between page requests, as they do live.
      await ingestAll(
        stub,
        arriving.splice(0, 20).map((d) => frameOf(d)),
      );
      if (!page.next_cursor) break;
      page = pageOf(await stub.deals({ limit: 37, cursor: page.next_cursor }));
    }
    expect(seen.map((d) => d.id)).toEqual(deals.slice(0, seen.length).map((d) => d.id));
    expect(seen.length).toBeGreaterThanOrEqual(first.length);

    expect((await allPages(stub, {}, 1000)).map((d) => d.id)).toEqual(deals.map((d) => d.id));
    expect(await allPages(stub, {}, 1)).toHaveLength(deals.length);
    for (const trader of space.traders) {
      const expected = deals.filter((d) => d.trader_id === trader && d.delivery_day === "2023-02-21").map((d) => d.id);
      expect((await allPages(stub, { traderId: trader, deliveryDay: "2023-02-21" }, 7)).map((d) => d.id)).toEqual(expected);
    }
    const byDay = await allPages(stub, { deliveryDay: "2023-02-22" }, 50);
    expect(byDay.map((d) => d.id)).toEqual(deals.filter((d) => d.delivery_day === "2023-02-22").map((d) => d.id));
  });

  it("answers an error, not a page, for a limit outside 1–1000 or a cursor it did not issue", async () => {
    const stub = feed("bad-pages");
    expect(await stub.deals({ limit: 0 })).toMatchObject({ error: "invalid_limit" });
    expect(await stub.deals({ limit: 1001 })).toMatchObject({ error: "invalid_limit" });
    expect(await stub.deals({ limit: 2.5 })).toMatchObject({ error: "invalid_limit" });
    expect(await stub.deals({ limit: 10, cursor: "nope" })).toMatchObject({ error: "invalid_cursor" });
  });
});
