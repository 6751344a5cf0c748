import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkAccessibility, type PageOptions, screenshot } from "./browser";
import { useLocalSystemBrowser } from "./shared-system";
import {
  deal,
  dealAndWait,
  expectLiveState,
  fetchReport,
  openDesk,
  openTraderPage,
  pollUntil,
  publishPrice,
  runCron,
  tradingDays,
  waitForFeed,
  waitForMarksGone,
} from "./trading-dashboard-page";

const TRADER = "browser_trader_showcase";

/** Wider than the viewport means a phone would scroll the whole page sideways (a table may scroll in its own box). */
const pageWidth = (page: Page): Promise<number> => page.locator("html").evaluate((html) => html.scrollWidth);

/**
 * The desk and a trader's page as a person sees them, light, dark and on a phone: no serious or critical axe
 * violation, and a screenshot of each (.test-results/screenshots/trading-*.png). The trader's day has an hour ahead
 * of its reference price, one behind and one without a price, so every state of the comparisons is in the picture.
 */
describe("trading pages, light, dark and 390 px", () => {
  let url: string;
  let browser: Browser;
  let tomorrow: string;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  beforeAll(async () => {
    await waitForFeed(url);
    ({ tomorrow } = tradingDays());
    const on = (delivery_hour: string, direction: "buy" | "sell", price: number, quantity: number) =>
      deal({ trader_id: TRADER, delivery_day: tomorrow, delivery_hour, direction, price, quantity });
    await dealAndWait(
      url,
      [
        on("16-17", "buy", 60, 2),
        on("16-17", "sell", 56, 1),
        on("17-18", "sell", 80, 2.5),
        on("17-18", "buy", 71.2, 0.4),
        on("18-19", "buy", 40, 1),
      ],
      5,
    );
    await publishPrice(tomorrow, "16-17", 57);
    await publishPrice(tomorrow, "17-18", 75.4);
    await runCron(url);
    await pollUntil(
      async () => (await fetchReport(url, TRADER, tomorrow))?.rows.map((row) => row.reference_price),
      (prices) => JSON.stringify(prices) === JSON.stringify([57, 75.4, null]),
      "reference prices of the showcase trader's hours",
      15_000,
    );
  });

  async function openTrader(options: PageOptions): Promise<{ page: Page; errors: string[] }> {
    const opened = await openTraderPage(browser, url, TRADER, tomorrow, options);
    await expectLiveState(opened.page, "live");
    await waitForMarksGone(opened.page);
    await opened.page.mouse.move(0, 0);
    return opened;
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`trader page: no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await openTrader({ colorScheme });
      expect(await page.locator(".versus-ahead").count()).toBeGreaterThan(0);
      expect(await page.locator(".versus-behind").count()).toBeGreaterThan(0);
      await screenshot(page, `trading-trader-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    it(`desk: no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await openDesk(browser, url, { colorScheme });
      await screenshot(page, `trading-desk-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("trader page fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await openTrader({ width: 390 });
    await screenshot(page, "trading-trader-390");
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("desk fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await openDesk(browser, url, { width: 390 });
    await screenshot(page, "trading-desk-390");
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
