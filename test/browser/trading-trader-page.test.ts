import type { Browser, Page, WebSocketRoute } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoPageLoad, markWindow } from "./credits-dashboard-page";
import { useLocalSystemBrowser } from "./shared-system";
import {
  type Deal,
  deal,
  dealAndWait,
  expectedVersus,
  expectLiveState,
  expectPageCatchesUp,
  expectPageShowsReport,
  expectRowFromDeals,
  fetchReport,
  liveStatus,
  money,
  openTraderPage,
  publishPrice,
  reportTable,
  runCron,
  sendDeals,
  shownRows,
  shownTotals,
  traderPath,
  tradingDays,
  versusText,
  waitForFeed,
  waitForMarksGone,
  waitForTrades,
} from "./trading-dashboard-page";

/** The trades the page's day total counts now (0 while it has none). */
const shownTrades = async (page: Page): Promise<number> => Number((await shownTotals(page))?.cells[1] ?? 0);

/** A row of the table by its delivery hour. */
const hourRow = (page: Page, hour: string) => reportTable(page).locator(`tbody tr[data-hour="${hour}"]`);

/**
 * The dashes in a row's cells (by index among its td: reference, avg − ref and vs reference by default) as "— (title)",
 * "" for a cell that shows a figure.
 */
const priceDashes = (page: Page, hour: string, cells = [7, 8, 10]): Promise<string[]> =>
  Promise.all(
    cells.map(async (index) => {
      const dash = hourRow(page, hour).locator("td").nth(index).locator(".undefined-figure");
      return (await dash.count()) === 0 ? "" : `${await dash.textContent()} (${await dash.getAttribute("title")})`;
    }),
  );

/** The table and the "last change" line as HTML: what must not move when nothing of this trader's day changed. */
const tableHtml = (page: Page): Promise<string> =>
  page.evaluate(() => {
    type Html = { innerHTML: string } | null;
    const doc = (globalThis as unknown as { document: { querySelector(selector: string): Html } }).document;
    return `${doc.querySelector("#report-table")?.innerHTML}\n${doc.querySelector("[data-last-change]")?.innerHTML}`;
  });

/** A trader's page: live rows from the board's pushes, reference prices from the cron, and catching up after a drop. */
describe("trader page /dashboards/trading/{trader_id}", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  beforeAll(async () => {
    await waitForFeed(url);
  });

  it("shows a deal of its trader within 2 s without a reload, and nothing of another trader's", async () => {
    const trader = "browser_trader_live";
    const other = "browser_trader_live_other";
    const { today } = tradingDays();
    const evening: Deal[] = [
      deal({ trader_id: trader, delivery_day: today, delivery_hour: "20-21", direction: "buy", price: 48.5, quantity: 2.5 }),
    ];
    let report = await dealAndWait(url, evening, 1);
    expectRowFromDeals(report.rows[0], evening);

    const { page, errors } = await openTraderPage(browser, url, trader, today);
    await expectLiveState(page, "live");
    expect((await liveStatus(page)).text).toBe("Live: rows update as deals and reference prices arrive.");
    await expectPageShowsReport(page, report);
    await markWindow(page);

    // A new hour: its row appears, in delivery order, marked for a moment.
    const late = deal({ trader_id: trader, delivery_day: today, delivery_hour: "21-22", direction: "sell", price: 61.25, quantity: 1.5 });
    await sendDeals([late]);
    await expect.poll(() => hourRow(page, "21-22").count(), { timeout: 2_000, interval: 50, message: "the new hour's row" }).toBe(1);
    expect(await hourRow(page, "21-22").getAttribute("class")).toContain("row-updated");
    expect(await hourRow(page, "21-22").locator(".row-mark").textContent()).toBe("updated");
    report = await waitForTrades(url, trader, today, 2);
    expectRowFromDeals(report.rows[1], [late]);
    await expectPageCatchesUp(page, url, trader, today);
    expect((await shownRows(page)).map((row) => row.hour)).toEqual(["20-21", "21-22"]);

    // Another deal in a shown hour: that row changes, and the day total with it.
    const totalsBefore = (await shownTotals(page))?.cells;
    const more = deal({ trader_id: trader, delivery_day: today, delivery_hour: "20-21", direction: "sell", price: 52.1, quantity: 3 });
    evening.push(more);
    await sendDeals([more]);
    await expect.poll(() => shownTrades(page), { timeout: 2_000, interval: 50, message: "the day total's trades" }).toBe(3);
    report = await waitForTrades(url, trader, today, 3);
    expectRowFromDeals(report.rows[0], evening);
    await expectPageCatchesUp(page, url, trader, today);
    expect((await shownRows(page))[0]?.cells.slice(1, 4)).toEqual(["2", "2.5", "3.0"]);
    expect((await shownTotals(page))?.cells).not.toEqual(totalsBefore);

    // Another trader's deals, same day and hours: stored (the API says so), and this page does not move.
    await waitForMarksGone(page);
    const before = await tableHtml(page);
    await dealAndWait(
      url,
      [
        deal({ trader_id: other, delivery_day: today, delivery_hour: "20-21", direction: "buy", price: 10, quantity: 9.9 }),
        deal({ trader_id: other, delivery_day: today, delivery_hour: "21-22", direction: "sell", price: 99, quantity: 0.1 }),
      ],
      2,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await tableHtml(page)).toBe(before);
    expect(await fetchReport(url, trader, today)).toEqual(report);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("shows a reference price the cron publishes without a reload, with the comparisons' sign, word and colour", async () => {
    const trader = "browser_trader_reference";
    const { tomorrow } = tradingDays();
    const [priced, unpriced] = ["10-11", "11-12"];
    const pricedDeals = [
      deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: priced, direction: "buy", price: 60, quantity: 2 }),
      deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: priced, direction: "sell", price: 56, quantity: 1 }),
    ];
    const unpricedDeal = deal({
      trader_id: trader,
      delivery_day: tomorrow,
      delivery_hour: unpriced,
      direction: "buy",
      price: 40,
      quantity: 1,
    });
    let report = await dealAndWait(url, [...pricedDeals, unpricedDeal], 3);
    expectRowFromDeals(report.rows[0], pricedDeals);

    const { page, errors } = await openTraderPage(browser, url, trader, tomorrow);
    await expectLiveState(page, "live");
    await expectPageShowsReport(page, report);
    // No price yet: a dash that says why, never a 0 or an empty cell.
    const noPrice = "No reference price for this hour yet";
    for (const hour of [priced, unpriced]) expect(await priceDashes(page, hour), hour).toEqual(Array(3).fill(`— (${noPrice})`));
    // A side without deals is a dash too, saying so: the unpriced hour only bought.
    expect(await priceDashes(page, unpriced, [4, 5])).toEqual(["", "— (No sells in this hour)"]);
    const totalsVersus = reportTable(page).locator("tfoot tr[data-totals] td").last();
    expect(await totalsVersus.getAttribute("title")).toBe("2 hour(s) without a reference price are left out");
    expect(await totalsVersus.locator(".undefined-figure").getAttribute("title")).toBe("No hour has a reference price yet");
    await markWindow(page);

    const reference = 57;
    const lastUpdate = await publishPrice(tomorrow, priced, reference);
    await runCron(url);
    await expect
      .poll(async () => (await shownRows(page)).find((row) => row.hour === priced)?.cells[8], {
        timeout: 10_000,
        interval: 100,
        message: "the reference price on the page",
      })
      .toBe(money(reference));
    // The API reads prices through a cache of a few seconds: wait for it to show the price too, then compare.
    await expect
      .poll(async () => (await fetchReport(url, trader, tomorrow))?.rows[0]?.reference_price, { timeout: 10_000 })
      .toBe(reference);
    report = (await fetchReport(url, trader, tomorrow))!;
    const want = expectedVersus(pricedDeals, reference);
    expect(report.rows[0]).toMatchObject({ delta_vs_reference: want.delta, vs_reference_eur: want.vs, reference_last_update: lastUpdate });
    expect(report.rows[1]?.reference_price).toBeNull();
    await expectPageShowsReport(page, report);

    const row = (await shownRows(page)).find((shown) => shown.hour === priced)!;
    expect(row.cells.slice(8, 10)).toEqual(["57.00", "+1.67 ahead"]);
    expect(row.cells[11]).toBe("−7.00 behind");
    expect(row.subs[8]).toBe(`updated ${lastUpdate.slice(11, 16)} UTC, under a minute old`);
    const delta = hourRow(page, priced).locator("td").nth(8).locator(".versus");
    const versus = hourRow(page, priced).locator("td").nth(10).locator(".versus");
    expect(await delta.getAttribute("class")).toBe("versus versus-ahead");
    expect(await delta.getAttribute("data-state")).toBe("ahead");
    expect(await versus.getAttribute("class")).toBe("versus versus-behind");
    expect(await versus.getAttribute("data-state")).toBe("behind");
    const colour = (locator: typeof delta) =>
      locator.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).color ?? "");
    expect(await colour(delta)).not.toBe(await colour(versus));
    // The unpriced hour keeps its dashes; the day total counts the priced hour only, and says so.
    expect(await priceDashes(page, unpriced)).toEqual(Array(3).fill(`— (${noPrice})`));
    expect((await shownTotals(page))?.cells.at(-1)).toBe(versusText(want.vs));
    expect(await totalsVersus.getAttribute("title")).toBe("1 hour(s) without a reference price are left out");
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("says it is reconnecting when the server drops its socket, and shows a deal made meanwhile once back", async () => {
    const trader = "browser_trader_drop";
    const { tomorrow } = tradingDays();
    const path = traderPath(trader, tomorrow).split("?")[0]!;
    await dealAndWait(
      url,
      [deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: "03-04", direction: "buy", price: 30, quantity: 1 })],
      1,
    );

    // The page's live socket goes through this route, which can drop it as the server would and refuse new ones. The
    // page's re-reads of itself are refused from the drop until a socket is accepted again, so what it shows after the
    // drop comes from the re-read that follows the reconnect.
    let refuseSockets = false;
    let refuseRereads = false;
    let accepted: WebSocketRoute[] = [];
    const rereads: Array<{ at: number; conditional: boolean }> = [];
    const before = async (page: Page) => {
      await page.routeWebSocket(/\/v1\/trading\/live\?/, (socket) => {
        if (refuseSockets) {
          socket.close({ code: 1013, reason: "try again later (browser test)" });
          return;
        }
        refuseRereads = false;
        socket.connectToServer();
        accepted.push(socket);
      });
      await page.route(
        (target) => target.pathname === path,
        (route) => {
          if (route.request().resourceType() === "document") return route.continue();
          if (refuseRereads) return route.abort("internetdisconnected");
          rereads.push({ at: Date.now(), conditional: route.request().headers()["if-none-match"] !== undefined });
          return route.continue();
        },
      );
    };
    const { page, errors } = await openTraderPage(browser, url, trader, tomorrow, { before });
    await expectLiveState(page, "live");
    // The re-read every open of the socket makes (the first too) is a conditional GET.
    await expect.poll(() => rereads.length).toBeGreaterThan(0);
    expect(rereads.every((reread) => reread.conditional)).toBe(true);
    await markWindow(page);

    refuseSockets = refuseRereads = true;
    for (const socket of accepted) await socket.close({ code: 1001, reason: "going away (browser test)" });
    accepted = [];
    await expectLiveState(page, "reconnecting", 3_000);
    expect((await liveStatus(page)).text).toBe("Reconnecting… Meanwhile the table is re-read every 5 s.");

    const during = [
      deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: "03-04", direction: "sell", price: 33.33, quantity: 0.5 }),
      deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: "04-05", direction: "buy", price: 35, quantity: 4.2 }),
    ];
    await dealAndWait(url, during, 3);
    // Long enough for a refused re-read (every 5 s) and a refused reconnect: the page still shows the old day.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await shownTrades(page)).toBe(1);
    expect(await hourRow(page, "04-05").count()).toBe(0);
    expect((await liveStatus(page)).state).toBe("reconnecting");

    const rereadsBefore = rereads.length;
    refuseSockets = false;
    // The next attempt comes at most 10 s after the last (1, 2, 5, 10 s apart).
    await expectLiveState(page, "live", 15_000);
    await expectPageCatchesUp(page, url, trader, tomorrow, 3_000);
    expect(await shownTrades(page)).toBe(3);
    expect(rereads.length, "a re-read after the reconnect").toBeGreaterThan(rereadsBefore);
    expect(rereads.at(-1)?.conditional).toBe(true);
    await expectNoPageLoad(page);
    // The refused re-reads are logged as failed loads; nothing else may be.
    const unexpected = errors.filter((error) => !(error.includes("net::ERR_INTERNET_DISCONNECTED") && error.includes(path)));
    expect(unexpected).toEqual([]);
  });

  it("says since when it is offline, and catches up with a deal made meanwhile when the network is back", async () => {
    const trader = "browser_trader_offline";
    const { tomorrow } = tradingDays();
    await dealAndWait(
      url,
      [deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: "05-06", direction: "buy", price: 20, quantity: 1 })],
      1,
    );
    const { page, errors } = await openTraderPage(browser, url, trader, tomorrow);
    await expectLiveState(page, "live");
    await markWindow(page);

    await page.context().setOffline(true);
    await expectLiveState(page, "offline", 3_000);
    expect((await liveStatus(page)).text).toMatch(
      /^Offline since \d{2}:\d{2}:\d{2} UTC\. The table catches up when the network is back\.$/,
    );
    await dealAndWait(
      url,
      [deal({ trader_id: trader, delivery_day: tomorrow, delivery_hour: "05-06", direction: "sell", price: 25, quantity: 2 })],
      2,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await shownTrades(page)).toBe(1);

    await page.context().setOffline(false);
    await expectLiveState(page, "live", 5_000);
    await expectPageCatchesUp(page, url, trader, tomorrow, 3_000);
    expect(await shownTrades(page)).toBe(2);
    await expectNoPageLoad(page);
    expect(errors).toEqual([]);
  });

  it("is a correct report without JavaScript, rendered by the server", async () => {
    const trader = "browser_trader_nojs";
    const { today, tomorrow } = tradingDays();
    const deals = [
      deal({ trader_id: trader, delivery_day: today, delivery_hour: "05-06", direction: "buy", price: 45.5, quantity: 1.2 }),
      deal({ trader_id: trader, delivery_day: today, delivery_hour: "05-06", direction: "sell", price: 47.25, quantity: 0.8 }),
      deal({ trader_id: trader, delivery_day: today, delivery_hour: "06-07", direction: "sell", price: -3.5, quantity: 2 }),
      deal({ trader_id: trader, delivery_day: today, delivery_hour: "07-08", direction: "buy", price: 1234.56, quantity: 10 }),
    ];
    const report = await dealAndWait(url, deals, 4);
    expectRowFromDeals(report.rows[0], deals.slice(0, 2));
    expectRowFromDeals(report.rows[1], deals.slice(2, 3));
    expectRowFromDeals(report.rows[2], deals.slice(3));

    const { page, errors } = await openTraderPage(browser, url, trader, today, { javaScriptEnabled: false });
    await expectPageShowsReport(page, report);
    // The formats a reader sees: grouping, negative prices and money, a dash for a side without deals.
    expect((await shownRows(page)).map((row) => row.cells.slice(5, 8))).toEqual([
      ["45.50", "47.25", "46.20"],
      ["—", "-3.50", "-3.50"],
      ["1,234.56", "—", "1,234.56"],
    ]);
    expect((await shownTotals(page))?.cells[10]).toBe("-12,369.40");
    expect(await liveStatus(page)).toEqual({
      state: "static",
      text: "This page does not update by itself: reload it to see new deals and prices.",
    });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${trader} delivery day ${today}`);
    const days = page.getByRole("list", { name: "Delivery day (UTC)" }).getByRole("link");
    expect(await days.allTextContents()).toEqual([`${today} today`, `${tomorrow} tomorrow`]);
    expect(await days.first().getAttribute("aria-current")).toBe("page");
    expect(await days.last().getAttribute("href")).toBe(traderPath(trader, tomorrow));
    expect(await page.getByRole("combobox", { name: "Trader" }).inputValue()).toBe(trader);
    expect(errors).toEqual([]);
  });
});
