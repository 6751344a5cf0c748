import type { Browser } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { csvRecordsByHeader } from "../csv-rows";
import { checkAccessibility, screenshot } from "./browser";
import {
  apiWindow,
  canvasPixelsOf,
  card,
  cardPower,
  circuitPath,
  cssVariable,
  getJson,
  INSIGHTS_PATH,
  islandOf,
  legendWatts,
  loadFixture,
  OUTAGE,
  openInsights,
  orgPath,
  seriesPixelsAt,
  tableRows,
  WEST,
  waitForChart,
  windowOf,
} from "./insights-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

interface GroupFigures {
  circuit_count: number;
  sample_count: number;
  coverage: number;
  total_watts: number;
  avg_watts: number;
  avg_watts_per_circuit: number | null;
  energy_wh: number;
}

/**
 * The Insights dashboard as a person sees it, over the fixture loaded into the shared local system through the API:
 * its figures against /v1/organizations/{id}/usage, the outage as a gap in the drawn chart, presets and zones in the
 * URL, the legend's exact values, the CSV, accessibility and the look in light, dark and on a phone.
 */
describe("Insights dashboard /dashboards/insights", () => {
  let url: string;
  let browser: Browser;
  let outageId: string;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  beforeAll(async () => {
    const ids = await loadFixture(url);
    outageId = ids.get(`${OUTAGE.sensorId}:${OUTAGE.number}`)!;
    expect(outageId).toBeDefined();
  });

  it("shows the organisation's figures of /v1/organizations/{id}/usage for the window it says", async () => {
    const { page, errors } = await openInsights(browser, url, orgPath(WEST));
    const window = await windowOf(page);
    expect(new Date(window.from).toISOString()).toBe("2024-04-01T00:00:00.000Z");
    const api = await getJson<{ usage: GroupFigures }>(url, `/v1/organizations/${WEST}/usage?${apiWindow(window)}`);
    for (const field of ["avg_watts", "avg_watts_per_circuit", "energy_wh", "total_watts", "coverage"] as const) {
      expect((await card(page, field)).value, field).toBe(api.usage[field]);
    }
    expect((await card(page, "avg_watts")).text).toContain(cardPower(api.usage.avg_watts));
    expect((await card(page, "avg_watts_per_circuit")).text).toContain(`over ${api.usage.circuit_count} circuits`);
    await expect.poll(() => page.getByText("last 24 h of data ending 2024-04-02 00:00 UTC").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("draws the one-hour outage as a gap: nulls in the data, no line over those buckets", async () => {
    const { page, errors } = await openInsights(browser, url, circuitPath(outageId));
    const island = await islandOf(page);
    const at = (iso: string) => Date.parse(iso) / 1000;
    const gaps = island.x.filter((_, i) => island.series[0]!.y[i] === null);
    expect(gaps).toEqual(["10:00", "10:15", "10:30", "10:45"].map((time) => at(`2024-04-01T${time}:00Z`)));
    for (const time of ["10:05", "10:22", "10:40", "10:52"]) {
      expect(await seriesPixelsAt(page, at(`2024-04-01T${time}:00Z`), island), `line at ${time}`).toBe(0);
    }
    for (const time of ["08:07", "09:22", "11:22", "15:37"]) {
      expect(await seriesPixelsAt(page, at(`2024-04-01T${time}:00Z`), island), `line at ${time}`).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  it("changes the URL and the view with a preset and with a time zone", async () => {
    const { page, errors } = await openInsights(browser, url, orgPath(WEST));
    expect((await islandOf(page)).x).toHaveLength(96);
    await page.getByRole("link", { name: "7 days", exact: true }).click();
    await page.waitForURL(/preset=7d/);
    await waitForChart(page);
    expect((await islandOf(page)).x).toHaveLength(7 * 96);
    await expect.poll(() => page.getByText("last 7 days of data ending 2024-04-02 00:00 UTC").count()).toBe(1);
    expect(await page.getByRole("link", { name: "7 days", exact: true }).getAttribute("aria-current")).toBe("page");

    await page.getByLabel("Time zone (IANA name)").fill("Europe/Amsterdam");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/tz=Europe%2FAmsterdam/);
    await waitForChart(page);
    expect(new URL(page.url()).searchParams.get("preset")).toBe("7d");
    const island = await islandOf(page);
    expect(island.tz).toBe("Europe/Amsterdam");
    expect(new Date(island.x[0]! * 1000).toISOString()).toBe("2024-03-26T23:00:00.000Z");
    expect(await page.locator(".insights-summary").textContent()).toContain(
      "Times in Europe/Amsterdam (UTC+01:00, then UTC+02:00 in this window)",
    );
    expect(await page.locator("#insights-chart .u-axis").first().isVisible()).toBe(true);
    await page.locator("#series-details > summary").click();
    await screenshot(page, "insights-organization-7d-amsterdam");
    expect(errors).toEqual([]);
  });

  it("shows each series' exact value and the bucket's time in the legend on hover", async () => {
    const { page, errors } = await openInsights(browser, url, orgPath(WEST));
    const island = await islandOf(page);
    const over = page.locator("#insights-chart .u-over");
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    // The middle of the 09:30 bucket.
    const index = island.x.indexOf(Date.parse("2024-04-01T09:30:00Z") / 1000);
    const fraction = (island.x[index]! + 450 - island.x[0]!) / (island.end - island.x[0]!);
    await page.mouse.move(box.x + fraction * box.width, box.y + box.height / 2);
    const values = page.locator("#insights-chart .u-legend .u-series .u-value");
    await expect.poll(() => values.first().textContent()).toBe("2024-04-01 09:30–09:45 UTC");
    const shown = await values.allTextContents();
    expect(shown.slice(1)).toEqual(island.series.map((series) => legendWatts(series.y[index]!)));
    const names = await page.locator("#insights-chart .u-legend .u-series .u-label").allTextContents();
    expect(names.slice(1)).toEqual(island.series.map((series) => series.label));
    expect(errors).toEqual([]);
  });

  it("offers a CSV equal to the table and to the chart's data", async () => {
    const { page, errors } = await openInsights(browser, url, orgPath(WEST, "?group=location&tz=Europe/Amsterdam"));
    const href = await page.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
    const csv = csvRecordsByHeader(await (await fetch(new URL(href!, url))).text());
    const rows = await tableRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      csv.map((row) => [
        new Date(row.bucket_start!).toISOString(),
        new Date(row.bucket_end!).toISOString(),
        row.series,
        row.sample_count,
        row.expected_samples,
        row.avg_watts || "no readings",
      ]),
    ).toEqual(rows.map((cells) => [...cells.slice(0, 5), cells[6]!.replaceAll(",", "")]));
    const island = await islandOf(page);
    expect(csv.map((row) => (row.avg_watts === "" ? null : Number(row.avg_watts)))).toEqual(island.series.flatMap((series) => series.y));
    expect(errors).toEqual([]);
  });

  it("works without JavaScript: figures, the table and the controls, the chart replaced by a note", async () => {
    const { page } = await openInsights(browser, url, circuitPath(outageId, "?preset=7d"), { javaScriptEnabled: false });
    expect(await page.getByText("The chart needs JavaScript").isVisible()).toBe(true);
    expect((await card(page, "avg_watts")).value).not.toBeNull();
    await page.getByRole("link", { name: "30 days", exact: true }).click();
    await page.waitForURL(/preset=30d/);
    expect((await tableRows(page)).length).toBe(720);
  });

  it("lists every organisation and circuit in the tree, linking to their pages", async () => {
    const { page, errors } = await openInsights(browser, url, INSIGHTS_PATH, { javaScriptEnabled: true });
    await page.getByRole("link", { name: "West Franchise" }).click();
    await page.waitForURL(new RegExp(`${orgPath(WEST)}$`));
    await waitForChart(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("West Franchise");
    expect(errors).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation in ${colorScheme}, the chart in the theme's colours`, async () => {
      for (const [name, path] of [
        ["tree", INSIGHTS_PATH],
        ["organization", orgPath(WEST)],
        ["circuit", circuitPath(outageId)],
      ] as const) {
        const { page, errors } = await openInsights(browser, url, path, { colorScheme });
        if (name !== "tree") await page.locator("#series-details > summary").click();
        expect(await checkAccessibility(page), `${name} in ${colorScheme}`).toEqual([]);
        if (name !== "tree") await page.locator("#series-details > summary").click();
        await screenshot(page, `insights-${name}-${colorScheme}`);
        expect(errors).toEqual([]);
      }
      // The axes are drawn in the theme's --muted, read from the stylesheet: light grey on dark, dark grey on light.
      const { page } = await openInsights(browser, url, orgPath(WEST), { colorScheme });
      const muted = await cssVariable(page, "--muted");
      expect(muted).toBe(colorScheme === "dark" ? "#a7afba" : "#545b66");
      expect(await canvasPixelsOf(page, muted)).toBeGreaterThan(200);
      expect(await canvasPixelsOf(page, colorScheme === "dark" ? "#545b66" : "#a7afba")).toBeLessThan(50);
    });
  }

  it("fits a 390 px phone without sideways scrolling, the chart as wide as its frame", async () => {
    for (const [name, path] of [
      ["organization", orgPath(WEST)],
      ["circuit", circuitPath(outageId)],
      ["tree", INSIGHTS_PATH],
    ] as const) {
      const { page, errors } = await openInsights(browser, url, path, { width: 390, height: 844 });
      expect(await page.locator("html").evaluate((html) => html.scrollWidth), name).toBeLessThanOrEqual(390);
      if (name !== "tree") {
        const frame = (await page.locator("#insights-chart").boundingBox())!;
        const canvas = (await page.locator("#insights-chart canvas").boundingBox())!;
        expect(Math.abs(canvas.width - frame.width)).toBeLessThanOrEqual(1);
      }
      await screenshot(page, `insights-${name}-390`);
      expect(errors).toEqual([]);
    }
  });

  it("resizes the chart with its container", async () => {
    const { page, errors } = await openInsights(browser, url, orgPath(WEST));
    const widthOf = async () => (await page.locator("#insights-chart canvas").boundingBox())!.width;
    const wide = await widthOf();
    await page.setViewportSize({ width: 700, height: 900 });
    await expect.poll(widthOf).toBeLessThan(wide);
    const frame = (await page.locator("#insights-chart").boundingBox())!;
    expect(Math.abs((await widthOf()) - frame.width)).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
