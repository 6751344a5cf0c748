import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { readDevVars } from "../../scripts/lib/dev-vars";
import { fixturesDir } from "../../scripts/lib/paths";
import type { Island } from "../insights-island";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";

/**
 * The Insights dashboard as the browser tests read it. The fixture (FIXTURES_DIR/insights) is loaded into the
 * running system through the public API with the local ingest token; its ids and duids are not the sample data's
 * (data/insights), so both live side by side. A missing fixture fails, it never skips.
 */

export const INSIGHTS_PATH = "/dashboards/insights";
export const orgPath = (id: string, query = "") => `${INSIGHTS_PATH}/organizations/${id}${query}`;
export const circuitPath = (id: string, query = "") => `${INSIGHTS_PATH}/circuits/${id}${query}`;

/** The fixture's organisation holding the circuit with the one-hour outage (West‑SF, Panel-2, circuit 3). */
export const WEST = "eac7fee9-07d9-4882-93f5-14f11d3f7b89";
export const OUTAGE = { sensorId: "1f223a7e-cde6-4bf2-9cdb-281423841e7e", duid: "5A09555751350906", number: 3 };

const fixtureFile = (name: string) => readFileSync(join(fixturesDir(), "insights", name), "utf8");

/** Header-keyed rows of the fixture's simple CSVs (no quoted fields). */
function simpleCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
}

export async function postWithToken(base: string, path: string, body: unknown): Promise<Response> {
  const token = readDevVars().INGEST_TOKEN;
  expect(token, "the local ingest token in .dev.vars (npm start writes it)").toBeTruthy();
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** Loads the fixture's metadata and readings (idempotent: a second load changes nothing); returns circuit ids by "sensor:number". */
export async function loadFixture(base: string): Promise<Map<string, string>> {
  const metadata = {
    brands: simpleCsv(fixtureFile("brands.csv")),
    organizations: simpleCsv(fixtureFile("organizations.csv")),
    locations: simpleCsv(fixtureFile("locations.csv")),
    electric_sensors: simpleCsv(fixtureFile("electric_sensors.csv")),
    circuits: simpleCsv(fixtureFile("circuits.csv")).map((c) => ({ ...c, circuit_number: Number(c.circuit_number) })),
  };
  const response = await postWithToken(base, "/v1/insights/metadata", metadata);
  expect(response.status, await response.clone().text()).toBe(200);
  const { circuit_ids } = (await response.json()) as { circuit_ids: Array<{ sensor_id: string; circuit_number: number; id: string }> };
  const readings = JSON.parse(fixtureFile("mock_timeseries.json")) as unknown[];
  for (let i = 0; i < readings.length; i += 50_000) {
    const ingest = await postWithToken(base, "/v1/insights/readings", readings.slice(i, i + 50_000));
    expect(ingest.status, await ingest.clone().text()).toBe(200);
  }
  return new Map(circuit_ids.map((c) => [`${c.sensor_id}:${c.circuit_number}`, c.id]));
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** A dashboard page in a fresh context (requests off 127.0.0.1 fail the test), console errors collected from the start. */
export async function openInsights(
  browser: Browser,
  base: string,
  path: string,
  options: PageOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), path).toBe(200);
  if (options.javaScriptEnabled !== false && (await page.locator("#insights-chart").count()) > 0) await waitForChart(page);
  return { page, errors };
}

/** Waits until the page's script has drawn the chart once. */
export async function waitForChart(page: Page): Promise<void> {
  await page.locator('#insights-chart[data-chart-drawn="true"]').waitFor();
}

export const islandOf = (page: Page): Promise<Island> =>
  page.locator("#chart-data").evaluate((element) => JSON.parse(element.textContent ?? "") as Island);

/** The window the page says it shows, as instants. */
export async function windowOf(page: Page): Promise<{ from: number; to: number }> {
  const lede = page.locator("[data-window-start]");
  return {
    from: Date.parse((await lede.getAttribute("data-window-start"))!),
    to: Date.parse((await lede.getAttribute("data-window-end"))!),
  };
}

export const apiWindow = (window: { from: number; to: number }) =>
  `start=${new Date(window.from).toISOString()}&end=${new Date(window.to).toISOString()}`;

/** A figure card's exact value (its `<data value>`) and its visible text. */
export async function card(page: Page, field: string): Promise<{ value: number | null; text: string }> {
  const figure = page.locator(`dl.figures [data-figure="${field}"]`).first();
  const data = figure.locator("data").first();
  const value = (await data.count()) > 0 ? Number(await data.getAttribute("value")) : null;
  return { value, text: ((await figure.textContent()) ?? "").replace(/\s+/g, " ").trim() };
}

/** Watts as the cards show power: W below 1 kW, then kW, then MW, to 3 decimals, grouped (`830.328 kW`). */
export function cardPower(watts: number): string {
  const [scale, prefix] = Math.abs(watts) >= 1e6 ? [1e6, "M"] : Math.abs(watts) >= 1e3 ? [1e3, "k"] : [1, ""];
  return `${(watts / scale).toLocaleString("en-US", { maximumFractionDigits: 3 })} ${prefix}W`;
}

/** A legend value: `12,666.834 W`, or "no readings" for a gap. */
export const legendWatts = (watts: number | null) =>
  watts === null ? "no readings" : `${watts.toLocaleString("en-US", { maximumFractionDigits: 3 })} W`;

/** A time as the pages write it (`2024-04-01 10:00 UTC`, `2024-03-31 03:00 +02:00`) as ISO 8601 in UTC; other text as it is. */
export function shownTimeAsIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})? (UTC|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return text;
  const [, date, time, seconds, zone] = match;
  return new Date(`${date}T${time}${seconds ?? ":00"}${zone === "UTC" ? "Z" : zone}`).toISOString();
}

/** The series table's rows as their cells' text (times as UTC ISO 8601), after opening its disclosure. */
export async function tableRows(page: Page): Promise<string[][]> {
  await page.locator("#series-details > summary").click();
  const rows = await page
    .locator("#series-table tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("td"), (cell) => ((cell as unknown as { textContent: string | null }).textContent ?? "").trim()),
      ),
    );
  return rows.map((cells) => cells.map(shownTimeAsIso));
}

/**
 * How many pixels of a canvas column (the plot's height at one instant) are in the colour of the first series: the
 * chart is drawn there, or it is a gap. The canvas is uPlot's; `.u-over` is its plotting area in CSS pixels.
 */
export async function seriesPixelsAt(page: Page, seconds: number, island: Island): Promise<number> {
  const colour = await cssVariable(page, "--series-1");
  const target = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  const over = (await page.locator("#insights-chart .u-over").boundingBox())!;
  const canvas = page.locator("#insights-chart canvas");
  const frame = (await canvas.boundingBox())!;
  const x = over.x - frame.x + ((seconds - island.x[0]!) / (island.end - island.x[0]!)) * over.width;
  return canvas.evaluate(
    (element, { x, top, height, target }) => {
      const drawing = element as unknown as {
        width: number;
        getBoundingClientRect(): { width: number };
        getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
      };
      const ratio = drawing.width / drawing.getBoundingClientRect().width;
      const pixels = drawing
        .getContext("2d")
        .getImageData(Math.round(x * ratio), Math.round(top * ratio), 1, Math.round(height * ratio)).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const distance = Math.abs(pixels[i]! - target[0]!) + Math.abs(pixels[i + 1]! - target[1]!) + Math.abs(pixels[i + 2]! - target[2]!);
        if (pixels[i + 3]! > 0 && distance < 90) count++;
      }
      return count;
    },
    { x, top: over.y - frame.y, height: over.height, target },
  );
}

/** How many pixels of the whole chart canvas are (within antialiasing) of a colour: axis text, grid, a line. */
export async function canvasPixelsOf(page: Page, colour: string): Promise<number> {
  const target = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  return page.locator("#insights-chart canvas").evaluate((element, target) => {
    const drawing = element as unknown as {
      width: number;
      height: number;
      getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const pixels = drawing.getContext("2d").getImageData(0, 0, drawing.width, drawing.height).data;
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const distance = Math.abs(pixels[i]! - target[0]!) + Math.abs(pixels[i + 1]! - target[1]!) + Math.abs(pixels[i + 2]! - target[2]!);
      if (pixels[i + 3]! > 64 && distance < 30) count++;
    }
    return count;
  }, target);
}

/** A custom property of the page's root, as computed (the theme's colours). */
export function cssVariable(page: Page, name: string): Promise<string> {
  return page.evaluate((property) => {
    const { getComputedStyle, document } = globalThis as unknown as {
      getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
      document: { documentElement: unknown };
    };
    return getComputedStyle(document.documentElement).getPropertyValue(property).trim();
  }, name);
}
