import { beforeAll, describe, expect, it } from "vitest";
import { attributesOf, decodeEntities } from "../credits/dashboard-html";
import { call, getJson, postJson } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";

/**
 * A market's page /dashboards/peaks/{market} against the JSON API: its top N over a window as
 * /v1/markets/{m}/peaks has it, presets relative to the market's last reading, a chart with one point per point of
 * /v1/markets/{m}/readings and the peaks marked, its CSV, and its answers to bad addresses.
 */

interface Peak {
  rank: number;
  timestamp: string;
  usage_kw: number;
}
interface Bucket {
  start: string;
  count: number;
  min_kw: number;
  max_kw: number;
  max_at: string;
}
interface Readings {
  resolution: string;
  readings: number;
  points?: Array<{ timestamp: string; usage_kw: number }>;
  buckets?: Bucket[];
}

const MARKET = "zeta";
const XSS = "<img src=x onerror=alert(1)>";
/** Epoch ms read on the market's clock as its naive `T` form (years 1000–9999, which toISOString writes plainly). */
const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19);

// Ten days of readings every 5 minutes, 00:00:07 past, with a two-hour outage on day 4: more than the chart's 1,000
// points, so it draws buckets over all the data and the readings themselves over the last day.
const START = Date.UTC(2024, 5, 1, 0, 0, 7);
const sent: Array<{ timestamp: string; usage_kw: number }> = [];
for (let i = 0; i < 10 * 288; i++) {
  if (i >= 3 * 288 + 120 && i < 3 * 288 + 144) continue;
  sent.push({ timestamp: naive(START + i * 300_000), usage_kw: ((i * 7919) % 1000) + (i % 4) / 4 });
}
const LAST = sent.at(-1)!.timestamp;

async function page(query = "", market = MARKET) {
  const response = await call(`/dashboards/peaks/${market}${query}`, asBrowser());
  return { response, html: await response.text() };
}

/** The top-N table's rows as cells: rank, usage, timestamp. */
function tableRows(html: string): string[][] {
  const body = sectionById(html, "top-peaks-table").split("<tbody>")[1]!;
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!)),
  );
}

const shown = (peak: Peak): string[] => [
  String(peak.rank),
  peak.usage_kw.toLocaleString("en-US", { maximumFractionDigits: 20 }),
  peak.timestamp.replace("T", " "),
];

/** The chart's hover targets (one per point it draws) and its peak markers, with their attributes. */
function chartOf(html: string) {
  const svg = sectionById(html, "readings-chart").match(/<svg class="chart readings-chart"[\s\S]*?<\/svg>/)![0];
  const points = [...svg.matchAll(/<rect class="point"([^>]*)>/g)].map((m) => attributesOf(m[1]!));
  const peaks = [...svg.matchAll(/<g class="peak"([^>]*)>[\s\S]*?<circle class="peak-mark"([^>]*)\/?>/g)].map((m) => {
    const group = attributesOf(m[1]!);
    return {
      rank: Number(group["data-rank"]),
      timestamp: group["data-timestamp"]!,
      kw: Number(group["data-kw"]),
      cx: Number(attributesOf(m[2]!).cx),
    };
  });
  return { svg, points, peaks };
}

const presetHref = (html: string, preset: string): string =>
  attributesOf(new RegExp(`<a(\\s[^>]*data-preset="${preset}"[^>]*)>`).exec(html)![1]!).href!;

beforeAll(async () => {
  expect((await postJson("/v1/markets", { name: MARKET })).status).toBe(201);
  expect((await postJson("/v1/markets", { name: "empty" })).status).toBe(201);
  expect((await postJson(`/v1/markets/${MARKET}/readings`, { readings: sent })).status).toBe(200);
});

describe("a market's page", () => {
  it("lists the top 10 over all data, then any N over any window, as /v1/markets/{m}/peaks does", async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    const all = await getJson<{ peaks: Peak[] }>(`/v1/markets/${MARKET}/peaks?limit=10`);
    expect(tableRows(html)).toEqual(all.peaks.map(shown));
    expect(tableRows(html)).toHaveLength(10);
    expect(textOf(sectionById(html, "market-facts"))).toContain(`Readings ${sent.length.toLocaleString("en-US")}`);
    expect(textOf(sectionById(html, "market-facts"))).toContain(`Last reading ${LAST.replace("T", " ")} market-local`);

    for (const query of ["?n=5", "?n=37&from=2024-06-03&to=2024-06-05 12:00:00", "?n=100&from=2024-06-09T10:00:00", "?to=2024-06-02"]) {
      const params = new URLSearchParams(query);
      const api = new URLSearchParams({ limit: params.get("n") ?? "10" });
      for (const bound of ["from", "to"]) if (params.has(bound)) api.set(bound, params.get(bound)!);
      const expected = await getJson<{ peaks: Peak[] }>(`/v1/markets/${MARKET}/peaks?${api}`);
      const shownPage = await page(query);
      expect(shownPage.response.status, query).toBe(200);
      expect(tableRows(shownPage.html), query).toEqual(expected.peaks.map(shown));
    }
  });

  it("offers presets of the market's own data, ending just after its last reading, and marks the one shown", async () => {
    const { html } = await page("?n=20");
    const end = Date.parse(`${LAST}Z`) + 1000;
    const expected = { day: 1, week: 7, month: 30 };
    expect(presetHref(html, "all")).toBe(`/dashboards/peaks/${MARKET}?n=20`);
    for (const [preset, days] of Object.entries(expected)) {
      const href = presetHref(html, preset);
      const url = new URL(href, "https://energy-edge.test");
      expect(url.pathname).toBe(`/dashboards/peaks/${MARKET}`);
      expect(Object.fromEntries(url.searchParams), preset).toEqual({ n: "20", from: naive(end - days * 86_400_000), to: naive(end) });
    }
    expect(html).toMatch(/<a href="[^"]*" aria-current="page" data-preset="all">/);
    const week = await page(presetHref(html, "week").slice(`/dashboards/peaks/${MARKET}`.length));
    expect(week.response.status).toBe(200);
    expect(week.html).toMatch(/<a href="[^"]*" aria-current="page" data-preset="week">/);
    expect(week.html.match(/aria-current="page" data-preset=/g)).toHaveLength(1);
    // The window's bounds come back in the form, a day alone when it is midnight.
    const typed = await page("?from=2024-06-03&to=2024-06-04 06:30:00");
    expect(typed.html).toContain('name="from" type="text" placeholder="2024-06-01" value="2024-06-03"');
    expect(typed.html).toContain('value="2024-06-04 06:30:00"');
  });

  it("charts one point per bucket of /v1/markets/{m}/readings over all data, and marks the top N where they are", async () => {
    const { html } = await page("?n=12");
    const section = sectionById(html, "readings-chart");
    const resolution = attributesOf(/<section(\s[^>]*)>/.exec(section)![1]!)["data-resolution"]!;
    expect(resolution).toBe("15m");
    const readings = await getJson<Readings>(`/v1/markets/${MARKET}/readings?resolution=${resolution}`);
    const { points, peaks, svg } = chartOf(html);
    expect(points.map((p) => p["data-at"])).toEqual(readings.buckets!.map((b) => b.start));
    expect(points.map((p) => Number(p["data-kw"]))).toEqual(readings.buckets!.map((b) => b.max_kw));
    expect(points.length).toBeLessThanOrEqual(1000);
    // The outage is a gap: the two hours' buckets are missing, and the line breaks there.
    expect(points.some((p) => p["data-at"] === "2024-06-04T11:00:00")).toBe(false);
    expect(svg.match(/<polyline class="series-line"/g)!.length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain("<title>2024-06-01 00:00:00 to 2024-06-01 00:15:00: 3 readings; highest");

    const top = await getJson<{ peaks: Peak[] }>(`/v1/markets/${MARKET}/peaks?limit=12`);
    const byRank = [...peaks].sort((a, b) => a.rank - b.rank);
    expect(byRank.map((p) => [p.rank, p.timestamp, p.kw])).toEqual(top.peaks.map((p) => [p.rank, p.timestamp, p.usage_kw]));
    // Each marker sits inside the hover target of the bucket that holds its reading.
    for (const peak of peaks) {
      const at = Date.parse(`${peak.timestamp}Z`);
      const bucket = points.find((p) => {
        const start = Date.parse(`${p["data-at"]}Z`);
        return start <= at && at < start + 900_000;
      })!;
      expect(peak.cx).toBeGreaterThanOrEqual(Number(bucket.x) - 0.11);
      expect(peak.cx).toBeLessThanOrEqual(Number(bucket.x) + Number(bucket.width) + 0.11);
    }
    expect(svg).toContain(`<title>Peak 1: ${shown(top.peaks[0]!)[1]} kW at ${shown(top.peaks[0]!)[2]}</title>`);
  });

  it("charts the readings themselves over a short window, with that window's peaks", async () => {
    const { html: allData } = await page("?n=5");
    const dayQuery = presetHref(allData, "day").slice(`/dashboards/peaks/${MARKET}`.length);
    const params = new URLSearchParams(dayQuery);
    const { html } = await page(dayQuery);
    expect(textOf(sectionById(html, "readings-chart"))).toContain("drawn as every reading");
    const window = `from=${params.get("from")}&to=${params.get("to")}`;
    const readings = await getJson<Readings>(`/v1/markets/${MARKET}/readings?${window}&resolution=raw`);
    const { points, peaks } = chartOf(html);
    expect(readings.points).toHaveLength(288);
    expect(points.map((p) => [p["data-at"], Number(p["data-kw"])])).toEqual(readings.points!.map((p) => [p.timestamp, p.usage_kw]));
    const top = await getJson<{ peaks: Peak[] }>(`/v1/markets/${MARKET}/peaks?limit=5&${window}`);
    expect(peaks.map((p) => p.timestamp).sort()).toEqual(top.peaks.map((p) => p.timestamp).sort());
    expect(tableRows(html)).toEqual(top.peaks.map(shown));
    for (const peak of peaks) {
      const point = points.find((p) => p["data-at"] === peak.timestamp)!;
      expect(peak.cx).toBeGreaterThanOrEqual(Number(point.x) - 0.11);
      expect(peak.cx).toBeLessThanOrEqual(Number(point.x) + Number(point.width) + 0.11);
    }
  });

  it("downloads as CSV the rows it shows, with the same n and window, linked from the page", async () => {
    const query = "?n=25&from=2024-06-02&to=2024-06-06";
    const { html } = await page(query);
    const href = decodeEntities(/<a class="button button-quiet" href="([^"]+)" download="peaks-zeta.csv">/.exec(html)![1]!);
    expect(href).toBe(`/dashboards/peaks/${MARKET}?n=25&from=2024-06-02T00%3A00%3A00&to=2024-06-06T00%3A00%3A00&format=csv`);
    const response = await call(href, asBrowser());
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="peaks-zeta.csv"');
    const text = await response.text();
    const [header, ...records] = text.trimEnd().split("\r\n");
    expect(header).toBe("market_name,rank,timestamp,usage_kw");
    const rows = tableRows(html);
    expect(rows).toHaveLength(25);
    expect(records.map((record) => record.split(","))).toEqual(
      rows.map(([rank, usage, timestamp]) => [MARKET, rank, timestamp!.replace(" ", "T"), usage!.replaceAll(",", "")]),
    );
    const api = await call(`/v1/markets/${MARKET}/peaks?limit=25&from=2024-06-02&to=2024-06-06&format=csv`);
    expect(await api.text()).toBe(text);
  });

  it("answers a bad n, from, to or format with a 422 page naming the parameter", async () => {
    const cases: Array<[string, string]> = [
      ["?n=4", "n: at least 5"],
      ["?n=101", "n: at most 100"],
      ["?n=ten", "n: expected a whole number from 5 to 100"],
      ["?from=2024-02-30", "from: expected YYYY-MM-DD"],
      ["?to=yesterday", "to: expected YYYY-MM-DD"],
      ["?from=2024-06-05&to=2024-06-05", "from: from must be before to"],
      ["?format=pdf", "format: expected html or csv"],
      ["?from=0001-01-01&to=9999-01-01", "from: the window is too long to chart"],
      [`?from=${encodeURIComponent(XSS)}`, "from: expected YYYY-MM-DD"],
    ];
    for (const [query, problem] of cases) {
      const { response, html } = await page(query);
      expect(response.status, query).toBe(422);
      expectSafePage(response, html);
      expect(decodeEntities(textOf(html)), query).toContain(problem);
      expect(html).not.toContain(XSS);
    }
  });

  it("answers an unknown market with the 404 page, its name escaped; market names cannot hold markup", async () => {
    const unknown = await page("", "nowhere");
    expect(unknown.response.status).toBe(404);
    expectSafePage(unknown.response, unknown.html);
    expect(textOf(unknown.html)).toContain("No such market");
    expect(textOf(unknown.html)).toContain("No market is named or numbered “nowhere”");

    const markup = await page("", encodeURIComponent(XSS));
    expect(markup.response.status).toBe(404);
    expect(markup.html).toContain("“&lt;img src=x onerror=alert(1)&gt;”");
    expect(markup.html).not.toContain(XSS);
    expect((await postJson("/v1/markets", { name: XSS })).status).toBe(422);
  });

  it("says so when a market has no readings", async () => {
    const { response, html } = await page("", "empty");
    expect(response.status).toBe(200);
    expect(textOf(html)).toContain("No readings yet.");
    expect(html).not.toContain('id="readings-chart"');
  });

  it("answers 304 to its own ETag until the market's data changes", async () => {
    const first = await page("?n=5");
    const etag = first.response.headers.get("ETag")!;
    const again = await call(`/dashboards/peaks/${MARKET}?n=5`, asBrowser({ headers: { "If-None-Match": etag } }));
    expect(again.status).toBe(304);
    const reading = { timestamp: "2024-06-05 12:00:07", usage_kw: 4321 };
    expect((await postJson(`/v1/markets/${MARKET}/readings`, { readings: [reading] })).status).toBe(200);
    const after = await call(`/dashboards/peaks/${MARKET}?n=5`, asBrowser({ headers: { "If-None-Match": etag } }));
    expect(after.status).toBe(200);
    expect(tableRows(await after.text())[0]).toEqual(["1", "4,321", "2024-06-05 12:00:07"]);
  });
});
