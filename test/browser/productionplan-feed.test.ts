import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { workbenchQuery } from "../../src/features/productionplan/dashboard/workbench-address";
import type { V1Payload } from "../../src/features/productionplan/productionplan.schemas";
import { checkAccessibility, newPage, type PageOptions, screenshot } from "./browser";
import {
  computeUntilListed,
  entries,
  euros,
  expectLive,
  FEED_PATH,
  liveStatus,
  mw,
  openFeedPage,
  type PlantOutput,
  readEntry,
  taggedPayload3,
  type V1Answer,
  WORKBENCH_PATH,
} from "./productionplan-feed-page";
import { useLocalSystemBrowser } from "./shared-system";

const pageWidth = (page: Page): Promise<number> => page.locator("html").evaluate((html) => html.scrollWidth);

/** The workbench is another page of this service: followed only once it answers a page. */
async function workbenchAnswers(base: string): Promise<boolean> {
  const response = await fetch(`${base}${WORKBENCH_PATH}`, { headers: { Accept: "text/html" } });
  await response.arrayBuffer();
  return response.status === 200 && (response.headers.get("Content-Type") ?? "").startsWith("text/html");
}

/**
 * /dashboards/productionplan/feed: plans computed by curl appear on an open page without a reload, newest first,
 * with the figures of curl's answer and a link opening each in the workbench.
 */
describe("production plan feed page", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  it("lists plans of both routes as they are computed, newest first, each opening in the workbench", async () => {
    const tag = randomUUID().slice(0, 8);
    const { page, errors } = await openFeedPage(browser, url);
    await expectLive(page);
    expect(await page.getByText("No plan computed since this page opened").isVisible()).toBe(true);

    // Options other than the origin's, so the two plans' workbench addresses differ even at the same load.
    const v1Payload: V1Payload = { ...taggedPayload3(tag), options: { co2: false, wind: "curtailable" } };
    const v1 = await computeUntilListed<V1Answer>(page, url, "/v1/productionplan", v1Payload, tag);
    const v1Shown = await readEntry(entries(page, tag).first());
    const running = (plan: PlantOutput[]) => `${plan.filter((plant) => plant.p > 0).length} of 6`;
    expect(v1Shown).toEqual({
      title: expect.stringMatching(/^\d\d:\d\d:\d\d UTC POST \/v1\/productionplan$/),
      load: `${mw(v1.payload.load)} MW`,
      totalCost: euros(v1.answer.total_cost),
      marginal: `${v1.answer.marginal_plant!.name} at ${euros(v1.answer.marginal_plant!.cost_per_mwh)}/MWh`,
      running: running(v1.answer.plan),
      plants: v1.answer.plan.map((plant) => [plant.name, mw(plant.p)]),
      href: `${WORKBENCH_PATH}?${workbenchQuery(v1.payload as V1Payload)}`,
    });
    expect(await page.getByText("No plan computed since this page opened").count()).toBe(0);

    // Focus stays where the reader put it while plans arrive above it.
    // Found by its address, not its place: the place changes as plans arrive.
    const v1Link = page.locator(`a[href="${v1Shown.href}"]`);
    await v1Link.focus();

    const origin = await computeUntilListed<PlantOutput[]>(page, url, "/productionplan", taggedPayload3(tag), tag);
    const originShown = await readEntry(entries(page, tag).first());
    expect(originShown).toEqual({
      title: expect.stringMatching(/^\d\d:\d\d:\d\d UTC POST \/productionplan origin route$/),
      load: `${mw(origin.payload.load)} MW`,
      totalCost: "not computed (origin route)",
      marginal: "not computed (origin route)",
      running: running(origin.answer),
      plants: origin.answer.map((plant) => [plant.name, mw(plant.p)]),
      href: `${WORKBENCH_PATH}?${workbenchQuery({ ...origin.payload, options: { co2: true, wind: "binary" } })}`,
    });
    expect(await v1Link.evaluate((link) => link.ownerDocument.activeElement === link)).toBe(true);

    // Newest first: the origin plan (computed last) above the v1 plan, which is still as it was.
    expect(await entries(page, tag).count()).toBe(2);
    expect(await readEntry(entries(page, tag).nth(1))).toEqual(v1Shown);
    const listed = await entries(page).count();
    expect(await page.locator("[data-feed-count]").textContent()).toBe(
      `${listed} ${listed === 1 ? "plan" : "plans"} listed (at most 100, newest first; older ones drop off the end).`,
    );
    await expect
      .poll(() => page.locator("[data-feed-announce]").textContent(), { timeout: 5_000, message: "the polite announcement" })
      .toMatch(/(^|The newest: )New plan at \d\d:\d\d:\d\d UTC: [\d,.]+ MW from POST \/productionplan \(origin route\)\.$/);

    if (await workbenchAnswers(url)) {
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes(`${WORKBENCH_PATH}?`)), v1Link.click()]);
      expect(response.status()).toBe(200);
      await page.waitForURL((address) => address.pathname === WORKBENCH_PATH);
      // The workbench's form holds the plan's payload: its load and this test's plant, name as typed.
      expect(await page.locator('input[name="load"]').inputValue()).toBe(String(v1.payload.load));
      expect(await page.locator(`input[name="name"][value="windpark <b>${tag}</b>"]`).count()).toBe(1);
      expect(new URL(page.url()).search).toBe(`?${workbenchQuery(v1.payload as V1Payload)}`);
    }
    expect(errors).toEqual([]);
  });

  it("says, with JavaScript off, that the list needs it and links the workbench", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    expect((await page.goto(`${url}${FEED_PATH}`))?.status()).toBe(200);
    expect(await page.getByText("This list needs JavaScript").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "production plan workbench" }).getAttribute("href")).toBe(WORKBENCH_PATH);
    expect(((await liveStatus(page).textContent()) ?? "").trim()).toBe("Not connected: this list needs JavaScript.");
    expect(await page.locator("#plan-list").isHidden()).toBe(true);
  });

  /** A page with a plan of each route listed, ready to look at. */
  async function withPlans(options: PageOptions): Promise<{ page: Page; errors: string[] }> {
    const tag = randomUUID().slice(0, 8);
    const opened = await openFeedPage(browser, url, options);
    await expectLive(opened.page);
    const payload: V1Payload = { ...taggedPayload3(tag), options: { co2: true, wind: "binary" } };
    await computeUntilListed(opened.page, url, "/v1/productionplan", payload, tag);
    await computeUntilListed(opened.page, url, "/productionplan", taggedPayload3(tag), tag);
    await opened.page.mouse.move(0, 0);
    return opened;
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await withPlans({ colorScheme });
      await screenshot(page, `productionplan-feed-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await withPlans({ width: 390, height: 844 });
    await screenshot(page, "productionplan-feed-390");
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows its empty state and curl example legibly on a phone", async () => {
    const { page, errors } = await openFeedPage(browser, url, { width: 390, height: 844 });
    await expectLive(page);
    await screenshot(page, "productionplan-feed-empty-390");
    expect(await page.locator("[data-curl-example]").isVisible(), "the curl example (gone only if a plan arrived)").toBe(true);
    expect(await pageWidth(page), "the page's width").toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
