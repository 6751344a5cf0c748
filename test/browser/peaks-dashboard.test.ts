import type { Browser, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readDevVars } from "../../scripts/lib/dev-vars";
import { csvRecords } from "../csv-rows";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";
import { expectNoPageLoad, getJson, markWindow } from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

/**
 * The Peak Usage dashboard as a person sees it, against the JSON API of the shared local system (sample markets
 * from data/peaks, plus markets these tests create and feed through POST /v1/markets/{market}/readings): the
 * board's top 5 per market, its update without a reload, a market's chart and peaks, the URL, the CSVs.
 */

const BOARD = "/dashboards/peaks";

interface Peak {
  rank: number;
  timestamp: string;
  usage_kw: number;
}
interface AllPeaks {
  markets: Array<{ market: { name: string }; peaks: Peak[] }>;
}
interface Readings {
  resolution: string;
  readings: number;
  points?: Array<{ timestamp: string; usage_kw: number }>;
  buckets?: Array<{ start: string; max_kw: number }>;
}

/** A row of a peaks table as read: rank, usage with its whole part grouped, the market-local time as stored. */
const shownRow = (peak: Peak): string[] => [
  String(peak.rank),
  peak.usage_kw.toLocaleString("en-US", { maximumFractionDigits: 20 }),
  peak.timestamp.replace("T", " "),
];

/** A CSV record of a shown row of a market. */
const csvRecord = (market: string, [rank, usage, timestamp]: string[]): string[] => [
  market,
  rank!,
  timestamp!.replace(" ", "T"),
  usage!.replaceAll(",", ""),
];

async function ingest(base: string, market: string, readings: Array<{ timestamp: string; usage_kw: number }>): Promise<void> {
  const token = readDevVars().INGEST_TOKEN;
  expect(token, "INGEST_TOKEN in .dev.vars (npm start writes it)").toBeTruthy();
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const created = await fetch(`${base}/v1/markets`, { method: "POST", headers, body: JSON.stringify({ name: market }) });
  expect([200, 201], `create ${market}`).toContain(created.status);
  const stored = await fetch(`${base}/v1/markets/${market}/readings`, { method: "POST", headers, body: JSON.stringify({ readings }) });
  expect(stored.status, `readings of ${market}`).toBe(200);
}

async function open(browser: Browser, base: string, path: string, options: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), path).toBe(200);
  return { page, errors };
}

const texts = (rows: Locator): Promise<string[][]> =>
  rows.evaluateAll((elements) =>
    elements.map((row) =>
      Array.from(row.querySelectorAll("td"), (cell) =>
        ((cell as { textContent: string | null }).textContent ?? "").replace(/\s+/g, " ").trim(),
      ),
    ),
  );

/** The board's markets in page order, each with its table's rows. */
async function boardCards(page: Page): Promise<Array<{ name: string; rows: string[][] }>> {
  const cards = page.locator("#peaks-board section.market-card");
  const names = await cards.evaluateAll((elements) => elements.map((card) => card.getAttribute("data-market") ?? ""));
  return Promise.all(names.map(async (name, i) => ({ name, rows: await texts(cards.nth(i).locator("tbody tr")) })));
}

const card = (page: Page, market: string): Locator => page.locator(`#peaks-board section.market-card[data-market="${market}"]`);

/** The chart's points (hover targets) and its peak markers as the page has them. */
async function chartOf(page: Page) {
  const chart = page.getByRole("img", { name: /^Line chart of / });
  const points = await chart
    .locator("rect.point")
    .evaluateAll((rects) => rects.map((rect) => [rect.getAttribute("data-at") ?? "", Number(rect.getAttribute("data-kw"))] as const));
  const peaks = await chart.locator("g.peak").evaluateAll((groups) =>
    groups.map((group) => ({
      rank: Number(group.getAttribute("data-rank")),
      timestamp: group.getAttribute("data-timestamp") ?? "",
      usage_kw: Number(group.getAttribute("data-kw")),
      title: group.querySelector("title")?.textContent ?? "",
    })),
  );
  const labels = await chart
    .locator("g.peak-label")
    .evaluateAll((groups) =>
      groups.map((group) => ({ ranks: group.getAttribute("data-ranks") ?? "", text: group.querySelector("text")?.textContent ?? "" })),
    );
  return { chart, points, peaks, labels };
}

/** The chart shows the window's points as the readings route has them at the page's resolution, and its top N marked. */
async function expectChartOfWindow(page: Page, base: string, market: string, n: number): Promise<void> {
  const params = new URL(page.url()).searchParams;
  const window = new URLSearchParams();
  for (const bound of ["from", "to"]) if (params.has(bound)) window.set(bound, params.get(bound)!);
  const resolution = await page.locator("#readings-chart").getAttribute("data-resolution");
  const readings = await getJson<Readings>(base, `/v1/markets/${market}/readings?${window}&resolution=${resolution}`);
  const expected = readings.points
    ? readings.points.map((p) => [p.timestamp, p.usage_kw] as const)
    : readings.buckets!.map((b) => [b.start, b.max_kw] as const);
  const { points, peaks, labels } = await chartOf(page);
  expect(points, `chart points at ${resolution}`).toEqual(expected);
  expect(points.length).toBeLessThanOrEqual(1000);
  const top = await getJson<{ peaks: Peak[] }>(base, `/v1/markets/${market}/peaks?limit=${n}&${window}`);
  expect([...peaks].sort((a, b) => a.rank - b.rank).map(({ rank, timestamp, usage_kw }) => ({ rank, timestamp, usage_kw }))).toEqual(
    top.peaks,
  );
  // Every marker says its rank in its tooltip; on the chart, touching markers share a label listing their ranks.
  for (const peak of peaks) expect(peak.title).toMatch(new RegExp(`^Peak ${peak.rank}: `));
  const first = labels.find((label) => label.ranks.split(",")[0] === "1");
  expect(first?.text, "the label of peak 1").toMatch(/^1(, \d+){0,2}( \+\d+)?$/);
  expect(await texts(page.locator("#top-peaks-table tbody tr"))).toEqual(top.peaks.map(shownRow));
}

describe("Peak Usage dashboard /dashboards/peaks", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  it("lists every market by name with its top 5 as /v1/peaks has them, and its CSV holds exactly those rows", async () => {
    const { page, errors } = await open(browser, url, BOARD);
    const api = await getJson<AllPeaks>(url, "/v1/peaks?limit=5");
    const cards = await boardCards(page);
    const byName = [...api.markets].sort((a, b) =>
      a.market.name.localeCompare(b.market.name, "en", { sensitivity: "base", numeric: true }),
    );
    expect(cards.map((c) => c.name)).toEqual(byName.map((m) => m.market.name));
    expect(cards.length, "sample markets").toBeGreaterThanOrEqual(6);
    for (const { market, peaks } of byName) {
      expect(cards.find((c) => c.name === market.name)!.rows, market.name).toEqual(peaks.map(shownRow));
    }
    await expect.poll(() => page.locator("[data-poll-note]").textContent()).toBe("Updates every 5 s while this page is open.");

    const csvHref = await page.getByRole("link", { name: /^Download CSV/ }).getAttribute("href");
    const csv = csvRecords(await (await fetch(`${url}${csvHref}`)).text());
    expect(csv[0]).toEqual(["market_name", "rank", "timestamp", "usage_kw"]);
    expect(csv.slice(1)).toEqual(cards.flatMap((c) => c.rows.map((row) => csvRecord(c.name, row))));

    // A market's name leads to its page.
    const first = cards[0]!.name;
    await card(page, first).getByRole("link", { name: first, exact: true }).click();
    await page.waitForURL((next) => next.pathname === `${BOARD}/${first}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Peak usage: ${first}`);
    expect(errors).toEqual([]);
  });

  it("shows an ingest's new top reading within a poll, in place: no reload, focus kept, announced", async () => {
    const market = "browser_peaks_live";
    const other = "browser_peaks_live_2";
    await ingest(url, other, [{ timestamp: "2024-07-01 10:00:00", usage_kw: 12 }]);
    await ingest(url, market, [
      { timestamp: "2024-07-01 10:00:00", usage_kw: 400 },
      { timestamp: "2024-07-01 11:00:00", usage_kw: 420.5 },
      { timestamp: "2024-07-01 12:00:00", usage_kw: 380 },
    ]);
    const { page, errors } = await open(browser, url, BOARD);
    expect((await boardCards(page)).find((c) => c.name === market)!.rows).toEqual([
      ["1", "420.5", "2024-07-01 11:00:00"],
      ["2", "400", "2024-07-01 10:00:00"],
      ["3", "380", "2024-07-01 12:00:00"],
    ]);
    await markWindow(page);
    const link = card(page, market).getByRole("link", { name: market, exact: true });
    await link.focus();

    await ingest(url, market, [{ timestamp: "2024-07-02 09:30:00", usage_kw: 1999.75 }]);
    await expect
      .poll(async () => (await texts(card(page, market).locator("tbody tr")))[0], { timeout: 6_500, interval: 100, message: "new top" })
      .toEqual(["1", "1,999.75", "2024-07-02 09:30:00"]);
    const api = await getJson<AllPeaks>(url, "/v1/peaks?limit=5");
    expect(await texts(card(page, market).locator("tbody tr"))).toEqual(
      api.markets.find((m) => m.market.name === market)!.peaks.map(shownRow),
    );
    expect(await card(page, market).textContent()).toContain("4 readings, 2024-07-01 10:00:00 to 2024-07-02 09:30:00");
    await expectNoPageLoad(page);
    const focusedText = () =>
      (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent;
    expect(await page.evaluate(focusedText)).toBe(market);
    expect(await card(page, market).locator(".updated-mark").textContent()).toMatch(/^Updated \d{2}:\d{2}:\d{2} UTC$/);
    const status = page.locator("[data-poll-status]");
    expect(await status.getAttribute("role")).toBe("status");
    expect(await status.textContent()).toMatch(new RegExp(`^Peaks updated at \\d{2}:\\d{2}:\\d{2} UTC: ${market}\\.$`));
    expect(await page.locator("[data-last-change]").textContent()).toMatch(
      /^Data last changed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\./,
    );
    expect(await page.locator("[data-poll-checked]").textContent()).toMatch(/^Last checked at \d{2}:\d{2}:\d{2} UTC\.$/);

    // A change to another market moves the mark and the announcement to that market alone.
    await ingest(url, other, [{ timestamp: "2024-07-03 00:00:00", usage_kw: 77 }]);
    await expect
      .poll(() => card(page, other).locator(".updated-mark").count(), { timeout: 6_500, interval: 100, message: "the other market marked" })
      .toBe(1);
    expect(await card(page, market).locator(".updated-mark").count()).toBe(0);
    expect(await status.textContent()).toMatch(new RegExp(`^Peaks updated at \\d{2}:\\d{2}:\\d{2} UTC: ${other}\\.$`));
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("charts a market's window with its peaks marked; presets change the URL and the URL reproduces the view", async () => {
    const api = await getJson<AllPeaks>(url, "/v1/peaks?limit=1");
    const market = api.markets.map((m) => m.market.name).find((name) => !name.startsWith("browser_"))!;
    const { page, errors } = await open(browser, url, `${BOARD}/${market}`);
    await expectChartOfWindow(page, url, market, 10);
    expect(await page.locator("#readings-chart").getAttribute("data-resolution")).not.toBe("raw");

    // A point's tooltip gives its exact figures.
    const firstTitle = await page.locator("#readings-chart rect.point title").first().textContent();
    expect(firstTitle).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} to .*: \d+ readings; highest [\d,.]+ kW at .*; lowest .* kW; mean .* kW$/,
    );

    const { last_reading_at: last } = await getJson<{ last_reading_at: string }>(url, `/v1/markets/${market}`);
    const end = Date.parse(`${last}Z`) + 1000;
    const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    await page.getByRole("navigation", { name: "Window presets" }).getByRole("link", { name: "Last day" }).click();
    await page.waitForURL((next) => next.searchParams.has("from"));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ from: naive(end - 86_400_000), to: naive(end) });
    await expectChartOfWindow(page, url, market, 10);
    expect(await page.locator("#readings-chart").getAttribute("data-resolution")).toBe("raw");
    expect(await page.getByRole("link", { name: "Last day" }).getAttribute("aria-current")).toBe("page");

    // More peaks through the form; the same URL in a fresh page shows the same view.
    await page.getByRole("combobox", { name: "Peaks shown" }).selectOption("20");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((next) => next.searchParams.get("n") === "20");
    await expectChartOfWindow(page, url, market, 20);
    const shownRows = await texts(page.locator("#top-peaks-table tbody tr"));
    const shownPoints = (await chartOf(page)).points;
    const again = await open(browser, url, new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await texts(again.page.locator("#top-peaks-table tbody tr"))).toEqual(shownRows);
    expect((await chartOf(again.page)).points).toEqual(shownPoints);

    // The CSV holds exactly the rows shown.
    const csvHref = await page.getByRole("link", { name: /^Download CSV/ }).getAttribute("href");
    expect(new URL(csvHref!, url).searchParams.get("n")).toBe("20");
    const csv = csvRecords(await (await fetch(new URL(csvHref!, url))).text());
    expect(csv.slice(1)).toEqual(shownRows.map((row) => csvRecord(market, row)));
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it("without JavaScript, shows the same board and says to reload for new readings", async () => {
    const { page, errors } = await open(browser, url, BOARD, { javaScriptEnabled: false });
    const api = await getJson<AllPeaks>(url, "/v1/peaks?limit=5");
    const cards = await boardCards(page);
    for (const { market, peaks } of api.markets) expect(cards.find((c) => c.name === market.name)!.rows).toEqual(peaks.map(shownRow));
    expect(await page.locator("[data-poll-note]").textContent()).toContain("without it, reload to see new readings");
    expect(errors).toEqual([]);
  });
});
