import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoPageLoad, markWindow } from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";
import {
  DESK_PATH,
  deal,
  dealAndWait,
  money,
  mw,
  openDesk,
  type Report,
  traderPath,
  tradingDays,
  waitForFeed,
} from "./trading-dashboard-page";

const deskRow = (page: Page, traderId: string): Locator => page.locator(`#desk-table tbody tr[data-trader="${traderId}"]`);

/** A desk row's cells as read: trader, trades today, bought, sold, net, PnL, vs reference, last deal. */
const deskCells = (row: Locator): Promise<string[]> =>
  row.locator("th, td").evaluateAll((cells) => cells.map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim()));

/** What the desk shows of a trader whose day has no reference price yet, from their report of today. */
const expectedDeskCells = (report: Report, lastDeal: string): string[] => [
  report.trader_id,
  String(report.totals.trades),
  mw(report.totals.bought_mw),
  mw(report.totals.sold_mw),
  mw(report.totals.net_mw),
  money(report.totals.pnl_eur),
  "—",
  lastDeal,
];

/** `2025-01-01T10:15:30+00:00` → `10:15:30 UTC`: the desk's clock for a deal of today. */
const clock = (iso: string) => `${new Date(iso).toISOString().slice(11, 19)} UTC`;

/** The trading desk: every trader's day, re-read every 5 s. */
describe("trading desk /dashboards/trading", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  beforeAll(async () => {
    await waitForFeed(url);
  });

  it("lists a trader with a link to their page, and shows their new deal within a poll without a reload", async () => {
    const trader = "browser_trader_desk";
    const { today } = tradingDays();
    const first = deal({ trader_id: trader, delivery_day: today, delivery_hour: "08-09", direction: "buy", price: 70, quantity: 1.5 });
    let report = await dealAndWait(url, [first], 1);

    const { page, errors } = await openDesk(browser, url);
    const row = deskRow(page, trader);
    expect(await row.count()).toBe(1);
    expect(await deskCells(row)).toEqual(expectedDeskCells(report, clock(first.execution_time)));
    expect(await row.locator("td").nth(5).locator(".undefined-figure").getAttribute("title")).toBe(
      "1 hour(s) without a reference price are left out",
    );
    expect(await row.getByRole("link", { name: trader, exact: true }).getAttribute("href")).toBe(traderPath(trader));
    expect(await page.locator("[data-poll-note]").textContent()).toBe("Updates every 5 s while this page is open.");
    await markWindow(page);

    const second = deal({ trader_id: trader, delivery_day: today, delivery_hour: "09-10", direction: "sell", price: 71.5, quantity: 0.5 });
    report = await dealAndWait(url, [second], 2);
    // The desk asks every 5 s; the deal was stored before this, so the next check has it.
    await expect
      .poll(async () => (await deskCells(deskRow(page, trader)))[1], { timeout: 6_500, interval: 100, message: "trades today on the desk" })
      .toBe("2");
    expect(await deskCells(deskRow(page, trader))).toEqual(expectedDeskCells(report, clock(second.execution_time)));
    expect(await page.locator("[data-poll-checked]").textContent()).toMatch(/^Last checked at \d{2}:\d{2}:\d{2} UTC\.$/);
    await expectNoPageLoad(page);

    // The link leads to the trader's page of today.
    await deskRow(page, trader).getByRole("link", { name: trader, exact: true }).click();
    await page.waitForURL((next) => next.pathname === `${DESK_PATH}/${trader}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${trader} delivery day ${today}`);
    expect(await page.locator("#report-table tbody tr").count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it("without JavaScript, lists the trader and says to reload for new deals", async () => {
    const trader = "browser_trader_desk_nojs";
    const { today } = tradingDays();
    const only = deal({ trader_id: trader, delivery_day: today, delivery_hour: "09-10", direction: "sell", price: 1999.99, quantity: 7.3 });
    const report = await dealAndWait(url, [only], 1);
    const { page, errors } = await openDesk(browser, url, { javaScriptEnabled: false });
    expect(await deskCells(deskRow(page, trader))).toEqual(expectedDeskCells(report, clock(only.execution_time)));
    expect((await deskCells(deskRow(page, trader)))[5]).toBe("14,599.93");
    expect(await page.locator("[data-poll-note]").textContent()).toBe(
      "Updates every 5 s while this page is open (with JavaScript; without it, reload to see new deals).",
    );
    expect(errors).toEqual([]);
  });
});
