import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { exchangeFeed } from "../../../src/features/trading/exchange-feed/exchange-feed-stub";
import type { StoredDeal } from "../../../src/features/trading/exchange-feed/feed-types";
import { LAST_PRICE_RUN_KEY } from "../../../src/features/trading/reference-prices/reference-price-refresh";
import { writeDaySummaries, writePrice } from "../../../src/features/trading/reference-prices/reference-price-store";
import worker from "../../../src/index";
import { frameOf, ingestFrame, randomDeals, type SentDeal } from "../deal-frames";
import { call, expectProblem } from "../helpers";

const DAY = "2023-02-21";
const deals = randomDeals(300, 11, {
  traders: ["flex_trader_1", "flex_trader_2", "flex_trader_3"],
  days: [DAY, "2023-02-22"],
  hours: [6, 7, 8, 15, 23],
});

type Deal = Omit<StoredDeal, "execution_time" | "received_at">;

async function allDeals(query = ""): Promise<Deal[]> {
  const out: Deal[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (
      await call(`/v1/trading/deals?limit=37${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)
    ).json()) as { deals: Deal[]; next_cursor: string | null };
    out.push(...page.deals);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  const feed = exchangeFeed(env);
  for (const deal of deals) await ingestFrame(feed, frameOf(deal));
  const price = {
    delivery_day: DAY,
    delivery_hour: "07-08",
    value: 27.74,
    unit: "euro/mwh",
    last_update: "2023-02-21T06:10:20+00:00",
    fetched_at: Date.parse("2023-02-21T06:11:00Z"),
  };
  await writePrice(env.PRICES, price);
  await writeDaySummaries(env.PRICES, [price]);
});

afterEach(() => vi.restoreAllMocks());

describe("trading reads", () => {
  it("pages through every deal once, in a stable order", async () => {
    const first = await allDeals();
    expect(first.map((d) => d.id).sort()).toEqual(deals.map((d) => d.id).sort());
    expect((await allDeals()).map((d) => d.id)).toEqual(first.map((d) => d.id));
    const filtered = await allDeals(`&trader_id=flex_trader_2&delivery_day=${DAY}`);
    expect(filtered.map((d) => d.id).sort()).toEqual(
      deals
        .filter((d) => d.trader_id === "flex_trader_2" && d.delivery_day === DAY)
        .map((d) => d.id)
        .sort(),
    );
  });

  it("answers a report whose every figure a computation from /v1/trading/deals reproduces", async () => {
    const fromApi = (await allDeals(`&trader_id=flex_trader_1&delivery_day=${DAY}`)) as Array<Deal & SentDeal>;
    const report = (await (await call(`/v1/trading/traders/flex_trader_1/report?delivery_day=${DAY}`)).json()) as {
      rows: Array<Record<string, number | string | null>>;
      totals: Record<string, number>;
    };
    const hours = [...new Set(fromApi.map((d) => d.delivery_hour))].sort();
    expect(report.rows.map((r) => r.delivery_hour)).toEqual(hours);
    let pnl = 0;
    for (const row of report.rows) {
      const items = fromApi.filter((d) => d.delivery_hour === row.delivery_hour);
      const buys = items.filter((d) => d.direction === "buy");
      const sells = items.filter((d) => d.direction === "sell");
      const q = (list: Deal[]) => list.reduce((s, d) => s + d.quantity, 0);
      const qp = (list: Deal[]) => list.reduce((s, d) => s + d.quantity * d.price, 0);
      expect(row.delivery_period).toBe(`${DAY} ${row.delivery_hour}`);
      expect(row.trades).toBe(items.length);
      expect(row.bought_mw).toBeCloseTo(q(buys), 6);
      expect(row.sold_mw).toBeCloseTo(q(sells), 6);
      expect(row.net_mw).toBeCloseTo(q(buys) - q(sells), 6);
      expect(row.avg_price as number).toBeCloseTo(qp(items) / q(items), 2);
      if (buys.length) expect(row.buy_vwap as number).toBeCloseTo(qp(buys) / q(buys), 2);
      else expect(row.buy_vwap).toBeNull();
      if (sells.length) expect(row.sell_vwap as number).toBeCloseTo(qp(sells) / q(sells), 2);
      else expect(row.sell_vwap).toBeNull();
      expect(row.pnl_eur as number).toBeCloseTo(qp(sells) - qp(buys), 2);
      pnl += qp(sells) - qp(buys);
      if (row.delivery_hour === "07-08") {
        expect(row).toMatchObject({ reference_price: 27.74, reference_last_update: "2023-02-21T06:10:20+00:00" });
        expect(row.delta_vs_reference as number).toBeCloseTo((row.avg_price as number) - 27.74, 2);
      } else {
        expect(row).toMatchObject({ reference_price: null, delta_vs_reference: null });
      }
    }
    expect(report.totals.trades).toBe(fromApi.length);
    expect(report.totals.pnl_eur).toBeCloseTo(pnl, 2);
  });

  it("lists traders, reference prices and the feed's status", async () => {
    const traders = (await (await call("/v1/trading/traders")).json()) as { traders: Array<{ trader_id: string; deals: number }> };
    expect(traders.traders.map((t) => [t.trader_id, t.deals])).toEqual(
      ["flex_trader_1", "flex_trader_2", "flex_trader_3"].map((id) => [id, deals.filter((d) => d.trader_id === id).length]),
    );
    const prices = (await (await call(`/v1/trading/reference-prices?delivery_day=${DAY}`)).json()) as {
      prices: Array<{ delivery_hour: string; value: number }>;
    };
    expect(prices.prices).toMatchObject([{ delivery_hour: "07-08", value: 27.74 }]);
    const status = (await (await call("/v1/trading/feed")).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ deals_stored: deals.length, duplicates_ignored: 0, malformed_rejected: 0 });
  });

  it("answers unknown traders with 404 and bad input with 422", async () => {
    await expectProblem(await call(`/v1/trading/traders/nobody/report?delivery_day=${DAY}`), 404);
    for (const day of ["2023-02-30", "21-02-2023", ""]) {
      const body = await expectProblem(await call(`/v1/trading/traders/flex_trader_1/report?delivery_day=${day}`), 422);
      expect(body.errors?.[0]?.pointer).toBe("/delivery_day");
    }
    expect((await expectProblem(await call("/v1/trading/deals?limit=0"), 422)).errors?.[0]?.pointer).toBe("/limit");
    expect((await expectProblem(await call("/v1/trading/deals?cursor=garbage"), 422)).errors?.[0]?.pointer).toBe("/cursor");
    await expectProblem(await call("/v1/trading/reference-prices"), 422);
  });
});

describe("trading cron", () => {
  it("wakes the feed and fetches reference prices for the delivery hours with deals", async () => {
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.startsWith("/reference-price")) return realFetch(input, init);
      asked.push(`${url.searchParams.get("delivery_day")} ${url.searchParams.get("delivery_hour")}`);
      return Response.json({
        delivery_day: url.searchParams.get("delivery_day"),
        delivery_hour: url.searchParams.get("delivery_hour"),
        last_update: "2023-02-21T06:50:00+00:00",
        unit: "euro/mwh",
        value: 31.5,
      });
    });
    const scheduledTime = Date.parse(`${DAY}T07:30:00Z`);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime }), env, ctx);
    await waitOnExecutionContext(ctx);
    const undelivered = [...new Set(deals.map((d) => `${d.delivery_day} ${d.delivery_hour}`))].filter((p) => {
      const [day, hour] = p.split(" ");
      return Date.parse(`${day}T00:00:00Z`) + Number(hour!.slice(3)) * 3_600_000 > scheduledTime;
    });
    // 07-08 was fetched at 06:11, more than 10 minutes before this run, so it is refreshed with the others.
    expect(asked.sort()).toEqual(undelivered.sort());
    expect(await env.PRICES.get(LAST_PRICE_RUN_KEY, "json")).toMatchObject({ fetched: undelivered.length });
  });
});
