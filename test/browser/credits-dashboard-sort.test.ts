import type { Browser, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectConsoleErrors, newPage } from "./browser";
import {
  COLUMN_HEADERS,
  columnHeader,
  DASHBOARD_PATH,
  DEFAULT_ROWS_PER_PAGE,
  expectedOrder,
  expectNoPageLoad,
  expectView,
  fetchUsage,
  markWindow,
  openDashboard,
  type SortColumn,
  sortParam,
  tableIds,
  type UsageEntry,
} from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

const COLUMNS: SortColumn[] = ["report", "credits"];

/** What `aria-sort` each header should carry for a `sort` parameter: only the primary key is announced. */
function ariaSorts(sort: string | null): Record<SortColumn, string> {
  const primary = (sort ?? "").split(",")[0] ?? "";
  const column = primary.replace(/^-/, "");
  const direction = primary.startsWith("-") ? "descending" : "ascending";
  return { report: column === "report" ? direction : "none", credits: column === "credits" ? direction : "none" };
}

/**
 * The URL's sort, both headers' aria-sort and the rows all say `sort` (null: the original order): a sort shows the
 * first page of its order, so the rows are the first 100 of the order worked out from /usage, and the URL has no page.
 */
async function expectSorted(page: Page, usage: readonly UsageEntry[], sort: string | null): Promise<void> {
  await expect.poll(() => sortParam(page), { message: "the URL's sort" }).toBe(sort);
  // The URL changes before the view comes in: wait for the rows and the headers' marks, then check the rest.
  await expectView(page, usage, { sort });
  for (const column of COLUMNS) {
    expect(await columnHeader(page, column).getAttribute("aria-sort"), `aria-sort of ${column} for sort=${sort}`).toBe(
      ariaSorts(sort)[column],
    );
  }
  expect(await tableIds(page), `rows for sort=${sort}`).toEqual(expectedOrder(usage, sort).slice(0, DEFAULT_ROWS_PER_PAGE));
}

/** One column's cycle: ascending, descending, then the original order. */
const cycle = (column: SortColumn) => [column, `-${column}`, null];

/**
 * Sorting the Credit Usage table as a person does, by mouse and by keyboard, with JavaScript on (in place) and off
 * (plain links), checked against an order worked out from GET /usage: the URL carries the sort, so a new page, a
 * reload and back/forward show the same rows.
 */
describe("Credit Usage dashboard: sorting", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  const sortButton = (page: Page, column: SortColumn): Locator =>
    columnHeader(page, column).getByRole("button", { name: new RegExp(`^${COLUMN_HEADERS[column]}`) });

  /** A second page that opens each shared URL from scratch, as a colleague would. */
  async function openShared(): Promise<{ open(shared: string): Promise<Page>; errors: string[] }> {
    const page = await newPage(browser);
    const errors = collectConsoleErrors(page);
    return {
      errors,
      async open(shared) {
        const response = await page.goto(shared);
        expect(response?.status(), shared).toBe(200);
        return page;
      },
    };
  }

  for (const column of COLUMNS) {
    it(`sorts ${COLUMN_HEADERS[column]} ascending, descending, then back to time order by mouse; a shared URL shows the same`, async () => {
      const usage = await fetchUsage(url);
      const { page, errors } = await openDashboard(browser, url);
      const shared = await openShared();
      await expectSorted(page, usage, null);
      await markWindow(page);
      for (const sort of cycle(column)) {
        await sortButton(page, column).click();
        await expectSorted(page, usage, sort);
        await expectSorted(await shared.open(page.url()), usage, sort);
      }
      await expectNoPageLoad(page);
      expect(errors).toEqual([]);
      expect(shared.errors).toEqual([]);
    });

    it(`sorts ${COLUMN_HEADERS[column]} through its cycle from the keyboard (Enter and Space), keeping focus`, async () => {
      const usage = await fetchUsage(url);
      const { page, errors } = await openDashboard(browser, url);
      const button = sortButton(page, column);
      await button.focus();
      const keys = column === "report" ? ["Enter", "Space", "Enter"] : ["Space", "Enter", "Space"];
      for (const [i, sort] of cycle(column).entries()) {
        await page.keyboard.press(keys[i]!);
        await expectSorted(page, usage, sort);
        expect(await button.evaluate((element) => element === element.ownerDocument.activeElement), `focus after ${keys[i]}`).toBe(true);
      }
      expect(errors).toEqual([]);
    });
  }

  it("sorts by both columns at once, the column clicked first as the primary key", async () => {
    const usage = await fetchUsage(url);
    const { page, errors } = await openDashboard(browser, url);
    const shared = await openShared();
    const clicks: Array<[SortColumn, string | null]> = [
      ["credits", "credits"],
      ["report", "credits,report"],
      ["credits", "-credits,report"],
      // Credits leaves the sort: report, clicked after it, becomes the primary key.
      ["credits", "report"],
      ["credits", "report,credits"],
      ["report", "-report,credits"],
      ["report", "credits"],
      ["credits", "-credits"],
      ["credits", null],
    ];
    for (const [column, sort] of clicks) {
      await sortButton(page, column).click();
      await expectSorted(page, usage, sort);
      await expectSorted(await shared.open(page.url()), usage, sort);
    }
    // The sample tells the keys apart: which column is primary changes the order, and so does a secondary key.
    expect(expectedOrder(usage, "credits,report")).not.toEqual(expectedOrder(usage, "report,credits"));
    expect(expectedOrder(usage, "report,credits")).not.toEqual(expectedOrder(usage, "report"));
    // …also on the first page, the one a sort shows (a report's messages all cost the same, so its secondary key
    // shows only among the text-priced messages, further on).
    const firstPage = (sort: string) => expectedOrder(usage, sort).slice(0, DEFAULT_ROWS_PER_PAGE);
    expect(firstPage("credits,report")).not.toEqual(firstPage("report,credits"));
    expect(errors).toEqual([]);
    expect(shared.errors).toEqual([]);
  });

  it("walks back and forward through the sort changes, the rows following", async () => {
    const usage = await fetchUsage(url);
    const { page, errors } = await openDashboard(browser, url);
    await markWindow(page);
    await sortButton(page, "report").click();
    await expectSorted(page, usage, "report");
    await sortButton(page, "credits").click();
    await expectSorted(page, usage, "report,credits");
    await sortButton(page, "report").click();
    await expectSorted(page, usage, "-report,credits");

    for (const sort of ["report,credits", "report", null]) {
      await page.goBack();
      await expectSorted(page, usage, sort);
    }
    for (const sort of ["report", "report,credits", "-report,credits"]) {
      await page.goForward();
      await expectSorted(page, usage, sort);
    }
    await expectNoPageLoad(page);
    expect(new URL(page.url()).pathname).toBe(DASHBOARD_PATH);
    expect(errors).toEqual([]);
  });

  it("sorts with JavaScript off: each header is a link to the next sort, and the page it opens is in that order", async () => {
    const usage = await fetchUsage(url);
    const { page, errors } = await openDashboard(browser, url, "", { javaScriptEnabled: false });
    await expectSorted(page, usage, null);
    const clicks: Array<[SortColumn, string | null]> = [
      ["report", "report"],
      ["report", "-report"],
      ["credits", "-report,credits"],
      ["report", "credits"],
      ["credits", "-credits"],
      ["credits", null],
    ];
    for (const [column, sort] of clicks) {
      const link = columnHeader(page, column).getByRole("link", { name: new RegExp(`^${COLUMN_HEADERS[column]}`) });
      await link.click();
      await page.waitForURL((next) => next.searchParams.get("sort") === sort);
      await expectSorted(page, usage, sort);
    }
    expect(errors).toEqual([]);
  });
});
