import type { Browser, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csvRecords } from "../csv-rows";
import { checkAccessibility, screenshot } from "./browser";
import {
  cellTexts,
  columnHeader,
  DEFAULT_ROWS_PER_PAGE,
  expectChartShowsDailySums,
  expectedOrder,
  expectNoPageLoad,
  expectTableShowsUsage,
  expectView,
  fetchUsage,
  getJson,
  HEADERS,
  type MessageDetail,
  markWindow,
  openDashboard,
  pageCount,
  pager,
  pageWith,
  sortedUsage,
  tableIds,
  tableRows,
  type UsageEntry,
  usageCells,
  usageTable,
  viewQuery,
  walkAllPages,
  wholeSamplePerPage,
} from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";

/**
 * The Credit Usage dashboard as a person sees it (the origin's table, the daily chart, why a message cost what it
 * did, the CSV), checked against GET /usage and GET /v1/messages/{id} of the shared local system (data/credits).
 * Sorting has its own file, credits-dashboard-sort.test.ts.
 */
describe("Credit Usage dashboard /dashboards/credits", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  const breakdownPanel = (page: Page): Locator => page.getByRole("region", { name: "Why a message cost what it did" });

  /** The rules table of the breakdown panel as [description, credits] rows. */
  const shownRules = (panel: Locator): Promise<string[][]> => cellTexts(panel.getByRole("table").locator("tbody tr"));

  /** The text-priced message that cost most (ties: the first in time), so most of its rules add something. */
  function costliestTextMessage(usage: UsageEntry[]): UsageEntry {
    const text = usage.filter((entry) => entry.report_name === undefined);
    expect(text.length, "text-priced messages in the sample").toBeGreaterThan(0);
    return text.reduce((best, entry) => (entry.credits_used > best.credits_used ? entry : best));
  }

  function reportMessage(usage: UsageEntry[]): UsageEntry & { report_name: string } {
    const entry = usage.find((candidate) => candidate.report_name !== undefined);
    expect(entry, "a report-priced message in the sample").toBeDefined();
    return entry as UsageEntry & { report_name: string };
  }

  /** Clicks a message id in the table and waits for the panel to name that message. */
  async function selectMessage(page: Page, id: number, credits: number): Promise<Locator> {
    await usageTable(page)
      .getByRole("link", { name: String(id), exact: true })
      .click();
    const panel = breakdownPanel(page);
    await panel.getByRole("heading", { level: 3, name: `Message ${id}: ${credits.toFixed(2)} credits` }).waitFor();
    return panel;
  }

  async function expectTextBreakdown(panel: Locator, detail: MessageDetail): Promise<void> {
    expect(detail.quote.priced_by).toBe("text");
    expect(detail.quote.rules.length).toBeGreaterThan(0);
    const rules = await shownRules(panel);
    expect(rules).toEqual(detail.quote.rules.map((rule) => [rule.description, rule.credits.toFixed(2)]));
    for (const [, credits] of rules) expect(credits).toMatch(/^-?\d+\.\d{2}$/);
    expect(await panel.getByRole("table").getByRole("columnheader").allTextContents()).toEqual(["Rule", "Credits"]);
  }

  /** The query of a view that holds the whole sample on one page. */
  const wholeSample = (usage: readonly UsageEntry[]) => viewQuery({ perPage: wholeSamplePerPage(usage.length) });

  /** The query of the page (default rows per page, time order) on which a message appears, and that page's number. */
  function pageShowing(usage: readonly UsageEntry[], id: number): { query: string; page: number } {
    const page = pageWith(expectedOrder(usage, null), id);
    return { query: viewQuery({ page }), page };
  }

  it("shows the origin's four headers and every message of the period as /usage has it, times in UTC", async () => {
    const usage = await fetchUsage(url);
    const perPage = wholeSamplePerPage(usage.length);
    const { page, errors } = await openDashboard(browser, url, viewQuery({ perPage }));
    // The whole sample on one page: every row, in /usage order, in the origin's formats.
    await expectTableShowsUsage(page, usage, { perPage });
    expect(await tableIds(page)).toEqual(usage.map((entry) => entry.message_id));
    await expect.poll(() => page.getByText(/All times are UTC/).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it(`shows the first ${DEFAULT_ROWS_PER_PAGE} messages of the period by default, the same formats, the rest on later pages`, async () => {
    const usage = await fetchUsage(url);
    expect(usage.length, "the sample fills more than one page").toBeGreaterThan(DEFAULT_ROWS_PER_PAGE);
    const { page, errors } = await openDashboard(browser, url);
    await expectTableShowsUsage(page, usage);
    expect(await tableRows(page)).toEqual(usage.slice(0, DEFAULT_ROWS_PER_PAGE).map(usageCells));
    expect(await pager(page).textContent()).toContain(`Page 1 of ${pageCount(usage.length)}`);
    expect(errors).toEqual([]);
  });

  it("draws one bar per UTC day from the first to the last day of the data, each the day's credits in /usage", async () => {
    const { page, errors } = await openDashboard(browser, url);
    await expectChartShowsDailySums(page, await fetchUsage(url));
    expect(errors).toEqual([]);
  });

  it("explains a text-priced message rule by rule when its id is clicked, without loading a page", async () => {
    const usage = await fetchUsage(url);
    const message = costliestTextMessage(usage);
    const detail = await getJson<MessageDetail>(url, `/v1/messages/${message.message_id}`);
    const shown = pageShowing(usage, message.message_id);
    const { page, errors } = await openDashboard(browser, url, shown.query);
    await markWindow(page);

    const panel = await selectMessage(page, message.message_id, detail.credits_used);
    await expectTextBreakdown(panel, detail);
    expect(new URL(page.url()).searchParams.get("message")).toBe(String(message.message_id));
    // The table stays on the page the message was picked from.
    await expectView(page, usage, { page: shown.page }, false);
    expect(new URL(page.url()).searchParams.get("page")).toBe(shown.page === 1 ? null : String(shown.page));
    await expectNoPageLoad(page);
    const selected = usageTable(page).locator('tbody tr[aria-selected="true"]');
    expect(await selected.count()).toBe(1);
    expect(await selected.locator("td").first().textContent()).toBe(String(message.message_id));
    expect(errors).toEqual([]);
  });

  it("says a report-priced message costs its report's fixed cost, replacing the rules shown before", async () => {
    const usage = await fetchUsage(url);
    const text = costliestTextMessage(usage);
    const report = reportMessage(usage);
    const detail = await getJson<MessageDetail>(url, `/v1/messages/${report.message_id}`);
    expect(detail.quote.priced_by).toBe("report");
    expect(detail.quote.report?.name).toBe(report.report_name);
    // Both messages on one page, whichever pages of 100 they fall on.
    const { page, errors } = await openDashboard(browser, url, wholeSample(usage));
    await markWindow(page);

    await selectMessage(page, text.message_id, text.credits_used);
    const panel = await selectMessage(page, report.message_id, detail.credits_used);
    const said = await panel.textContent();
    expect(said).toContain("fixed cost");
    expect(said).toContain(`report “${report.report_name}”, a fixed cost of ${detail.quote.report!.credit_cost.toFixed(2)} credits`);
    expect(await panel.getByRole("table").count(), "rules of the message selected before").toBe(0);
    expect(new URL(page.url()).searchParams.get("message")).toBe(String(report.message_id));
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("offers a CSV of all the messages in the table's order, whatever page is shown, also after a sort in the page", async () => {
    const usage = await fetchUsage(url);
    const { page, errors } = await openDashboard(browser, url);
    const csvLink = page.getByRole("link", { name: `Download CSV (all ${usage.length} messages, this order)` });
    const csv = async () => {
      const href = await csvLink.getAttribute("href");
      expect(href).not.toBeNull();
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
      return csvRecords(await response.text());
    };
    const expected = (sort: string | null) => [HEADERS, ...sortedUsage(usage, sort).map(usageCells)];
    /** Every page of the table in turn, from the one shown, as the rows of one table. */
    const allPages = async (sort: string | null) => [HEADERS, ...(await walkAllPages(page, usage.length, { sort })).flat()];

    const timeOrder = await csv();
    expect(timeOrder).toEqual(expected(null));
    expect(timeOrder.length - 1, "records beyond the first page").toBeGreaterThan(DEFAULT_ROWS_PER_PAGE);
    await markWindow(page);
    expect(await allPages(null)).toEqual(timeOrder);
    // On the last page the CSV still holds every message, not the rows shown.
    expect(await csv()).toEqual(timeOrder);

    await columnHeader(page, "credits").getByRole("button").click();
    await columnHeader(page, "credits").getByRole("button").click();
    await columnHeader(page, "report").getByRole("button").click();
    // A sort starts again at page 1.
    await expectView(page, usage, { sort: "-credits,report" });
    const sortedCsv = await csv();
    expect(sortedCsv).toEqual(expected("-credits,report"));
    expect(sortedCsv.slice(1).map(([id]) => Number(id))).toEqual(expectedOrder(usage, "-credits,report"));
    expect(sortedCsv.slice(1).map(([id]) => Number(id))).not.toEqual(usage.map((entry) => entry.message_id));
    expect(await allPages("-credits,report")).toEqual(sortedCsv);
    expect(await csv()).toEqual(sortedCsv);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("shows the table, the chart and a message's breakdown with JavaScript off", async () => {
    const usage = await fetchUsage(url);
    const message = costliestTextMessage(usage);
    const detail = await getJson<MessageDetail>(url, `/v1/messages/${message.message_id}`);
    const perPage = wholeSamplePerPage(usage.length);
    const { page, errors } = await openDashboard(browser, url, viewQuery({ perPage }), { javaScriptEnabled: false });
    await expectTableShowsUsage(page, usage, { perPage });
    await expectChartShowsDailySums(page, usage);

    await usageTable(page)
      .getByRole("link", { name: String(message.message_id), exact: true })
      .click();
    await page.waitForURL((next) => next.searchParams.get("message") === String(message.message_id));
    const panel = breakdownPanel(page);
    expect(await panel.getByRole("heading", { level: 3 }).textContent()).toBe(
      `Message ${message.message_id}: ${detail.credits_used.toFixed(2)} credits`,
    );
    await expectTextBreakdown(panel, detail);
    // The page loaded keeps the rows per page.
    await expectView(page, usage, { perPage }, false);
    expect(new URL(page.url()).searchParams.get("per_page")).toBe(String(perPage));
    expect(errors).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation in ${colorScheme}`, async () => {
      const { page, errors } = await openDashboard(browser, url, "", { colorScheme });
      await screenshot(page, `credits-dashboard-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    it(`has no serious or critical accessibility violation in ${colorScheme} with a message selected`, async () => {
      const usage = await fetchUsage(url);
      const message = costliestTextMessage(usage);
      const { page, errors } = await openDashboard(browser, url, pageShowing(usage, message.message_id).query, { colorScheme });
      await selectMessage(page, message.message_id, message.credits_used);
      // The pointer rests where the id was clicked, now over a rule row: moved away, no hover shows in the picture.
      await page.mouse.move(0, 0);
      await screenshot(page, `credits-dashboard-message-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await openDashboard(browser, url, "", { width: 390 });
    await screenshot(page, "credits-dashboard-390");
    expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await checkAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
