import { Hono } from "hono";
import type { AppEnv } from "../../../lib/env";
import { parseInstant } from "../../../lib/instant";
import { RenderCache } from "../../../lib/render-cache";
import { perBinding } from "../../../lib/snapshot-cache";
import { formatCount } from "../../../web/format";
import { renderDocument } from "../../../web/layout";
import { PAGE_SECURITY_HEADERS } from "../../../web/page-headers";
import { pageSlice } from "../../../web/pagination";
import { ErrorPage } from "../../../web/states";
import type { UsageRow } from "../credits.repository";
import { type CreditsSnapshot, creditsCacheFor } from "../credits-cache";
import { messageDetail } from "../message-detail";
import { chooseEncoding, compress, streamOf } from "../usage-body";
import { CreditsDashboardPage, DASHBOARD_PATH, type DashboardState, dashboardHref } from "./credits-dashboard.page";
import { DashboardQuerySchema, DEFAULT_ROWS_PER_PAGE } from "./credits-dashboard.schemas";
import { MAX_SORTED_CSV_ROWS, usageCsv, usageCsvChunks } from "./usage-csv";
import { formatSort, parseSort, type SortKey, sortRows } from "./usage-sort";
import { loadUsageView, type UsageView, type UsageWindow, usageWindow } from "./usage-view";

/** A page rendered once per credits data version and URL, and its gzip form. */
interface RenderedPage {
  status: 200 | 404;
  body: string;
  gzip: ArrayBuffer;
  contentType: string;
}

/** Per isolate: a few views of the current data (sorts, pages, windows, selected messages) stay rendered. */
const pageCacheFor = perBinding(() => new RenderCache<RenderedPage>(32));
/** The rows behind those pages: a window's messages read once per data version, and each sort of them kept. */
const viewCacheFor = perBinding(() => new RenderCache<UsageView>(4));
const sortedCacheFor = perBinding(() => new RenderCache<UsageRow[]>(8));

/** Pages revalidate on every view: the data version decides, a reload never shows stale usage for long. */
const PAGE_CACHE_CONTROL = "private, no-cache";
const HTML = "text/html; charset=utf-8";
const CSV = "text/csv; charset=utf-8";

function rendered(status: RenderedPage["status"], body: string, contentType: string): RenderedPage {
  return { status, body, gzip: compress(body).gzip, contentType };
}

/** `range`: the window the URL asked for, in epoch ms; absent, the current billing period (undefined when none is set). */
function windowOf(snapshot: CreditsSnapshot, range: { from: number; to: number } | undefined): UsageWindow | undefined {
  if (range) return usageWindow(range.from, range.to, "window");
  return snapshot.period && usageWindow(snapshot.period.startMs, snapshot.period.endMs, "period");
}

async function noPeriodPage(): Promise<RenderedPage> {
  const page = ErrorPage({
    title: "No billing period is set",
    current: DASHBOARD_PATH,
    message:
      "The dashboard shows the current billing period by default, and none is set: PUT /v1/billing-periods/current " +
      "sets one. Or give a window in the URL: ?from=2024-06-01&to=2024-07-01.",
  });
  return rendered(404, await renderDocument(page), HTML);
}

const viewOf = (d1: D1Database, snapshot: CreditsSnapshot, window: UsageWindow) =>
  viewCacheFor(d1).get(snapshot.generation, `${window.from}|${window.to}`, () => loadUsageView(d1, window));

const sortedRowsOf = (d1: D1Database, snapshot: CreditsSnapshot, view: UsageView, sort: SortKey[]) =>
  sortedCacheFor(d1).get(snapshot.generation, `${view.window.from}|${view.window.to}|${formatSort(sort)}`, async () =>
    sortRows(view.rows, sort),
  );

async function renderPage(d1: D1Database, snapshot: CreditsSnapshot, window: UsageWindow, state: DashboardState): Promise<RenderedPage> {
  const [view, detail] = await Promise.all([
    viewOf(d1, snapshot, window),
    state.message === undefined ? undefined : messageDetail(d1, state.message),
  ]);
  const sorted = await sortedRowsOf(d1, snapshot, view, state.sort);
  const selected = state.message === undefined ? undefined : { id: state.message, detail };
  const slice = pageSlice(sorted.length, state.page, state.perPage);
  const table = { rows: sorted.slice(slice.start, slice.end), slice };
  const page = CreditsDashboardPage({
    view,
    state: { ...state, page: slice.page },
    table,
    selected,
    readAt: Date.now(),
    version: snapshot.generation,
  });
  return rendered(selected && !detail ? 404 : 200, await renderDocument(page), HTML);
}

const csvHeaders = (): Record<string, string> => ({
  ...PAGE_SECURITY_HEADERS,
  "Content-Type": CSV,
  "Cache-Control": PAGE_CACHE_CONTROL,
  "Content-Disposition": 'attachment; filename="credit-usage.csv"',
});

/** A window beyond the table's reach: its CSV streams (time order), or is sorted whole up to MAX_SORTED_CSV_ROWS. */
async function largeCsv(d1: D1Database, view: UsageView, state: DashboardState, requestId: string): Promise<Response> {
  if (state.sort.length > 0 && view.messageCount > MAX_SORTED_CSV_ROWS) {
    const page = ErrorPage({
      title: "This CSV is too large to sort",
      current: DASHBOARD_PATH,
      message:
        `A sorted CSV holds at most ${formatCount(MAX_SORTED_CSV_ROWS)} messages, and this window has ` +
        `${formatCount(view.messageCount)}. The CSV in time order holds all of them: ` +
        `${dashboardHref({ ...state, sort: [] }, { format: "csv" })}; or narrow the window.`,
      requestId,
    });
    return new Response(await renderDocument(page), { status: 422, headers: { ...PAGE_SECURITY_HEADERS, "Content-Type": HTML } });
  }
  return new Response(streamOf(usageCsvChunks(d1, view.window, state.sort)), { headers: csvHeaders() });
}

export const creditsDashboardRouter = new Hono<AppEnv>();

creditsDashboardRouter.get(DASHBOARD_PATH, async (c) => {
  const parsed = DashboardQuerySchema.safeParse(c.req.query());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; ");
    const page = ErrorPage({
      title: "This dashboard address is not valid",
      current: DASHBOARD_PATH,
      message: `${problems}. Open the dashboard without parameters for the current billing period.`,
      requestId: c.get("requestId"),
    });
    return c.html(await renderDocument(page), 422);
  }
  const query = parsed.data;
  // A CSV holds the whole table, whichever page or message the URL shows.
  const csv = query.format === "csv";
  const state: DashboardState = {
    from: query.from === undefined ? undefined : c.req.query("from"),
    to: query.to === undefined ? undefined : c.req.query("to"),
    sort: parseSort(query.sort),
    page: csv ? 1 : (query.page ?? 1),
    perPage: query.per_page ?? DEFAULT_ROWS_PER_PAGE,
    message: csv ? undefined : query.message,
  };
  // The schema has already turned a typed day into its UTC midnight.
  const range =
    query.from !== undefined && query.to !== undefined ? { from: parseInstant(query.from)!, to: parseInstant(query.to)! } : undefined;
  const d1 = c.env.DB;
  const snapshot = await creditsCacheFor(d1).get(d1);
  const window = windowOf(snapshot, range);
  const cache = pageCacheFor(d1);
  // The usage cache decides the generation, so a write through this isolate shows on the next view.
  const key = `${csv ? "csv" : "html"}|${dashboardHref(state)}`;
  let page: RenderedPage;
  if (!window) page = await cache.get(snapshot.generation, key, noPeriodPage);
  else if (!csv) page = await cache.get(snapshot.generation, key, () => renderPage(d1, snapshot, window, state));
  else {
    const view = await viewOf(d1, snapshot, window);
    if (view.rows.length < view.messageCount) return largeCsv(d1, view, state, c.get("requestId"));
    page = await cache.get(snapshot.generation, key, async () =>
      rendered(200, usageCsv(await sortedRowsOf(d1, snapshot, view, state.sort)), CSV),
    );
  }
  // A CSV asked for without a period gets the HTML page that says so, with an HTML page's headers.
  const headers: Record<string, string> =
    page.contentType === CSV
      ? csvHeaders()
      : { ...PAGE_SECURITY_HEADERS, "Content-Type": page.contentType, "Cache-Control": PAGE_CACHE_CONTROL };
  headers.Vary = "Accept-Encoding";
  if (chooseEncoding(c.req.header("Accept-Encoding"))) {
    return new Response(page.gzip, { status: page.status, headers: { ...headers, "Content-Encoding": "gzip" }, encodeBody: "manual" });
  }
  return new Response(page.body, { status: page.status, headers });
});
