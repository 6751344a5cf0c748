import { beforeAll, describe, expect, it } from "vitest";
import { decodeEntities } from "../credits/dashboard-html";
import { call, postJson } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";

/**
 * The Peak Usage board /dashboards/peaks against the JSON API: every market's top 5 as /v1/peaks has them, the
 * markets by name with their counts and ranges as /v1/markets has them, its CSV, and its ETag across an ingest.
 */

interface Peak {
  rank: number;
  timestamp: string;
  usage_kw: number;
}
interface MarketJson {
  name: string;
  reading_count: number;
  first_reading_at: string | null;
  last_reading_at: string | null;
}

// Names that sort differently by code units ("Gamma" < "alpha") than as a person reads them; one market without data.
const readingsOf: Record<string, Array<[string, number]>> = {
  alpha: [
    ["2024-06-01 00:00:00", 10],
    ["2024-06-01 01:00:00", 1234.5],
    ["2024-06-01 02:00:00", 977],
    ["2024-06-01 03:00:00", 977],
    ["2024-06-02 00:00:00", 12.25],
    ["2024-06-02 01:00:00", 3],
    ["2024-06-03 00:00:00", 996],
  ],
  Gamma: [
    ["2023-12-31T23:59:59", 5],
    ["2024-01-01T00:00:00", 6],
  ],
  "beta.2": [["2024-02-29 12:00:00", 0.125]],
};
const names = ["alpha", "Gamma", "beta.2", "delta"];

const board = async (init: RequestInit = {}) => {
  const response = await call("/dashboards/peaks", asBrowser(init));
  return { response, html: await response.text() };
};

/** A market's card: the section that carries its name. */
function cardOf(html: string, market: string): string {
  const at = html.indexOf(`data-market="${market}"`);
  expect(at, `the card of ${market}`).toBeGreaterThan(-1);
  const start = html.lastIndexOf("<section", at);
  return html.slice(start, html.indexOf("</section>", at) + "</section>".length);
}

/** A market card's top-5 rows as cells: rank, usage, timestamp. */
function cardRows(html: string, market: string): string[][] {
  const card = cardOf(html, market);
  const table = card.includes(`id="peaks-${market}"`) ? sectionById(card, `peaks-${market}`) : "";
  const body = table.split("<tbody>")[1] ?? "";
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!)),
  );
}

/** The markets' names in page order, from their cards. */
const cardOrder = (html: string): string[] =>
  [...html.matchAll(/<section class="market-card"[^>]*data-market="([^"]+)"/g)].map((m) => m[1]!);

/** What a row of the board shows for a peak of the API: rank, the usage with its whole part grouped, the naive time. */
const shown = (peak: Peak): string[] => [
  String(peak.rank),
  peak.usage_kw.toLocaleString("en-US", { maximumFractionDigits: 20 }),
  peak.timestamp.replace("T", " "),
];

async function apiPeaks(): Promise<Map<string, Peak[]>> {
  const body = (await (await call("/v1/peaks?limit=5")).json()) as { markets: Array<{ market: { name: string }; peaks: Peak[] }> };
  return new Map(body.markets.map((entry) => [entry.market.name, entry.peaks]));
}

beforeAll(async () => {
  for (const name of names) expect((await postJson("/v1/markets", { name })).status).toBe(201);
  for (const [name, rows] of Object.entries(readingsOf)) {
    const readings = rows.map(([timestamp, usage_kw]) => ({ timestamp, usage_kw }));
    expect((await postJson(`/v1/markets/${name}/readings`, { readings })).status).toBe(200);
  }
});

describe("the Peak Usage board", () => {
  it("lists every market by name with its top 5 as /v1/peaks has them, its reading count and data range", async () => {
    const { response, html } = await board();
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(cardOrder(html)).toEqual(["alpha", "beta.2", "delta", "Gamma"]);
    const peaks = await apiPeaks();
    const { markets } = (await (await call("/v1/markets")).json()) as { markets: MarketJson[] };
    expect(markets).toHaveLength(names.length);
    for (const market of markets) {
      const expected = peaks.get(market.name)!;
      expect(cardRows(html, market.name), market.name).toEqual(expected.map(shown));
      const card = textOf(cardOf(html, market.name));
      const range = market.first_reading_at
        ? `, ${market.first_reading_at.replace("T", " ")} to ${market.last_reading_at!.replace("T", " ")}`
        : "";
      expect(card, market.name).toContain(`${market.reading_count} ${market.reading_count === 1 ? "reading" : "readings"}${range}`);
      expect(cardOf(html, market.name)).toContain(`<a href="/dashboards/peaks/${market.name}">${market.name}</a>`);
    }
    // The tie at 977 goes to the earlier reading, as the API orders it, and a usage shows every digit stored.
    expect(cardRows(html, "alpha").map((cells) => cells[1])).toEqual(["1,234.5", "996", "977", "977", "12.25"]);
    expect(cardRows(html, "delta")).toEqual([]);
    expect(textOf(cardOf(html, "delta"))).toContain("No readings yet.");
    expect(html).toContain("kilowatts (kW)");
    // The board's last change is the latest market's changed_at, to the second, in UTC.
    const latest = (await (await call("/v1/markets")).json()) as { markets: Array<{ changed_at: string | null }> };
    const changedAt = latest.markets
      .map((m) => m.changed_at ?? "")
      .sort()
      .at(-1)!;
    expect(textOf(html)).toContain(`Data last changed at ${changedAt.slice(0, 10)} ${changedAt.slice(11, 19)} UTC`);
  });

  it("carries its own strong ETag, answers 304 to it, and gets a new one when an ingest changes a peak", async () => {
    const first = await board();
    const etag = first.response.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.html).toContain(`data-page-etag="${etag.replaceAll('"', "&quot;")}"`);
    expect(first.response.headers.get("Cache-Control")).toBe("private, no-cache");

    const again = await call("/dashboards/peaks", asBrowser({ headers: { "If-None-Match": etag } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);

    // Re-sending a reading bumps the market's data version but changes nothing shown: still 304.
    expect((await postJson("/v1/markets/alpha/readings", { readings: [{ timestamp: "2024-06-01 00:00:00", usage_kw: 10 }] })).status).toBe(
      200,
    );
    expect((await call("/dashboards/peaks", asBrowser({ headers: { "If-None-Match": etag } }))).status).toBe(304);

    const reading = { timestamp: "2024-06-04 00:00:00", usage_kw: 5000 };
    expect((await postJson("/v1/markets/Gamma/readings", { readings: [reading] })).status).toBe(200);
    const after = await call("/dashboards/peaks", asBrowser({ headers: { "If-None-Match": etag } }));
    expect(after.status).toBe(200);
    const newEtag = after.headers.get("ETag")!;
    expect(newEtag).not.toBe(etag);
    const html = await after.text();
    expect(cardRows(html, "Gamma")[0]).toEqual(["1", "5,000", "2024-06-04 00:00:00"]);
    expect(cardRows(html, "Gamma")).toEqual((await apiPeaks()).get("Gamma")!.map(shown));
    expect(textOf(html)).toMatch(/Data last changed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC ?\./);
    expect((await call("/dashboards/peaks", asBrowser({ headers: { "If-None-Match": newEtag } }))).status).toBe(304);
  });

  it("downloads as CSV exactly the rows it shows, in its order, linked from the page", async () => {
    const { html } = await board();
    expect(html).toContain('href="/dashboards/peaks?format=csv" download="peaks.csv"');
    const response = await call("/dashboards/peaks?format=csv", asBrowser());
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="peaks.csv"');
    const [header, ...records] = (await response.text()).trimEnd().split("\r\n");
    expect(header).toBe("market_name,rank,timestamp,usage_kw");
    const fromPage = cardOrder(html).flatMap((market) =>
      cardRows(html, market).map(([rank, usage, timestamp]) => [market, rank, timestamp!.replace(" ", "T"), usage!.replaceAll(",", "")]),
    );
    expect(records.map((record) => record.split(","))).toEqual(fromPage);
    expect(fromPage.length).toBe(5 + 1 + 3);
  });

  it("answers a bad address with a 422 page naming the parameter", async () => {
    const { response, html } = await board({}).then(async () => {
      const bad = await call("/dashboards/peaks?format=pdf", asBrowser());
      return { response: bad, html: await bad.text() };
    });
    expect(response.status).toBe(422);
    expectSafePage(response, html);
    expect(decodeEntities(textOf(html))).toContain("format: expected html or csv");
  });
});
