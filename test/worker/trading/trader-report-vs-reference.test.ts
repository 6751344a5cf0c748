import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { exchangeFeed } from "../../../src/features/trading/exchange-feed/exchange-feed-stub";
import { dealMaker, frameOf, ingestFrame, randomDeals, type SentDeal } from "../deal-frames";
import { call } from "../helpers";
import { price, storePrices } from "../reference-prices";

/**
 * The report's comparison with the reference price (vs_reference_eur, delta_vs_reference, hours_without_reference)
 * recomputed from what the API lists (/v1/trading/deals and /v1/trading/reference-prices), and its ETag / 304.
 */

const DAY = "2023-03-14";
const ETAG_DAY = "2023-03-15";
const TRADER = "desk_alpha";
const OTHER = "desk_beta";
const REPORT = (trader: string, day: string) => `/v1/trading/traders/${trader}/report?delivery_day=${day}`;

const deal = dealMaker("c0ffee");

/**
 * TRADER's day: two priced hours whose exact figures end in a tenth-cent of 4 and 6 (−0.886 → −0.89, 1.264 → 1.26), so
 * the exact total (0.378 → 0.38) differs from the sum of the rounded rows (0.37); one hour without a price.
 */
const traderDeals: SentDeal[] = [
  deal(TRADER, DAY, "07-08", "buy", 2, 30),
  deal(TRADER, DAY, "07-08", "sell", 0.7, 28.13),
  deal(TRADER, DAY, "07-08", "buy", 1.5, 25.5),
  deal(TRADER, DAY, "07-08", "sell", 0.1, 27.75),
  deal(TRADER, DAY, "08-09", "buy", 1, 40),
  deal(TRADER, DAY, "08-09", "sell", 2.5, 41.2),
  deal(TRADER, DAY, "08-09", "buy", 0.3, 39.95),
  deal(TRADER, DAY, "15-16", "sell", 1.2, 20.64),
  deal(TRADER, DAY, "15-16", "buy", 0.4, 18.75),
  deal(TRADER, DAY, "15-16", "sell", 0.3, 19.99),
  deal(TRADER, DAY, "15-16", "buy", 0.1, 20.01),
  // The same trader on the ETag test's day.
  deal(TRADER, ETAG_DAY, "09-10", "buy", 3.2, 45.67),
  deal(TRADER, ETAG_DAY, "09-10", "sell", 1.1, 47.01),
  deal(TRADER, ETAG_DAY, "10-11", "sell", 0.8, 51.3),
];
/** Another trader in the same hours of both days. */
const otherDeals = randomDeals(40, 29, { traders: [OTHER], days: [DAY, ETAG_DAY], hours: [7, 8, 9, 10, 15] });

async function ingest(deals: SentDeal[]): Promise<void> {
  const feed = exchangeFeed(env);
  for (const d of deals) expect(await ingestFrame(feed, frameOf(d))).toMatchObject({ outcome: "stored" });
}

beforeAll(async () => {
  await ingest([...traderDeals, ...otherDeals]);
  // 07-08 and 15-16 priced, 08-09 not; 12-13 has a price but no deal of TRADER. Stored before any report reads the day.
  await storePrices([price(DAY, "07-08", 27.74), price(DAY, "15-16", 20), price(DAY, "12-13", 50.5), price(ETAG_DAY, "09-10", 44.44)]);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type ListedDeal = {
  id: string;
  trader_id: string;
  delivery_day: string;
  delivery_hour: string;
  direction: "buy" | "sell";
  price: number;
  quantity: number;
};

type ReportRow = {
  delivery_hour: string;
  avg_price: number;
  reference_price: number | null;
  reference_last_update: string | null;
  delta_vs_reference: number | null;
  vs_reference_eur: number | null;
};

type Report = { rows: ReportRow[]; totals: { vs_reference_eur: number | null; hours_without_reference: number; trades: number } };

async function listedDeals(trader: string, day: string): Promise<ListedDeal[]> {
  const out: ListedDeal[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `trader_id=${trader}&delivery_day=${day}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await call(`/v1/trading/deals?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { deals: ListedDeal[]; next_cursor: string | null };
    out.push(...page.deals);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/** A decimal from the API as whole units of 10^-decimals; it must be one. */
function units(value: number, scale: number): number {
  const whole = Math.round(value * scale);
  expect(Math.abs(value * scale - whole)).toBeLessThan(1e-6);
  return whole;
}

/** n / d rounded half away from zero, on integers (d > 0); never -0. */
function roundHalfAway(n: number, d: number): number {
  const q = Math.floor((2 * Math.abs(n) + d) / (2 * d));
  return n < 0 && q !== 0 ? -q : q;
}

describe("the trader report against the reference price", () => {
  it("reproduces every vs_reference_eur, delta and total from the listed deals and prices", async () => {
    const deals = await listedDeals(TRADER, DAY);
    expect(deals.map((d) => d.id).sort()).toEqual(
      traderDeals
        .filter((d) => d.delivery_day === DAY)
        .map((d) => d.id)
        .sort(),
    );
    const pricesResponse = await call(`/v1/trading/reference-prices?delivery_day=${DAY}`);
    const listed = (await pricesResponse.json()) as { prices: Array<{ delivery_hour: string; value: number; last_update: string }> };
    const refs = new Map(listed.prices.map((p) => [p.delivery_hour, p]));
    expect([...refs.keys()].sort()).toEqual(["07-08", "12-13", "15-16"]);

    const response = await call(REPORT(TRADER, DAY));
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    const hours = [...new Set(deals.map((d) => d.delivery_hour))].sort();
    expect(report.rows.map((r) => r.delivery_hour)).toEqual(hours);

    let totalTenthCents = 0;
    let unpriced = 0;
    const roundedRows: number[] = [];
    for (const row of report.rows) {
      const items = deals.filter((d) => d.delivery_hour === row.delivery_hour);
      const ref = refs.get(row.delivery_hour);
      // avg = Σ q·p / Σ q, in tenth-cents over tenths, rounded to the cent.
      const quantity = items.reduce((s, d) => s + units(d.quantity, 10), 0);
      const value = items.reduce((s, d) => s + units(d.quantity, 10) * units(d.price, 100), 0);
      const avgCents = roundHalfAway(value, quantity);
      expect(row.avg_price).toBe(avgCents / 100);
      if (!ref) {
        unpriced++;
        expect(row).toMatchObject({ reference_price: null, reference_last_update: null, delta_vs_reference: null, vs_reference_eur: null });
        continue;
      }
      const refCents = units(ref.value, 100);
      // Σ sells q·(p − ref) − Σ buys q·(p − ref), in tenths × cents = tenth-cents.
      const exact = items.reduce((s, d) => {
        const edge = units(d.quantity, 10) * (units(d.price, 100) - refCents);
        return d.direction === "sell" ? s + edge : s - edge;
      }, 0);
      totalTenthCents += exact;
      roundedRows.push(roundHalfAway(exact, 10));
      expect(row, row.delivery_hour).toMatchObject({
        reference_price: ref.value,
        reference_last_update: ref.last_update,
        vs_reference_eur: roundHalfAway(exact, 10) / 100,
        delta_vs_reference: (avgCents - refCents) / 100,
      });
    }
    expect(unpriced).toBe(1);
    expect(report.totals).toMatchObject({
      trades: deals.length,
      vs_reference_eur: roundHalfAway(totalTenthCents, 10) / 100,
      hours_without_reference: unpriced,
    });
    // The figures this day was built for: the exact total is a cent above the sum of the rounded rows.
    expect(report.rows.map((r) => r.vs_reference_eur)).toEqual([-0.89, null, 1.26]);
    expect(totalTenthCents).toBe(378);
    expect(report.totals.vs_reference_eur).toBe(0.38);
    expect(roundedRows.reduce((s, c) => s + c, 0)).toBe(37);
  });

  it("answers another trader's report of the same day from that trader's deals only", async () => {
    const deals = await listedDeals(OTHER, DAY);
    expect(deals.length).toBe(otherDeals.filter((d) => d.delivery_day === DAY).length);
    const report = (await (await call(REPORT(OTHER, DAY))).json()) as Report;
    expect(report.totals.trades).toBe(deals.length);
    const hours = [...new Set(deals.map((d) => d.delivery_hour))];
    expect(report.totals.hours_without_reference).toBe(hours.filter((h) => !["07-08", "15-16"].includes(h)).length);
  });
});

describe("the trader report's ETag", () => {
  const get = (headers: Record<string, string> = {}) => call(REPORT(TRADER, ETAG_DAY), { headers });

  async function currentTag(): Promise<string> {
    const response = await get();
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    return response.headers.get("ETag") ?? "";
  }

  it("revalidates with 304 while the report is unchanged, and changes with a deal or a price", async () => {
    const first = await get();
    expect(first.status).toBe(200);
    const tag = first.headers.get("ETag") ?? "";
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(first.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = (await first.json()) as Report;
    expect(body.totals.hours_without_reference).toBe(1);

    for (const ifNoneMatch of [tag, `"x", ${tag}`, `W/${tag}`, ` ${tag} ,"y"`]) {
      const again = await get({ "If-None-Match": ifNoneMatch });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(tag);
      expect(again.headers.get("Cache-Control")).toBe("private, no-cache");
    }
    for (const ifNoneMatch of ['"another"', `W/"x"`, `${tag.slice(0, -2)}"`]) {
      const changed = await get({ "If-None-Match": ifNoneMatch });
      expect(changed.status, ifNoneMatch).toBe(200);
      expect(changed.headers.get("ETag")).toBe(tag);
      expect(((await changed.json()) as Report).totals).toEqual(body.totals);
    }

    // One more deal of this trader and day: a new report, a new tag, and the old one no longer matches.
    await ingest([deal(TRADER, ETAG_DAY, "10-11", "buy", 0.4, 49.99)]);
    const afterDeal = await get({ "If-None-Match": tag });
    expect(afterDeal.status).toBe(200);
    const dealTag = afterDeal.headers.get("ETag") ?? "";
    expect(dealTag).toMatch(/^"[0-9a-f]+"$/);
    expect(dealTag).not.toBe(tag);
    expect(((await afterDeal.json()) as Report).totals.trades).toBe(body.totals.trades + 1);
    expect((await get({ "If-None-Match": dealTag })).status).toBe(304);

    // A first price for 10-11. Reports keep a day's prices 5 s per isolate, so the clock moves past that.
    await storePrices([price(ETAG_DAY, "10-11", 50.12)]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 6_000);
    const afterPrice = await get({ "If-None-Match": dealTag });
    expect(afterPrice.status).toBe(200);
    const priceTag = afterPrice.headers.get("ETag") ?? "";
    expect(priceTag).not.toBe(dealTag);
    expect(priceTag).not.toBe(tag);
    const priced = (await afterPrice.json()) as Report;
    expect(priced.totals.hours_without_reference).toBe(0);
    expect(priced.rows.find((r) => r.delivery_hour === "10-11")).toMatchObject({ reference_price: 50.12 });
    vi.useRealTimers();
    expect((await get({ "If-None-Match": priceTag })).status).toBe(304);

    // Another trader's deal on the same day and hour leaves this report, and its tag, as they were.
    await ingest([deal(OTHER, ETAG_DAY, "10-11", "sell", 7.7, 12.34)]);
    const afterOther = await get({ "If-None-Match": priceTag });
    expect(afterOther.status).toBe(304);
    expect(afterOther.headers.get("ETag")).toBe(priceTag);
    expect(await currentTag()).toBe(priceTag);
  });

  it("gives every trader and day its own tag", async () => {
    const tags = await Promise.all([REPORT(TRADER, ETAG_DAY), REPORT(TRADER, DAY), REPORT(OTHER, ETAG_DAY)].map((p) => call(p)));
    const values = tags.map((r) => r.headers.get("ETag"));
    await Promise.all(tags.map((r) => r.arrayBuffer()));
    expect(new Set(values).size).toBe(3);
    // The tag of one report does not revalidate another.
    const cross = await call(REPORT(TRADER, DAY), { headers: { "If-None-Match": values[0] ?? "" } });
    expect(cross.status).toBe(200);
  });
});

type Schema = { $ref?: string; properties?: Record<string, Schema>; type?: unknown; anyOf?: Schema[] };
type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { description?: string; content?: unknown }>;
};

describe("the report's OpenAPI description", () => {
  it("documents the 304, the If-None-Match header and vs_reference_eur in rows and totals", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema | undefined): Schema | undefined =>
      schema?.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;
    const operation = doc.paths["/v1/trading/traders/{trader_id}/report"]?.get;
    expect(operation).toBeDefined();
    expect(operation?.responses["304"]?.description).toBeTruthy();
    expect(operation?.responses["304"]?.content).toBeUndefined();
    expect(operation?.parameters?.some((p) => p.in === "header" && p.name.toLowerCase() === "if-none-match")).toBe(true);

    const row = doc.components.schemas.TraderReportRow;
    expect(row?.properties?.vs_reference_eur).toBeDefined();
    expect(row?.properties?.delta_vs_reference).toBeDefined();
    const report = doc.components.schemas.TraderReport;
    const totals = resolve(report?.properties?.totals);
    expect(totals?.properties?.vs_reference_eur).toBeDefined();
    expect(totals?.properties?.hours_without_reference).toBeDefined();
  });
});
