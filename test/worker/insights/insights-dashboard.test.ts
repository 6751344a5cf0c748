import { beforeAll, describe, expect, it } from "vitest";
import { csvRecordsByHeader } from "../../csv-rows";
import { call, fixture, getJson, postJson, simpleCsv } from "../helpers";
import { asBrowser, textOf } from "../web/page-html";
import {
  apiWindow,
  asCsvNumber,
  cardsOf,
  circuitPage,
  figuresIn,
  INSIGHTS,
  islandOf,
  okPage,
  openPage,
  orgPage,
  peakTimeOf,
  seriesTableOf,
  windowOf,
} from "./insights-dashboard-html";

/**
 * The Insights dashboard over the fixture (FIXTURES_DIR/insights: 36 circuits, 2024-04-01 UTC at one reading a
 * minute, one circuit with a one-hour outage), checked against the JSON API it reads through.
 */
interface Reading {
  duid: string;
  circuit_number: number;
  timestamp: string;
  power_watts: number;
}

interface Figures {
  sample_count: number;
  expected_samples: number;
  coverage: number;
  total_watts: number;
  avg_watts: number | null;
  max_watts: number | null;
  max_at: string | null;
  energy_wh: number;
}

interface GroupFigures {
  circuit_count: number;
  sample_count: number;
  expected_samples: number;
  coverage: number;
  total_watts: number;
  avg_watts: number;
  avg_watts_per_circuit: number | null;
  energy_wh: number;
}

interface OrganizationUsage {
  usage: GroupFigures;
  locations: Array<{
    location: { id: string; name: string };
    usage: GroupFigures;
    circuits: Array<{ circuit: { id: string; name: string }; usage: Figures }>;
  }>;
}

const BRAND = "11111111-1111-1111-1111-111111111111";
const WEST = "eac7fee9-07d9-4882-93f5-14f11d3f7b89";
const EAST = "955c3c4d-3a03-4d79-9655-3871f5ad999d";
const sensors = simpleCsv(fixture("insights/electric_sensors.csv"));
/** The fixture's circuit with a one-hour outage: no readings 10:00–10:59 UTC. */
const OUTAGE = { sensorId: sensors.find((s) => s.duid === "5A09555751350906")!.id, number: 3 };
const circuitIds = new Map<string, string>();
let outageId: string;

beforeAll(async () => {
  const doc = {
    brands: simpleCsv(fixture("insights/brands.csv")),
    organizations: simpleCsv(fixture("insights/organizations.csv")),
    locations: simpleCsv(fixture("insights/locations.csv")),
    electric_sensors: sensors,
    circuits: simpleCsv(fixture("insights/circuits.csv")).map((c) => ({ ...c, circuit_number: Number(c.circuit_number) })),
  };
  const response = await postJson("/v1/insights/metadata", doc);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { circuit_ids: Array<{ sensor_id: string; circuit_number: number; id: string }> };
  for (const c of body.circuit_ids) circuitIds.set(`${c.sensor_id}:${c.circuit_number}`, c.id);
  outageId = circuitIds.get(`${OUTAGE.sensorId}:${OUTAGE.number}`)!;
  const series = JSON.parse(fixture("insights/mock_timeseries.json")) as Reading[];
  for (let i = 0; i < series.length; i += 50_000)
    expect((await postJson("/v1/insights/readings", series.slice(i, i + 50_000))).status).toBe(200);
});

describe("the insights tree /dashboards/insights", () => {
  it("lists every organisation, location, sensor and circuit of /v1/brands/{id}/metadata, linking organisations and circuits", async () => {
    const brand = await getJson<{
      name: string;
      organizations: Array<{
        id: string;
        name: string;
        locations: Array<{
          id: string;
          name: string;
          electric_sensors: Array<{ id: string; circuits: Array<{ id: string; name: string }> }>;
        }>;
      }>;
    }>(`/v1/brands/${BRAND}/metadata`);
    const html = await okPage(INSIGHTS);
    expect(html).toContain(`>${brand.name}</h2>`);
    const listed = (attribute: string) => [...html.matchAll(new RegExp(`data-${attribute}="([^"]+)"`, "g"))].map((m) => m[1]);
    const organizations = brand.organizations;
    const locations = organizations.flatMap((o) => o.locations);
    const sensorList = locations.flatMap((l) => l.electric_sensors);
    const circuits = sensorList.flatMap((s) => s.circuits);
    expect(listed("organization")).toEqual(organizations.map((o) => o.id));
    expect(listed("location")).toEqual(locations.map((l) => l.id));
    expect(listed("sensor")).toEqual(sensorList.map((s) => s.id));
    expect(listed("circuit")).toEqual(circuits.map((c) => c.id));
    expect(circuits).toHaveLength(36);
    for (const o of organizations) expect(html).toContain(`<a href="${orgPage(o.id)}">${o.name}</a>`);
    for (const c of circuits) expect(html).toContain(`<a href="${circuitPage(c.id)}">${c.name}</a>`);
  });
});

describe("an organisation page", () => {
  async function expectFiguresOfApi(html: string, orgId: string): Promise<void> {
    const api = await getJson<OrganizationUsage>(`/v1/organizations/${orgId}/usage?${apiWindow(windowOf(html))}`);
    const { usage } = api;
    const cards = cardsOf(html);
    expect(cards).toMatchObject({
      avg_watts: usage.avg_watts,
      avg_watts_per_circuit: usage.avg_watts_per_circuit,
      energy_wh: usage.energy_wh,
      total_watts: usage.total_watts,
      coverage: usage.coverage,
    });
    const circuits = api.locations.flatMap((l) => l.circuits);
    const peak = circuits.reduce((best, c) => ((c.usage.max_watts ?? -1) > (best.usage.max_watts ?? -1) ? c : best));
    expect(cards.max_watts).toBe(peak.usage.max_watts);
    expect(peakTimeOf(html)).toBe(peak.usage.max_at);
    expect(html).toContain(`<data value="${usage.sample_count}">`);
    expect(html).toContain(`<data value="${usage.expected_samples}">`);
    for (const { location, usage: figures, circuits: rows } of api.locations) {
      const section = html.slice(
        html.indexOf(`id="location-${location.id}"`),
        html.indexOf("</section>", html.indexOf(`id="location-${location.id}"`)),
      );
      expect(section).toContain(location.name);
      const head = section.slice(0, section.indexOf("<table"));
      expect(figuresIn(head)).toEqual({
        avg_watts: figures.avg_watts,
        avg_watts_per_circuit: figures.avg_watts_per_circuit,
        energy_wh: figures.energy_wh,
        total_watts: figures.total_watts,
        coverage: figures.coverage,
      });
      for (const { circuit, usage: c } of rows) {
        const row = section.slice(
          section.indexOf(`data-circuit="${circuit.id}"`),
          section.indexOf("</tr>", section.indexOf(`data-circuit="${circuit.id}"`)),
        );
        expect(figuresIn(row)).toEqual({ avg_watts: c.avg_watts, max_watts: c.max_watts, energy_wh: c.energy_wh, coverage: c.coverage });
        expect(row).toContain(`<time datetime="${c.max_at}">`);
      }
    }
  }

  it("shows the figures of /v1/organizations/{id}/usage for its window, by default the last 24 h of data", async () => {
    const html = await okPage(orgPage(WEST));
    expect(windowOf(html)).toMatchObject({ start: "2024-04-01T00:00:00Z", end: "2024-04-02T00:00:00Z" });
    expect(textOf(html)).toContain("last 24 h of data ending 2024-04-02 00:00 UTC");
    expect(textOf(html)).toContain("Latest reading: 2024-04-01 23:59 UTC");
    await expectFiguresOfApi(html, WEST);
  });

  it("shows the same figures as the API for a custom window, a location view, and another zone", async () => {
    for (const query of [
      "?start=2024-04-01T09:30:00Z&end=2024-04-01T12:15:00Z",
      "?start=2024-04-01T03:17:30Z&end=2024-04-01T21:42:10Z&group=location",
      "?preset=7d&tz=America/New_York",
    ]) {
      await expectFiguresOfApi(await okPage(orgPage(EAST, query)), EAST);
    }
  });

  it("charts one series per circuit, or per location with group=location, and says which", async () => {
    const byCircuit = await okPage(orgPage(EAST));
    expect(islandOf(byCircuit).series.map((s) => s.label)).toHaveLength(12);
    expect(textOf(byCircuit)).toContain("One line per circuit");
    // Circuit names repeat across sensors and locations: each series is named so that it is told apart.
    expect(new Set(islandOf(byCircuit).series.map((s) => s.label)).size).toBe(12);
    const byLocation = await okPage(orgPage(EAST, "?group=location"));
    expect(islandOf(byLocation).series.map((s) => s.label)).toEqual(["East‑Boston", "East‑NYC"]);
    expect(textOf(byLocation)).toContain("One line per location");
  });

  it("charts a location's bucket without readings as a gap, not as 0 W", async () => {
    const html = await okPage(orgPage(EAST, "?group=location&preset=7d"));
    const island = islandOf(html);
    const firstDay = island.x.findIndex((x) => x >= Date.parse("2024-04-01T00:00:00Z") / 1000);
    expect(firstDay).toBe(6 * 96);
    for (const series of island.series) {
      expect(series.y.slice(0, firstDay).every((y) => y === null)).toBe(true);
      expect(series.y.slice(firstDay).every((y) => typeof y === "number" && y > 0)).toBe(true);
    }
  });
});

describe("a circuit page", () => {
  it("shows the figures of /v1/circuits/{id}/usage for its window", async () => {
    for (const query of ["", "?start=2024-04-01T09:30:00Z&end=2024-04-01T12:15:00Z", "?preset=30d&tz=Asia/Kolkata"]) {
      const html = await okPage(circuitPage(outageId, query));
      const api = await getJson<{ usage: Figures }>(`/v1/circuits/${outageId}/usage?${apiWindow(windowOf(html))}`);
      expect(cardsOf(html)).toEqual({
        avg_watts: api.usage.avg_watts,
        max_watts: api.usage.max_watts,
        energy_wh: api.usage.energy_wh,
        total_watts: api.usage.total_watts,
        coverage: api.usage.coverage,
      });
      expect(peakTimeOf(html)).toBe(api.usage.max_at);
      expect(html).toContain(`<data value="${api.usage.sample_count}">`);
    }
  });

  it("charts one x per bucket and a null exactly where the API's series has no readings: the outage is a gap", async () => {
    for (const [query, resolution] of [
      ["", "15m"],
      ["?resolution=1m", "1m"],
      ["?resolution=1h", "1h"],
    ] as const) {
      const html = await okPage(circuitPage(outageId, query));
      const api = await getJson<{ series: Array<Figures & { start: string; end: string }> }>(
        `/v1/circuits/${outageId}/usage?${apiWindow(windowOf(html))}&resolution=${resolution}`,
      );
      const island = islandOf(html);
      expect(island.x).toEqual(api.series.map((bucket) => Date.parse(bucket.start) / 1000));
      expect(island.end).toBe(Date.parse(api.series.at(-1)!.end) / 1000);
      expect(island.series).toHaveLength(1);
      expect(island.series[0]!.y).toEqual(api.series.map((bucket) => (bucket.sample_count === 0 ? null : bucket.avg_watts)));
      const gaps = island.x.filter((_, i) => island.series[0]!.y[i] === null).map((x) => new Date(x * 1000).toISOString());
      expect(gaps.length, `${resolution}: the outage`).toBeGreaterThan(0);
      expect(gaps.every((at) => at >= "2024-04-01T10:00" && at < "2024-04-01T11:00")).toBe(true);
    }
  });
});

describe("presets and resolution", () => {
  it("end just after the latest reading, start at an hour or midnight, and pick ≤ 1,000 points a series", async () => {
    const expected = {
      "24h": ["2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z", "15m", 96],
      "7d": ["2024-03-26T00:00:00Z", "2024-04-02T00:00:00Z", "15m", 672],
      "30d": ["2024-03-03T00:00:00Z", "2024-04-02T00:00:00Z", "1h", 720],
    } as const;
    for (const [preset, [start, end, resolution, points]] of Object.entries(expected)) {
      const html = await okPage(orgPage(WEST, `?preset=${preset}`));
      expect(windowOf(html)).toMatchObject({ start, end });
      const island = islandOf(html);
      expect(island.x, preset).toHaveLength(points);
      expect(points).toBeLessThanOrEqual(1000);
      expect(html).toMatch(
        new RegExp(`<option value="" selected="">Automatic[^<]*now ${{ "15m": "15 minutes", "1h": "1 hour" }[resolution]}`),
      );
      expect(html).toContain(`aria-current="page">${{ "24h": "24 h", "7d": "7 days", "30d": "30 days" }[preset]}</a>`);
    }
  });

  it("refuses a resolution that gives more than 10,000 points a series, naming it", async () => {
    const { response, html } = await openPage(orgPage(WEST, "?preset=30d&resolution=1m"));
    expect(response.status).toBe(422);
    expect(textOf(html)).toMatch(/resolution: a 1m series over this window has 43,200 points, more than 10,000/);
  });
});

describe("time zones", () => {
  it("align the window to the zone's hours and midnights and show times with the zone's offset", async () => {
    const day = await okPage(circuitPage(outageId, "?tz=Europe/Amsterdam"));
    // The latest reading, 23:59 UTC, is 01:59 on 2 April in Amsterdam (+02:00): 24 h ending at 02:00.
    expect(windowOf(day)).toMatchObject({ start: "2024-04-01T02:00:00+02:00", end: "2024-04-02T02:00:00+02:00" });
    expect(textOf(day)).toContain("Latest reading: 2024-04-02 01:59 +02:00");
    expect(textOf(day)).toContain("Times in Europe/Amsterdam (UTC+02:00)");
    const week = await okPage(circuitPage(outageId, "?tz=Europe/Amsterdam&preset=7d"));
    expect(windowOf(week)).toMatchObject({ start: "2024-03-27T00:00:00+01:00", end: "2024-04-03T00:00:00+02:00" });
    expect(textOf(week)).toContain("Times in Europe/Amsterdam (UTC+01:00, then UTC+02:00 in this window)");
  });

  it("make 1d buckets the zone's calendar days, the 23-hour day of the DST change included, each as the API sums it", async () => {
    const html = await okPage(circuitPage(outageId, "?tz=Europe/Amsterdam&preset=7d&resolution=1d"));
    const island = islandOf(html);
    const edges = [...island.x, island.end].map((seconds) => seconds * 1000);
    expect(edges.slice(1).map((edge, i) => (edge - edges[i]!) / 3_600_000)).toEqual([24, 24, 24, 24, 23, 24, 24]);
    const rows = seriesTableOf(html);
    expect(rows.map((row) => row.start)).toEqual(edges.slice(0, -1));
    for (const row of rows) {
      const api = await getJson<{ usage: Figures }>(`/v1/circuits/${outageId}/usage?${apiWindow({ from: row.start, to: row.end })}`);
      expect([row.readings, row.expected, asCsvNumber(row.average)]).toEqual([
        String(api.usage.sample_count),
        String(api.usage.expected_samples),
        api.usage.avg_watts === null ? "" : String(api.usage.avg_watts),
      ]);
    }
    // The fixture's day, 00:00–23:59 UTC, is 02:00 on 1 April to 01:59 on 2 April in Amsterdam.
    expect(rows.map((row) => Number(row.readings))).toEqual([0, 0, 0, 0, 0, 1320 - 60, 120]);
  });

  it("refuse an unknown zone, naming tz", async () => {
    for (const tz of ["Mars/Olympus", "+02:00", "Europe"]) {
      const { response, html } = await openPage(circuitPage(outageId, `?tz=${encodeURIComponent(tz)}`));
      expect(response.status, tz).toBe(422);
      expect(textOf(html)).toContain("tz: expected an IANA time zone name");
    }
  });
});

describe("the series as CSV", () => {
  it("holds the table's rows and figures exactly", async () => {
    for (const query of ["", "?group=location&tz=Europe/Amsterdam", "?resolution=1h&start=2024-04-01T09:30:00Z&end=2024-04-01T12:15:00Z"]) {
      const html = await okPage(orgPage(WEST, query));
      const table = seriesTableOf(html);
      const csvHref = /<a class="button button-quiet" href="([^"]+)" download=/.exec(html)![1]!.replaceAll("&amp;", "&");
      const response = await call(csvHref, asBrowser());
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="insights-[0-9a-f-]+\.csv"$/);
      const csv = csvRecordsByHeader(await response.text());
      expect(csv.length, query).toBe(table.length);
      expect(csv.length).toBeGreaterThan(0);
      csv.forEach((row, i) => {
        const shown = table[i]!;
        expect([Date.parse(row.bucket_start!), Date.parse(row.bucket_end!), row.series]).toEqual([shown.start, shown.end, shown.series]);
        expect([row.sample_count, row.expected_samples, row.avg_watts, row.max_watts]).toEqual([
          shown.readings,
          shown.expected,
          asCsvNumber(shown.average),
          asCsvNumber(shown.maximum),
        ]);
        expect(Number(row.coverage) * 100).toBeCloseTo(Number(shown.coverage.replace(" %", "")), 6);
        expect(row.max_at ? Date.parse(row.max_at) : null).toBe(shown.maxAt);
      });
    }
  });
});

describe("the series table", () => {
  it("past 3,000 rows gives way to the CSV and links views of the same window whose table fits", async () => {
    const html = await okPage(orgPage(EAST, "?preset=7d"));
    expect(html).not.toContain('id="series-table"');
    expect(textOf(html)).toContain("8,064 rows are more than a page shows (at most 3,000): the CSV holds them all.");
    const links = [...html.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> \(([\d,]+) rows\)<\/li>/g)].map((m) => [
      m[1]!.replaceAll("&amp;", "&"),
      m[2],
      m[3],
    ]);
    expect(links).toEqual([
      [orgPage(EAST, "?preset=7d&resolution=1h"), "Buckets of 1 hour", "2,016"],
      [orgPage(EAST, "?preset=7d&group=location"), "One series per location", "1,344"],
    ]);
    for (const [href, , rows] of links) expect(seriesTableOf(await okPage(href!))).toHaveLength(Number(rows!.replace(",", "")));
    const csv = csvRecordsByHeader(await (await call(orgPage(EAST, "?preset=7d&format=csv"))).text());
    expect(csv).toHaveLength(8064);
  });
});

describe("addresses a page cannot show", () => {
  it("answer 422 with an HTML page naming the parameter", async () => {
    const cases: Array<[string, string]> = [
      ["?preset=5d", "preset: expected 24h, 7d or 30d"],
      ["?resolution=2h", "resolution: expected one of 1m, 15m, 1h, 1d"],
      ["?group=sensor", "group: expected circuit or location"],
      ["?format=pdf", "format: expected html or csv"],
      ["?start=2024-04-01", "end: give both start and end"],
      ["?start=2024-04-02&end=2024-04-01", "start: start must be before end"],
      ["?start=yesterday&end=2024-04-01", "start: expected a date"],
      ["?start=2023-01-01&end=2024-04-01", "end: the window may span at most 366 days"],
      ["?preset=7d&start=2024-04-01&end=2024-04-02", "preset: give a preset or start and end, not both"],
    ];
    for (const [query, message] of cases) {
      const { response, html } = await openPage(orgPage(WEST, query));
      expect(response.status, query).toBe(422);
      expect(textOf(html), query).toContain(message);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("answer 404 with an HTML page for unknown ids", async () => {
    for (const path of [
      orgPage("00000000-0000-4000-8000-000000000000"),
      circuitPage("00000000-0000-4000-8000-000000000000"),
      orgPage("nope"),
    ]) {
      const { response, html } = await openPage(path);
      expect(response.status, path).toBe(404);
      expect(textOf(html)).toMatch(/No such (organisation|circuit)/);
    }
  });
});

describe("caching", () => {
  it("serves a strong ETag, a 304 for it, and a new one once a reading arrives", async () => {
    for (const path of [INSIGHTS, orgPage(WEST), circuitPage(outageId, "?format=csv")]) {
      const first = await call(path, asBrowser());
      const etag = first.headers.get("ETag")!;
      expect(etag, path).toMatch(/^"[0-9a-f]{24}"$/);
      expect(first.headers.get("Cache-Control")).toBe("private, no-cache");
      const again = await call(path, asBrowser({ headers: { "If-None-Match": etag } }));
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
    }
    const before = (await call(circuitPage(outageId), asBrowser())).headers.get("ETag")!;
    const reading = { duid: "5A09555751350906", circuit_number: 3, timestamp: "2024-04-01T10:30:00Z", power_watts: 1234 };
    expect((await postJson("/v1/insights/readings", [reading])).status).toBe(200);
    const after = await call(circuitPage(outageId), asBrowser({ headers: { "If-None-Match": before } }));
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(before);
  });
});
