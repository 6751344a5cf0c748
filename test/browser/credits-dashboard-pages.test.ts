import type { Browser, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkAccessibility, screenshot } from "./browser";
import {
  COLUMN_HEADERS,
  captionText,
  columnHeader,
  DASHBOARD_PATH,
  expectAnnounced,
  expectedOrder,
  expectNoPageLoad,
  expectView,
  FOCUS_ON_HEADING,
  fetchUsage,
  focused,
  focusOnStep,
  markWindow,
  messagesHeading,
  openDashboard,
  PAGER_TEXT,
  type PagerStep,
  pageCount,
  pageOf,
  pageParam,
  pager,
  pagerLink,
  perPageParam,
  rowsPerPageForm,
  rowsPerPageSelect,
  type SortColumn,
  shownPage,
  sortedUsage,
  type TableView,
  tableIds,
  type UsageEntry,
  usageCells,
  usageTable,
  viewQuery,
  walkAllPages,
} from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

/** Whether a step of the pager is a link on a page: First and Previous lead nowhere on page 1, Next and Last on the last. */
function leadsSomewhere(step: PagerStep, shown: number, count: number): boolean {
  return step === "First" || step === "Previous" ? shown > 1 : shown < count;
}

/**
 * Paging the Credit Usage table as a person does: the pager's steps by mouse and keyboard, the rows-per-page
 * select, back/forward, a shared URL past the end, and all of it with JavaScript off. Every page is checked against
 * its slice of an order worked out from GET /usage alone, never with the product's own paging code.
 */
describe("Credit Usage dashboard: pages of the messages table", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  /** The sample as /usage has it, long enough for the pages these tests step through. */
  async function sample(): Promise<UsageEntry[]> {
    const usage = await fetchUsage(url);
    expect(pageCount(usage.length), "pages of 100 in the sample").toBeGreaterThanOrEqual(4);
    return usage;
  }

  const sortButton = (page: Page, column: SortColumn): Locator =>
    columnHeader(page, column).getByRole("button", { name: new RegExp(`^${COLUMN_HEADERS[column]}`) });

  /** Clicks a control that loads a page (JavaScript off) and waits for the view it leads to. */
  async function load(page: Page, control: Locator, usage: readonly UsageEntry[], view: TableView): Promise<void> {
    const params = (search: string) => [...new URLSearchParams(search)].sort().join("&");
    const query = params(viewQuery(view));
    await control.click();
    await page.waitForURL((next) => next.pathname === DASHBOARD_PATH && params(next.search) === query, { waitUntil: "load" });
    await expectView(page, usage, view);
  }

  it("steps Next, Next, Last, Previous and First by mouse in place: the URL, rows and focus follow", async () => {
    const usage = await sample();
    const count = pageCount(usage.length);
    const { page, errors } = await openDashboard(browser, url);
    await expectView(page, usage, {});
    await markWindow(page);
    const steps: Array<[PagerStep, number]> = [
      ["Next", 2],
      ["Next", 3],
      ["Last", count],
      ["Previous", count - 1],
      ["First", 1],
    ];
    for (const [step, to] of steps) {
      await pagerLink(page, step).click();
      await expectView(page, usage, { page: to });
      // Focus stays on the step clicked, or goes to the section's heading when that step now leads nowhere.
      expect(await focused(page), `focus after ${step} to page ${to}`).toEqual(
        leadsSomewhere(step, to, count) ? focusOnStep(step) : FOCUS_ON_HEADING,
      );
    }
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("steps through the pages from the keyboard, Enter on a focused step, in a sorted view of 50 rows", async () => {
    const usage = await sample();
    const view = { sort: "-credits", perPage: 50 };
    const count = pageCount(usage.length, view.perPage);
    const { page, errors } = await openDashboard(browser, url, viewQuery(view));
    await expectView(page, usage, view);
    await markWindow(page);

    await pagerLink(page, "Next").focus();
    for (let to = 2; to <= count; to++) {
      await page.keyboard.press("Enter");
      await expectView(page, usage, { ...view, page: to });
      expect(await focused(page), `focus after Enter to page ${to}`).toEqual(to < count ? focusOnStep("Next") : FOCUS_ON_HEADING);
    }
    // From the heading a keyboard user goes on: Previous, then Shift+Tab to First.
    await pagerLink(page, "Previous").focus();
    await page.keyboard.press("Enter");
    await expectView(page, usage, { ...view, page: count - 1 });
    expect(await focused(page)).toEqual(focusOnStep("Previous"));
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toEqual(focusOnStep("First"));
    await page.keyboard.press("Enter");
    await expectView(page, usage, view);
    expect(await focused(page), "First leads nowhere on page 1").toEqual(FOCUS_ON_HEADING);
    await pagerLink(page, "Last").focus();
    await page.keyboard.press("Enter");
    await expectView(page, usage, { ...view, page: count });
    expect(await focused(page), "Last leads nowhere on the last page").toEqual(FOCUS_ON_HEADING);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("tells a screen reader what each in-place view is: the live region outside the swap reads the new caption", async () => {
    const usage = await sample();
    const { page, errors } = await openDashboard(browser, url);
    const announcer = page.locator("[data-announcer]");
    expect(await announcer.textContent(), "nothing announced before a change").toBe("");
    expect(await page.locator("[data-region] [data-announcer]").count(), "the live region is not swapped").toBe(0);
    await markWindow(page);
    const changes: Array<[string, () => Promise<unknown>, TableView]> = [
      ["Next", () => pagerLink(page, "Next").click(), { page: 2 }],
      ["a sort", () => sortButton(page, "credits").click(), { sort: "credits" }],
      ["rows per page", () => rowsPerPageSelect(page).selectOption("50"), { sort: "credits", perPage: 50 }],
      ["Last", () => pagerLink(page, "Last").click(), { sort: "credits", perPage: 50, page: pageCount(usage.length, 50) }],
      ["Back", () => page.goBack(), { sort: "credits", perPage: 50 }],
    ];
    for (const [change, act, view] of changes) {
      await act();
      await expectView(page, usage, view);
      expect(await captionText(page), `caption after ${change}`).toContain(`; page ${shownPage(usage.length, view)} of `);
      await expectAnnounced(page);
    }
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("walks every page of a sorted view; together they are its whole order, each message once", async () => {
    const usage = await sample();
    const view = { sort: "report,-credits", perPage: 25 };
    const { page, errors } = await openDashboard(browser, url, viewQuery(view));
    await markWindow(page);
    const pages = await walkAllPages(page, usage.length, view);
    expect(pages).toHaveLength(pageCount(usage.length, view.perPage));
    const sorted = sortedUsage(usage, view.sort);
    pages.forEach((rows, i) => {
      expect(rows, `page ${i + 1}`).toEqual(pageOf(sorted, { ...view, page: i + 1 }).map(usageCells));
    });
    const ids = pages.flat().map(([id]) => Number(id));
    expect(ids).toEqual(expectedOrder(usage, view.sort));
    expect(new Set(ids).size, "each message once").toBe(usage.length);
    // The last page of the walk is complete: rows, pager, caption, aria-sort of the sorted columns.
    await expectView(page, usage, { ...view, page: pages.length });
    expect(await columnHeader(page, "report").getAttribute("aria-sort")).toBe("ascending");
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("changes the rows per page as soon as the select changes, back on page 1, in place", async () => {
    const usage = await sample();
    const { page, errors } = await openDashboard(browser, url, viewQuery({ page: 2 }));
    await expectView(page, usage, { page: 2 });
    await markWindow(page);
    const select = rowsPerPageSelect(page);
    expect(await select.locator("option").allTextContents()).toEqual(["25", "50", "100", "250", "500", "1000"]);

    await select.selectOption("25");
    await expectView(page, usage, { perPage: 25 });
    expect(await tableIds(page)).toHaveLength(25);
    // From the keyboard: the next choice down applies at once, and focus stays on the select.
    await rowsPerPageSelect(page).focus();
    await page.keyboard.press("ArrowDown");
    await expectView(page, usage, { perPage: 50 });
    expect((await focused(page)).tag, "focus after a choice from the keyboard").toBe("select");
    await pagerLink(page, "Next").click();
    await expectView(page, usage, { perPage: 50, page: 2 });
    await rowsPerPageSelect(page).selectOption("250");
    await expectView(page, usage, { perPage: 250 });
    expect(await tableIds(page)).toHaveLength(250);
    // Rows enough for the whole sample: one page, no step leads anywhere.
    await rowsPerPageSelect(page).selectOption("1000");
    await expectView(page, usage, { perPage: 1000 });
    expect(await tableIds(page)).toEqual(expectedOrder(usage, null));
    expect(await pager(page).getByRole("link").count()).toBe(0);
    // Back to the default: the rows of page 1, whether or not the URL spells per_page=100 out.
    await rowsPerPageSelect(page).selectOption("100");
    await expect.poll(() => perPageParam(page)).not.toBe("1000");
    expect(["100", null]).toContain(perPageParam(page));
    expect(pageParam(page)).toBeNull();
    await expectView(page, usage, {}, false);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("walks back and forward through page and rows-per-page changes, the rows following", async () => {
    const usage = await sample();
    const { page, errors } = await openDashboard(browser, url);
    await markWindow(page);
    const views: TableView[] = [{}, { page: 2 }, { page: 3 }, { perPage: 50 }, { perPage: 50, page: 2 }];
    await pagerLink(page, "Next").click();
    await expectView(page, usage, views[1]!);
    await pagerLink(page, "Next").click();
    await expectView(page, usage, views[2]!);
    await rowsPerPageSelect(page).selectOption("50");
    await expectView(page, usage, views[3]!);
    await pagerLink(page, "Next").click();
    await expectView(page, usage, views[4]!);

    for (const view of views.slice(0, -1).reverse()) {
      await page.goBack();
      await expectView(page, usage, view);
    }
    for (const view of views.slice(1)) {
      await page.goForward();
      await expectView(page, usage, view);
    }
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("goes back to page 1 when the sort changes on page 3, keeping the rows per page and focus on the sort", async () => {
    const usage = await sample();
    const { page, errors } = await openDashboard(browser, url, viewQuery({ page: 3, perPage: 50 }));
    await expectView(page, usage, { page: 3, perPage: 50 });
    await markWindow(page);
    await sortButton(page, "credits").click();
    await expectView(page, usage, { sort: "credits", perPage: 50 });
    expect(await focused(page)).toMatchObject({ tag: "button", text: expect.stringMatching(/^Credits Used/) });
    await pagerLink(page, "Last").click();
    await pagerLink(page, "Previous").click();
    const count = pageCount(usage.length, 50);
    await expectView(page, usage, { sort: "credits", perPage: 50, page: count - 1 });
    await sortButton(page, "report").focus();
    await page.keyboard.press("Enter");
    await expectView(page, usage, { sort: "credits,report", perPage: 50 });
    expect(await focused(page)).toMatchObject({ tag: "button", text: expect.stringMatching(/^Report Name/) });
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("keeps the sort, page and rows per page when a message on a later page is selected; paging on drops it", async () => {
    const usage = await sample();
    const view = { sort: "-credits", page: 3, perPage: 50 };
    const { page, errors } = await openDashboard(browser, url, viewQuery(view));
    await markWindow(page);
    const entry = pageOf(sortedUsage(usage, view.sort), view)[7]!;
    await usageTable(page)
      .getByRole("link", { name: String(entry.message_id), exact: true })
      .click();
    await page
      .getByRole("region", { name: "Why a message cost what it did" })
      .getByRole("heading", { level: 3, name: `Message ${entry.message_id}: ${entry.credits_used.toFixed(2)} credits` })
      .waitFor();
    const selectedUrl = new URL(page.url());
    expect(Object.fromEntries(selectedUrl.searchParams)).toEqual({
      sort: "-credits",
      page: "3",
      per_page: "50",
      message: String(entry.message_id),
    });
    expect(selectedUrl.hash).toBe("#breakdown");
    await expectView(page, usage, view, false);
    expect(await usageTable(page).locator('tbody tr[aria-selected="true"] td').first().textContent()).toBe(String(entry.message_id));
    expect(await focused(page), "focus stays on the message link").toEqual({ tag: "a", text: String(entry.message_id), id: "" });

    await pagerLink(page, "Next").click();
    await expectView(page, usage, { ...view, page: 4 });
    expect(await usageTable(page).locator('tbody tr[aria-selected="true"]').count()).toBe(0);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("shows the last page for a page past the end, and steps back from there", async () => {
    const usage = await sample();
    const count = pageCount(usage.length);
    const { page, errors } = await openDashboard(browser, url, "?page=99");
    await expectView(page, usage, { page: 99 }, false);
    expect(pageParam(page)).toBe("99");
    expect(await tableIds(page)).toEqual(expectedOrder(usage, null).slice((count - 1) * 100));
    await pagerLink(page, "Previous").click();
    await expectView(page, usage, { page: count - 1 });

    const sorted = { sort: "credits", perPage: 25, page: 99 };
    const lastOf25 = pageCount(usage.length, 25);
    const off = await openDashboard(browser, url, viewQuery(sorted), { javaScriptEnabled: false });
    await expectView(off.page, usage, sorted, false);
    expect(await off.page.locator(".pager").textContent()).toContain(`Page ${lastOf25} of ${lastOf25}`);
    await load(off.page, pagerLink(off.page, "Previous"), usage, { ...sorted, page: lastOf25 - 1 });
    expect(errors).toEqual([]);
    expect(off.errors).toEqual([]);
  });

  it("pages and sets the rows per page with JavaScript off: links and a GET form that load pages", async () => {
    const usage = await sample();
    const count = pageCount(usage.length);
    const { page, errors } = await openDashboard(browser, url, "", { javaScriptEnabled: false });
    await expectView(page, usage, {});
    await load(page, pagerLink(page, "Next"), usage, { page: 2 });
    await load(page, pagerLink(page, "Last"), usage, { page: count });
    await load(page, pagerLink(page, "Previous"), usage, { page: count - 1 });
    await load(page, pagerLink(page, "First"), usage, {});

    // Without a script a choice waits for Show.
    await rowsPerPageSelect(page).selectOption("50");
    expect(new URL(page.url()).search).toBe("");
    await load(page, rowsPerPageForm(page).getByRole("button", { name: "Show" }), usage, { perPage: 50 });
    await load(page, pagerLink(page, "Next"), usage, { perPage: 50, page: 2 });
    // The form keeps the sort and goes back to page 1; a header link does too.
    await page.goto(`${url}${DASHBOARD_PATH}${viewQuery({ sort: "-report", page: 2 })}`);
    await rowsPerPageSelect(page).selectOption("25");
    await load(page, rowsPerPageForm(page).getByRole("button", { name: "Show" }), usage, { sort: "-report", perPage: 25 });
    await load(page, pagerLink(page, "Next"), usage, { sort: "-report", perPage: 25, page: 2 });
    await load(page, pagerLink(page, "Next"), usage, { sort: "-report", perPage: 25, page: 3 });
    const header = columnHeader(page, "credits").getByRole("link", { name: /^Credits Used/ });
    await load(page, header, usage, { sort: "-report,credits", perPage: 25 });
    expect(errors).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation on a middle and the last page in ${colorScheme}`, async () => {
      const usage = await sample();
      const { page, errors } = await openDashboard(browser, url, viewQuery({ page: 2 }), { colorScheme });
      // The bottom of the table and the pager under it, as a person sees them after scrolling down.
      await pager(page).evaluate((nav) => nav.scrollIntoView({ block: "center" }));
      await screenshot(page, `credits-dashboard-pager-${colorScheme}`, { fullPage: false });
      expect(await checkAccessibility(page)).toEqual([]);

      await pagerLink(page, "Last").click();
      await expectView(page, usage, { page: pageCount(usage.length) });
      await page.mouse.move(0, 0);
      await pager(page).evaluate((nav) => nav.scrollIntoView({ block: "center" }));
      await screenshot(page, `credits-dashboard-pager-last-${colorScheme}`, { fullPage: false });
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("fits the pager and the rows-per-page form on a 390 px wide phone", async () => {
    const usage = await sample();
    const { page, errors } = await openDashboard(browser, url, viewQuery({ page: 2 }), { width: 390 });
    await expectView(page, usage, { page: 2 });
    await pager(page).evaluate((nav) => nav.scrollIntoView({ block: "center" }));
    await screenshot(page, "credits-dashboard-pager-390", { fullPage: false });
    expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    for (const step of ["First", "Previous", "Next", "Last"] as const) {
      const box = await pagerLink(page, step).boundingBox();
      expect(box, `${PAGER_TEXT[step]} on screen`).not.toBeNull();
      expect(box!.x + box!.width, `${PAGER_TEXT[step]} within 390 px`).toBeLessThanOrEqual(390);
    }
    expect(await rowsPerPageSelect(page).isVisible()).toBe(true);
    expect(await messagesHeading(page).count()).toBe(1);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
