import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkAccessibility, collectConsoleErrors, newPage, type PageOptions, screenshot } from "./browser";
import { getJson } from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

/** Wider than the viewport means a phone would scroll the whole page sideways (a table or chart may scroll in its own box). */
const pageWidth = (page: Page): Promise<number> => page.locator("html").evaluate((html) => html.scrollWidth);

/**
 * The board and a market page as a person sees them, light, dark and on a phone: no serious or critical axe
 * violation, no sideways scroll of the page at 390 px, and a screenshot of each (.test-results/screenshots/peaks-*.png).
 */
describe("peak usage pages, light, dark and 390 px", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  async function open(path: string, options: PageOptions): Promise<{ page: Page; errors: string[] }> {
    const page = await newPage(browser, options);
    const errors = collectConsoleErrors(page);
    expect((await page.goto(`${url}${path}`))?.status()).toBe(200);
    return { page, errors };
  }

  async function marketPath(): Promise<string> {
    const { markets } = await getJson<{ markets: Array<{ name: string }> }>(url, "/v1/markets");
    return `/dashboards/peaks/${markets.find((m) => !m.name.startsWith("browser_"))!.name}`;
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`board: no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await open("/dashboards/peaks", { colorScheme });
      await screenshot(page, `peaks-board-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    it(`market page: no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await open(await marketPath(), { colorScheme });
      await screenshot(page, `peaks-market-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("board and market page fit a 390 px wide phone without scrolling sideways", async () => {
    for (const [name, path] of [
      ["board", "/dashboards/peaks"],
      ["market", await marketPath()],
    ] as const) {
      const { page, errors } = await open(path, { width: 390 });
      await screenshot(page, `peaks-${name}-390`);
      expect(await pageWidth(page), name).toBeLessThanOrEqual(390);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    }
  });
});
