import { expect } from "vitest";
import type { Island } from "../../insights-island";
import { decodeEntities } from "../credits/dashboard-html";
import { call } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";

export const INSIGHTS = "/dashboards/insights";
export const orgPage = (id: string, query = "") => `${INSIGHTS}/organizations/${id}${query}`;
export const circuitPage = (id: string, query = "") => `${INSIGHTS}/circuits/${id}${query}`;

const ISLAND = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/g;

/**
 * The page's security headers and markup as every page's (expectSafePage), the one data island aside: a JSON block
 * the CSP does not run, which must hold no `<` that could end it early.
 */
export function expectSafeInsightsPage(response: Response, html: string): void {
  const islands = [...html.matchAll(ISLAND)];
  expect(islands.length).toBeLessThanOrEqual(1);
  for (const island of islands) expect(island[1]).not.toMatch(/[<>]/);
  expectSafePage(response, html.replace(ISLAND, ""));
}

/** A page as a browser asks for it: status, headers and HTML, checked for the page's safety rules when it is HTML. */
export async function openPage(path: string, init: RequestInit = {}): Promise<{ response: Response; html: string }> {
  const response = await call(path, asBrowser(init));
  const html = await response.text();
  if (response.headers.get("Content-Type")?.startsWith("text/html")) expectSafeInsightsPage(response, html);
  return { response, html };
}

export async function okPage(path: string): Promise<string> {
  const { response, html } = await openPage(path);
  expect(response.status, `${path}: ${textOf(html).slice(0, 400)}`).toBe(200);
  return html;
}

export function islandOf(html: string): Island {
  const match = [...html.matchAll(ISLAND)][0];
  expect(match, "the chart's data island").toBeDefined();
  return JSON.parse(match![1]!) as Island;
}

/** The window the page shows, as instants (its lede's data attributes). */
export function windowOf(html: string): { from: number; to: number; start: string; end: string } {
  const start = /data-window-start="([^"]+)"/.exec(html)![1]!;
  const end = /data-window-end="([^"]+)"/.exec(html)![1]!;
  return { from: Date.parse(start), to: Date.parse(end), start, end };
}

/** The API's query for the page's window, in UTC. */
export const apiWindow = (window: { from: number; to: number }) =>
  `start=${new Date(window.from).toISOString()}&end=${new Date(window.to).toISOString()}`;

/** Each `data-figure` of a piece of HTML with the exact number in its first `<data value>`; null where it says "no readings". */
export function figuresIn(html: string): Record<string, number | null> {
  const figures: Record<string, number | null> = {};
  for (const match of html.matchAll(/data-figure="([a-z_]+)"[^>]*>([\s\S]*?)<\/(dd|td)>/g)) {
    const value = /<data value="([^"]+)">/.exec(match[2]!);
    figures[match[1]!] ??= value ? Number(value[1]) : null;
  }
  return figures;
}

/** The figures cards of the page (the first `dl.figures`). */
export function cardsOf(html: string): Record<string, number | null> {
  const start = html.indexOf('<dl class="figures"');
  expect(start, "the figures cards").toBeGreaterThan(-1);
  return figuresIn(html.slice(start, html.indexOf("</dl>", start)));
}

/** The cards' peak time (the `datetime` of the peak's `<time>`). */
export function peakTimeOf(html: string): string | null {
  const start = html.indexOf('data-figure="max_watts"');
  const block = html.slice(start, html.indexOf("</dd>", start));
  return /<time datetime="([^"]+)"/.exec(block)?.[1] ?? null;
}

/** A row of the series table: instants from the `<time>` elements, the rest as shown. */
export interface TableRow {
  start: number;
  end: number;
  series: string;
  readings: string;
  expected: string;
  coverage: string;
  average: string;
  maximum: string;
  maxAt: number | null;
}

/** A time as the pages write it (`2024-04-01 10:00 UTC`, `2024-03-31 03:00:30 +02:00`) as epoch ms; null for "—". */
export function shownInstant(text: string): number | null {
  if (text === "—") return null;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})? (UTC|[+-]\d{2}:\d{2})$/.exec(text);
  expect(match, `a time: ${text}`).not.toBeNull();
  const [, date, time, seconds, zone] = match!;
  return Date.parse(`${date}T${time}${seconds ?? ":00"}${zone === "UTC" ? "Z" : zone}`);
}

export function seriesTableOf(html: string): TableRow[] {
  const body = sectionById(html, "series-table").split("<tbody>")[1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decodeEntities(cell[1]!.replace(/<[^>]+>/g, "")));
    return {
      start: shownInstant(cells[0]!)!,
      end: shownInstant(cells[1]!)!,
      series: cells[2]!,
      readings: cells[3]!,
      expected: cells[4]!,
      coverage: cells[5]!,
      average: cells[6]!,
      maximum: cells[7]!,
      maxAt: shownInstant(cells[8]!),
    };
  });
}

/** A table cell's number as the CSV writes it: no grouping commas; "no readings" and "—" are empty. */
export const asCsvNumber = (shown: string) => (shown === "no readings" || shown === "—" ? "" : shown.replaceAll(",", ""));
