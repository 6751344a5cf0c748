import { beforeAll, describe, expect, it } from "vitest";
import { call, jsonInit, postJson, withToken } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";
import {
  attributesOf,
  captionOf,
  DASHBOARD,
  decodeEntities,
  expectDashboardHref,
  expectedOrder,
  loadJune2024,
  pagerOf,
  tableIds,
  tableRows,
  type UsageEntry,
} from "./dashboard-html";

// Enough messages for several pages at every size below 500: 263 is prime, so no size divides it.
const COUNT = 263;

const reports = [
  { id: 1, name: "Report 2", credit_cost: 3 },
  { id: 2, name: "Report 10", credit_cost: 3 },
  // Equal to "Report 2" for a person (case only): ties broken by code units, never by chance.
  { id: 3, name: "report 2", credit_cost: 7.25 },
  { id: 4, name: "Ärger", credit_cost: 1.5 },
  { id: 5, name: "alpha", credit_cost: 12 },
  { id: 6, name: "<b>Zeta</b>", credit_cost: 0 },
  // No message names it until the write test.
  { id: 7, name: "Big", credit_cost: 999 },
];

/** Report ids in turn: named reports, no report (absent and null), and an unknown id (priced from the text). */
const REPORT_CYCLE = [1, 2, 3, 4, 5, 6, undefined, null, 42] as const;

// Two messages per instant, their ids out of time order, so ties fall back to (timestamp, id).
const messages = Array.from({ length: COUNT }, (_, i) => {
  const reportId = REPORT_CYCLE[i % REPORT_CYCLE.length];
  return {
    id: 1000 + ((i * 97) % COUNT),
    timestamp: new Date(Date.UTC(2024, 5, 1, 1) + Math.floor(i / 2) * 7_200_000 + (i % 7) * 1000).toISOString(),
    text: `Message ${i} about ${"meter ".repeat(i % 6)}readings`,
    ...(reportId === undefined ? {} : { report_id: reportId }),
  };
});

let usage: UsageEntry[];

const readUsage = async () => ((await (await call("/usage")).json()) as { usage: UsageEntry[] }).usage;

const page = async (query = "") => {
  const response = await call(`${DASHBOARD}${query}`, asBrowser());
  const html = await response.text();
  return { response, html };
};

/** The dashboard URL's query for a state, written here by hand (absent values left out). */
function query(params: { sort?: string; page?: number; per_page?: number; [other: string]: string | number | undefined }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

const ids = (entries: readonly UsageEntry[]) => entries.map((entry) => entry.message_id);
const pageCount = (total: number, perPage: number) => Math.max(1, Math.ceil(total / perPage));

/** Asserts a page shows rows [(page-1)*perPage, page*perPage) of the expected order, with its caption and pager. */
async function expectPage(sort: string, pageNumber: number, perPage: number, shown = pageNumber) {
  const { response, html } = await page(query({ sort, page: pageNumber, per_page: perPage }));
  expect(response.status).toBe(200);
  const order = expectedOrder(usage, sort);
  const slice = order.slice((shown - 1) * perPage, shown * perPage);
  expect(slice.length).toBeGreaterThan(0);
  const rows = tableRows(html);
  expect(rows.map((cells) => Number(cells[0]))).toEqual(ids(slice));
  rows.forEach((cells, i) => {
    expect(decodeEntities(cells[2]!)).toBe(slice[i]!.report_name ?? "");
    expect(cells[3]).toBe(slice[i]!.credits_used.toFixed(2));
  });
  const pages = pageCount(order.length, perPage);
  expect(captionOf(html)).toMatch(new RegExp(`^${order.length} messages, sorted .*; page ${shown} of ${pages}\\. Timestamps in UTC\\.$`));
  expect(sectionById(html, "usage-table")).toMatch(new RegExp(`^<table id="usage-table" [^>]*data-messages="${order.length}"`));
  const start = (shown - 1) * perPage;
  expect(pagerOf(html).where).toEqual({ page: shown, pageCount: pages, from: start + 1, to: start + slice.length, total: order.length });
  return html;
}

/** The alert of the 422 page, as text. */
async function refusal(search: string): Promise<string> {
  const { response, html } = await page(search);
  expect(response.status, search).toBe(422);
  expectSafePage(response, html);
  expect(html).toContain("This dashboard address is not valid");
  expect(html).not.toContain('id="usage-table"');
  return textOf(/<div class="notice notice-error" role="alert"><p>([\s\S]*?)<\/p>/.exec(html)![1]!);
}

beforeAll(async () => {
  await loadJune2024(reports, messages);
  usage = await readUsage();
  expect(usage).toHaveLength(COUNT);
  // The data has what the sorts must get right: equal credits across reports, names equal but for case, no name.
  expect(new Set(usage.map((entry) => entry.credits_used)).size).toBeLessThan(COUNT);
  expect(usage.filter((entry) => entry.report_name === undefined).length).toBeGreaterThan(50);
});

describe("the Credit Usage dashboard's pages", () => {
  it("shows the first 100 rows by default, and every row on one page at 500 or more per page", async () => {
    const { html } = await page();
    expect(tableIds(html)).toEqual(ids(usage.slice(0, 100)));
    expect(captionOf(html)).toBe(`${COUNT} messages, sorted in time order (timestamp, then message id); page 1 of 3. Timestamps in UTC.`);
    expect(pagerOf(html).where).toEqual({ page: 1, pageCount: 3, from: 1, to: 100, total: COUNT });
    expect(html).not.toContain("data-ts=");
    for (const perPage of [500, 1000]) {
      const all = await page(query({ per_page: perPage }));
      expect(tableIds(all.html)).toEqual(ids(usage));
      expect(pagerOf(all.html).where).toEqual({ page: 1, pageCount: 1, from: 1, to: COUNT, total: COUNT });
    }
    // A blank page or per_page (a GET form's empty field) is the default.
    expect(tableIds((await page("?page=&per_page=")).html)).toEqual(ids(usage.slice(0, 100)));
  });

  it("shows rows [(page-1)×per_page, page×per_page) of the sorted order, the last page shorter", async () => {
    const cases: Array<[sort: string, page: number, perPage: number, rows: number]> = [
      ["", 2, 100, 100],
      ["", 3, 100, 63],
      ["report", 1, 25, 25],
      ["report", 11, 25, 13],
      ["-report", 4, 50, 50],
      ["credits,-report", 6, 50, 13],
      ["-credits,report", 2, 250, 13],
      ["report,-credits", 3, 100, 63],
      ["-credits", 1, 25, 25],
      ["credits", 1, 500, COUNT],
    ];
    for (const [sort, pageNumber, perPage, rows] of cases) {
      const html = await expectPage(sort, pageNumber, perPage);
      expect(tableRows(html), `${sort} page ${pageNumber} of ${perPage}`).toHaveLength(rows);
    }
    const sorted = await page(query({ sort: "report,-credits", page: 2, per_page: 25 }));
    expect(captionOf(sorted.html)).toBe(
      `${COUNT} messages, sorted by Report Name ascending, then Credits Used descending, ties in time order; ` +
        "page 2 of 11. Timestamps in UTC.",
    );
  });

  it("gives the whole order once over its pages, following the pager's Next link from the first page", async () => {
    for (const [sort, perPage] of [
      ["", 25],
      ["-report,credits", 25],
      ["credits", 50],
      ["report", 100],
    ] as const) {
      const seen: number[] = [];
      let href: string | undefined = `${DASHBOARD}${query({ sort, per_page: perPage })}`;
      let pages = 0;
      while (href) {
        const { response, html } = await page(href.slice(DASHBOARD.length));
        expect(response.status).toBe(200);
        pages++;
        const pager = pagerOf(html);
        expect(pager.where.page).toBe(pages);
        seen.push(...tableIds(html));
        href = pager.next.href;
        // The default sort and rows per page are left out of the link.
        const expected: Record<string, string> = { page: String(pages + 1) };
        if (sort) expected.sort = sort;
        if (perPage !== 100) expected.per_page = String(perPage);
        if (href) expectDashboardHref(href, expected);
      }
      expect(pages).toBe(pageCount(COUNT, perPage));
      expect(seen).toEqual(ids(expectedOrder(usage, sort)));
    }
    // The same, page by page from the URL alone.
    for (const perPage of [250, 100]) {
      const seen: number[] = [];
      for (let n = 1; n <= pageCount(COUNT, perPage); n++)
        seen.push(...tableIds((await page(query({ sort: "-credits", page: n, per_page: perPage }))).html));
      expect(seen).toEqual(ids(expectedOrder(usage, "-credits")));
    }
  });

  it("shows the last page for a page past the end, its pager and message links saying which page it is", async () => {
    const html = await expectPage("-credits", 999, 50, 6);
    expect(tableRows(html)).toHaveLength(13);
    const pager = pagerOf(html);
    expect(pager.next.href).toBeUndefined();
    expect(pager.last.href).toBeUndefined();
    expectDashboardHref(pager.first.href, { sort: "-credits", per_page: "50" });
    expectDashboardHref(pager.previous.href, { sort: "-credits", page: "5", per_page: "50" });
    const link = /<td><a href="([^"]+)">(\d+)<\/a><\/td>/.exec(sectionById(html, "usage-table"))!;
    expectDashboardHref(decodeEntities(link[1]!), { sort: "-credits", page: "6", per_page: "50", message: link[2]! }, "#breakdown");
    await expectPage("", 1_000_000, 100, 3);
    await expectPage("report", 4, 100, 3);
  });

  it("links the pager's steps only where they lead, keeping sort, window and rows per page and leaving defaults out", async () => {
    const first = pagerOf((await page("?sort=-credits&per_page=25")).html);
    expect(first.first.href).toBeUndefined();
    expect(first.previous.href).toBeUndefined();
    expectDashboardHref(first.next.href, { sort: "-credits", page: "2", per_page: "25" });
    expect(first.next.attributes.rel).toBe("next");
    expectDashboardHref(first.last.href, { sort: "-credits", page: "11", per_page: "25" });
    expect(first.last.attributes.rel).toBeUndefined();

    const second = pagerOf((await page("?sort=-credits&page=2&per_page=25")).html);
    expectDashboardHref(second.first.href, { sort: "-credits", per_page: "25" });
    expect(second.first.attributes.rel).toBeUndefined();
    expectDashboardHref(second.previous.href, { sort: "-credits", per_page: "25" });
    expect(second.previous.attributes.rel).toBe("prev");
    expectDashboardHref(second.next.href, { sort: "-credits", page: "3", per_page: "25" });
    expectDashboardHref(second.last.href, { sort: "-credits", page: "11", per_page: "25" });

    // Default sort and size: the links say only the page, and page 1 is the bare dashboard.
    for (const search of ["?page=2", "?page=2&per_page=100", "?page=2&sort="]) {
      const middle = pagerOf((await page(search)).html);
      expect(middle.first.href).toBe(DASHBOARD);
      expect(middle.previous.href).toBe(DASHBOARD);
      expectDashboardHref(middle.next.href, { page: "3" });
      expectDashboardHref(middle.last.href, { page: "3" });
    }
    const last = pagerOf((await page("?page=3")).html);
    expect(last.first.href).toBe(DASHBOARD);
    expectDashboardHref(last.previous.href, { page: "2" });
    expect(last.next.href).toBeUndefined();
    expect(last.last.href).toBeUndefined();

    // A one-page table: nothing to go to.
    const single = pagerOf((await page("?per_page=500")).html);
    expect([single.first.href, single.previous.href, single.next.href, single.last.href]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);

    // A window from the URL: its pages stay in it.
    const inWindow = usage.filter((entry) => entry.timestamp >= "2024-06-02" && entry.timestamp < "2024-06-05");
    expect(inWindow.length).toBeGreaterThan(25);
    const windowed = await page("?from=2024-06-02&to=2024-06-05&sort=report&per_page=25&page=2");
    expect(tableIds(windowed.html)).toEqual(ids(expectedOrder(inWindow, "report").slice(25, 50)));
    const windowPager = pagerOf(windowed.html);
    expect(windowPager.where).toEqual({ page: 2, pageCount: pageCount(inWindow.length, 25), from: 26, to: 50, total: inWindow.length });
    const window = { from: "2024-06-02", to: "2024-06-05", sort: "report", per_page: "25" };
    expectDashboardHref(windowPager.previous.href, window);
    expectDashboardHref(windowPager.next.href, { ...window, page: "3" });
  });

  it("sends sort headers back to page 1 and keeps the rows per page; the rows-per-page form starts again at page 1", async () => {
    const { html } = await page("?sort=report&page=2&per_page=25");
    const header = (column: string) =>
      decodeEntities(new RegExp(`<a class="sort-link" href="([^"]+)" data-focus-key="sort-${column}"`).exec(html)![1]!);
    expectDashboardHref(header("report"), { sort: "-report", per_page: "25" });
    expectDashboardHref(header("credits"), { sort: "report,credits", per_page: "25" });

    const form = /<form\b[^>]*aria-label="Rows per page"[^>]*>([\s\S]*?)<\/form>/.exec(
      (await page("?from=2024-06-01&to=2024-07-01&sort=-credits&page=3&per_page=50")).html,
    )!;
    expect(attributesOf(/^<form\b([^>]*)>/.exec(form[0])![1]!)).toMatchObject({ method: "get", action: DASHBOARD });
    const hidden = [...form[1]!.matchAll(/<input\b([^>]*)\/?>/g)].map((m) => attributesOf(m[1]!));
    expect(hidden.map((input) => [input.type, input.name, input.value])).toEqual([
      ["hidden", "from", "2024-06-01"],
      ["hidden", "to", "2024-07-01"],
      ["hidden", "sort", "-credits"],
    ]);
    expect(form[1]).toMatch(/<select name="per_page"/);
    const options = [...form[1]!.matchAll(/<option\b([^>]*)>/g)].map((m) => attributesOf(m[1]!));
    expect(options.map((option) => option.value)).toEqual(["25", "50", "100", "250", "500", "1000"]);
    expect(options.filter((option) => "selected" in option).map((option) => option.value)).toEqual(["50"]);
  });

  it("answers a bad page or per_page with the 422 page naming the parameter", async () => {
    for (const perPage of ["7", "0", "-25", "25.5", "99", "2000"]) {
      const alert = await refusal(`?per_page=${perPage}`);
      expect(alert).toMatch(/(^|; )per_page: rows per page is one of 25, 50, 100, 250, 500, 1000/);
    }
    for (const perPage of ["abc", "%3Cscript%3E"]) {
      const alert = await refusal(`?page=2&per_page=${perPage}`);
      expect(alert).toMatch(/(^|; )per_page: /);
      expect(alert).not.toMatch(/(^|; )page: /);
    }
    for (const pageNumber of ["0", "-1", "1.5", "abc", "1000001"]) {
      const alert = await refusal(`?page=${pageNumber}&per_page=25`);
      expect(alert, `page=${pageNumber}`).toMatch(/(^|; )page: /);
      expect(alert).not.toContain("per_page");
    }
    // The CSV checks its URL the same way.
    await refusal("?format=csv&per_page=7");
  });

  it("downloads every row of the window in the URL's sort as CSV, whatever page, per_page and message the URL shows", async () => {
    const message = usage[200]!.message_id;
    const { html } = await page(`?sort=-credits,report&page=3&per_page=25&message=${message}`);
    const csvLink = /<a class="button button-quiet" href="([^"]+)" download="credit-usage.csv">/.exec(html)!;
    expectDashboardHref(decodeEntities(csvLink[1]!), { sort: "-credits,report", per_page: "25", format: "csv" });
    for (const search of [
      `?sort=-credits,report&page=3&per_page=25&message=${message}&format=csv`,
      "?sort=-credits,report&page=999&format=csv",
    ]) {
      const response = await call(`${DASHBOARD}${search}`, asBrowser());
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
      expect(response.headers.get("Content-Disposition")).toContain("attachment");
      const lines = (await response.text()).trimEnd().split("\r\n");
      expect(lines[0]).toBe("Message ID,Timestamp,Report Name,Credits Used");
      const expected = expectedOrder(usage, "-credits,report");
      expect(lines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(ids(expected));
      expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual(expected.map((entry) => entry.credits_used.toFixed(2)));
    }
  });

  it("links each message to the same sort, page and rows per page, and that page shows it selected", async () => {
    const search = "?sort=credits&page=2&per_page=25";
    const { html } = await page(search);
    const links = [...sectionById(html, "usage-table").matchAll(/<td><a href="([^"]+)">(\d+)<\/a><\/td>/g)];
    expect(links.map((link) => Number(link[2]))).toEqual(ids(expectedOrder(usage, "credits").slice(25, 50)));
    for (const link of links) {
      const href = decodeEntities(link[1]!);
      expect(href.startsWith("?")).toBe(true);
      expectDashboardHref(href, { sort: "credits", page: "2", per_page: "25", message: link[2]! }, "#breakdown");
    }
    const chosen = links[2]![2]!;
    const selected = await page(decodeEntities(links[2]![1]!).replace(/#.*$/, ""));
    expect(selected.response.status).toBe(200);
    expect(tableIds(selected.html)).toEqual(tableIds(html));
    expect(selected.html.match(/<tr aria-selected="true">/g)).toHaveLength(1);
    expect(selected.html).toMatch(new RegExp(`<tr aria-selected="true"><td><a href="[^"]+">${chosen}</a>`));
    expect(sectionById(selected.html, "breakdown")).toContain(`Message ${chosen}:`);
    expect(pagerOf(selected.html).where.page).toBe(2);

    // A message on another page: its breakdown shows, no row of this page is selected.
    const elsewhere = await page(`?message=${usage[250]!.message_id}`);
    expect(sectionById(elsewhere.html, "breakdown")).toContain(`Message ${usage[250]!.message_id}:`);
    expect(elsewhere.html).not.toContain('aria-selected="true"');
    expect(tableIds(elsewhere.html)).toEqual(ids(usage.slice(0, 100)));
  });
});

// Last: these write, and the tests above read the data as beforeAll left it.
describe("the Credit Usage dashboard's pages after a write", () => {
  it("shows a new message on the next view of a page already seen, in every sort", async () => {
    // Seen (and cached) before the write.
    await expectPage("", 3, 100);
    await expectPage("-credits", 1, 25);
    await expectPage("report", 11, 25);
    expect(tableIds((await page("?per_page=1000")).html)).toHaveLength(COUNT);

    const message = { id: 5000, timestamp: "2024-06-29T23:00:00Z", text: "The biggest one", report_id: 7 };
    expect((await postJson("/v1/messages", { messages: [message] })).status).toBe(200);
    usage = await readUsage();
    expect(usage).toHaveLength(COUNT + 1);
    expect(usage.at(-1)!.message_id).toBe(5000);

    const last = await expectPage("", 3, 100);
    expect(tableIds(last).at(-1)).toBe(5000);
    expect(tableIds(await expectPage("-credits", 1, 25))[0]).toBe(5000);
    await expectPage("report", 11, 25);
    await expectPage("report", 1, 25);
    expect(tableIds((await page("?per_page=1000")).html)).toEqual(ids(usage));
    const csv = await (await call(`${DASHBOARD}?sort=-credits&format=csv`, asBrowser())).text();
    expect(csv.trimEnd().split("\r\n")[1]!.split(",")[0]).toBe("5000");
  });

  it("re-sorts the pages when a report is renamed", async () => {
    const before = tableIds(await expectPage("report", 1, 500));
    const response = await call("/v1/reports/5", withToken(jsonInit("PUT", { name: "zz alpha", credit_cost: 12 })));
    expect(response.status).toBe(200);
    usage = await readUsage();
    expect(usage.some((entry) => entry.report_name === "zz alpha")).toBe(true);
    const after = tableIds(await expectPage("report", 1, 500));
    expect(after).not.toEqual(before);
    for (let n = 1; n <= pageCount(usage.length, 50); n++) await expectPage("-report,credits", n, 50);
  });
});
