import { beforeAll, describe, expect, it } from "vitest";
import { call, getJson, postJson } from "../helpers";
import { textOf } from "../web/page-html";
import {
  apiWindow,
  asCsvNumber,
  circuitPage,
  INSIGHTS,
  islandOf,
  okPage,
  openPage,
  orgPage,
  seriesTableOf,
} from "./insights-dashboard-html";

/**
 * Synthetic data across the autumn DST change in Amsterdam (clocks back at 2024-10-27 01:00 UTC), and names that
 * must be escaped: what the fixture, one UTC day in April, cannot show.
 */
const id = (n: number) => `dddddddd-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const HOSTILE = `<script>alert("x")</script> & 'Co' </script><!--`;
const BRAND = id(0xb1);
const ORG = id(0xc1);
const SENSOR = { id: id(1), duid: "ZONETEST01" };
const HOUR = 3_600_000;
/** One reading an hour, from Friday 25 to Tuesday 29 October 2024 (UTC), holding its hour's index + 1 watts. */
const FIRST = Date.parse("2024-10-25T00:00:00Z");
const HOURS = 4 * 24;
let circuitId: string;

beforeAll(async () => {
  const response = await postJson("/v1/insights/metadata", {
    brands: [{ id: BRAND, name: `Brand ${HOSTILE}` }],
    organizations: [{ id: ORG, brand_id: BRAND, name: `Org ${HOSTILE}` }],
    locations: [{ id: id(0xd1), organization_id: ORG, name: `Site ${HOSTILE}` }],
    electric_sensors: [
      { id: SENSOR.id, duid: SENSOR.duid, name: `Panel ${HOSTILE}`, location_id: id(0xd1), sample_interval_seconds: 3600 },
    ],
    circuits: [{ sensor_id: SENSOR.id, circuit_number: 1, name: `Circuit ${HOSTILE}` }],
  });
  expect(response.status).toBe(200);
  circuitId = ((await response.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids[0]!.id;
  const readings = Array.from({ length: HOURS }, (_, i) => ({
    duid: SENSOR.duid,
    circuit_number: 1,
    timestamp: new Date(FIRST + i * HOUR).toISOString(),
    power_watts: i + 1,
  }));
  expect((await postJson("/v1/insights/readings", readings)).status).toBe(200);
});

describe("zones across the autumn DST change", () => {
  it("make the 25-hour local day one bucket holding 25 hourly readings, as the API sums that day", async () => {
    const html = await okPage(circuitPage(circuitId, "?tz=Europe/Amsterdam&start=2024-10-26&end=2024-10-29&resolution=1d"));
    const island = islandOf(html);
    const edges = [...island.x, island.end].map((seconds) => seconds * 1000);
    expect(edges.map((ms) => new Date(ms).toISOString())).toEqual([
      "2024-10-25T22:00:00.000Z",
      "2024-10-26T22:00:00.000Z",
      "2024-10-27T23:00:00.000Z",
      "2024-10-28T23:00:00.000Z",
    ]);
    const rows = seriesTableOf(html);
    expect(rows.map((row) => Number(row.readings))).toEqual([24, 25, 24]);
    for (const row of rows) {
      const api = await getJson<{ usage: { sample_count: number; avg_watts: number | null; max_watts: number | null } }>(
        `/v1/circuits/${circuitId}/usage?${apiWindow({ from: row.start, to: row.end })}`,
      );
      expect([Number(row.readings), asCsvNumber(row.average), asCsvNumber(row.maximum)]).toEqual([
        api.usage.sample_count,
        String(api.usage.avg_watts),
        String(api.usage.max_watts),
      ]);
    }
    expect(textOf(html)).toContain("Times in Europe/Amsterdam (UTC+02:00, then UTC+01:00 in this window)");
    expect(html).toContain("<td>2024-10-27 00:00 +02:00</td><td>2024-10-28 00:00 +01:00</td>");
  });

  it("give the same 1d buckets as the API's series in UTC", async () => {
    const html = await okPage(circuitPage(circuitId, "?start=2024-10-25&end=2024-10-29&resolution=1d"));
    const api = await getJson<{ series: Array<{ start: string; sample_count: number; avg_watts: number | null }> }>(
      `/v1/circuits/${circuitId}/usage?start=2024-10-25T00:00:00Z&end=2024-10-29T00:00:00Z&resolution=1d`,
    );
    const island = islandOf(html);
    expect(island.x).toEqual(api.series.map((bucket) => Date.parse(bucket.start) / 1000));
    expect(island.series[0]!.y).toEqual(api.series.map((bucket) => bucket.avg_watts));
  });
});

describe("names from the data", () => {
  it("are escaped in the tree, the pages, the data island and the CSV", async () => {
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; &lt;/script&gt;&lt;!--";
    for (const path of [INSIGHTS, orgPage(ORG), circuitPage(circuitId), orgPage(ORG, "?group=location")]) {
      const { response, html } = await openPage(path);
      expect(response.status, path).toBe(200);
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("</script><!--");
      expect(html).toContain(escaped);
    }
    const island = islandOf(await okPage(orgPage(ORG)));
    expect(island.series.map((s) => s.label)).toEqual([`Circuit ${HOSTILE}`]);
    const csv = await (await call(orgPage(ORG, "?format=csv"))).text();
    expect(csv).toContain(`"Circuit <script>alert(""x"")</script> & 'Co' </script><!--"`);
  });
});
