import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/web/format";
import { checkAccessibility, collectConsoleErrors, newPage, type PageOptions, screenshot } from "./browser";
import { useLocalSystemBrowser } from "./shared-system";

/** The five services, by the card titles a person reads. */
const SERVICE_TITLES = ["Peaks", "Insights", "Credits", "Production plan", "Trading"];

/** The landing page as a person sees it, in light and dark and on a phone, with nothing leaving 127.0.0.1. */
describe("landing page /", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${url}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  /** The landing page in a fresh page, collecting console errors from before the first byte. */
  async function openHome(options: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
    const page = await newPage(browser, options);
    const errors = collectConsoleErrors(page);
    const response = await page.goto(`${url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
    return { page, errors };
  }

  const card = (page: Page, title: string) =>
    page
      .getByRole("list", { name: "Services" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: title }) });

  /** A card's text as a reader sees it (rendered, line by line), so a failure shows what the card said. */
  const cardText = (page: Page, title: string) =>
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point; textContent runs lines together.
    card(page, title).innerText();

  it("has one h1 and a card per service, each linking its section of the API docs", async () => {
    const { page, errors } = await openHome();
    expect(await page.getByRole("heading", { level: 1 }).allTextContents()).toEqual(["Energy Edge"]);
    const cards = page.getByRole("list", { name: "Services" }).getByRole("listitem");
    expect(await cards.getByRole("heading", { level: 2 }).allTextContents()).toEqual(SERVICE_TITLES);

    const { tags } = await api<{ tags: Array<{ name: string }> }>("/openapi.json");
    for (const title of SERVICE_TITLES) {
      const href = await card(page, title)
        .getByRole("link", { name: `${title} API reference` })
        .getAttribute("href");
      expect(href, title).toMatch(/^\/docs#\/\w+$/);
      expect(tags.map((tag) => tag.name)).toContain(href!.slice("/docs#/".length));
    }
    expect(await card(page, "Credits").getByRole("link", { name: "Credit usage dashboard" }).getAttribute("href")).toBe(
      "/dashboards/credits",
    );
    expect(await page.getByRole("link", { name: "the API docs" }).getAttribute("href")).toBe("/docs");
    expect(errors).toEqual([]);
  });

  it("shows the same live status as the API", async () => {
    // The browser project's system listens to the test exchange: the first cron run connects the feed, soon after start.
    const connected = async () => (await api<{ connected: boolean }>("/v1/trading/feed")).connected;
    await expect.poll(connected, { timeout: 30_000 }).toBe(true);
    const { page } = await openHome();
    const { markets } = await api<{ markets: Array<{ reading_count: number }> }>("/v1/markets");
    const readings = markets.reduce((sum, market) => sum + market.reading_count, 0);
    const peaks = await cardText(page, "Peaks");
    expect(peaks).toContain(`${formatCount(markets.length)} markets`);
    expect(peaks).toContain(`${formatCount(readings)} readings`);
    const { usage } = await api<{ usage: unknown[] }>("/usage");
    expect(await cardText(page, "Credits")).toContain(`${formatCount(usage.length)} messages`);
    const trading = await cardText(page, "Trading");
    expect(trading).toMatch(/\bconnected\b/i);
    expect(trading).not.toMatch(/disconnected/i);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await openHome({ colorScheme });
      await screenshot(page, `home-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("follows prefers-color-scheme", async () => {
    const background = async (colorScheme: "light" | "dark") => {
      const { page } = await openHome({ colorScheme });
      return page.locator("body").evaluate((body) => body.ownerDocument.defaultView?.getComputedStyle(body).backgroundColor);
    };
    expect(await background("dark")).not.toBe(await background("light"));
  });

  it("fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await openHome({ width: 390 });
    await screenshot(page, "home-390");
    expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
