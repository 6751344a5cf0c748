import { Hono } from "hono";
import { csvDocument } from "../../../lib/csv";
import type { AppEnv } from "../../../lib/env";
import { parseInstant } from "../../../lib/instant";
import { RenderCache } from "../../../lib/render-cache";
import { perBinding } from "../../../lib/snapshot-cache";
import { formatCredits, formatDayMonthYearTime } from "../../../web/format";
import { renderDocument } from "../../../web/layout";
import { PAGE_SECURITY_HEADERS } from "../../../web/page-headers";
import { ErrorPage } from "../../../web/states";
import { type CreditsSnapshot, creditsCacheFor } from "../credits-cache";
import { messageDetail } from "../message-detail";
import { chooseEncoding, compress } from "../usage-body";
import { CreditsDashboardPage, DASHBOARD_PATH, type DashboardState, dashboardHref } from "./credits-dashboard.page";
import { DashboardQuerySchema } from "./credits-dashboard.schemas";
import { parseSort, sortRows } from "./usage-sort";
import { loadUsageView, usageWindow } from "./usage-view";

/** A page rendered once per credits data version and URL, and its gzip form. */
interface RenderedPage {
  status: 200 | 404;
  body: string;
  gzip: ArrayBuffer;
  contentType: string;
}

/** Per isolate: a few views of the current data (sorts, windows, selected messages) stay rendered. */
const pageCacheFor = perBinding(() => new RenderCache<RenderedPage>(32));

/** Pages revalidate on every view: the data version decides, a reload never shows stale usage for long. */
const PAGE_CACHE_CONTROL = "private, no-cache";
const HTML = "text/html; charset=utf-8";
const CSV = "text/csv; charset=utf-8";

function rendered(status: RenderedPage["status"], body: string, contentType: string): RenderedPage {
  return { status, body, gzip: compress(body).gzip, contentType };
}

/** `range`: the window the URL asked for, in epoch ms; absent, the current billing period. */
async function renderDashboard(
  d1: D1Database,
  snapshot: CreditsSnapshot,
  state: DashboardState,
  range: { from: number; to: number } | undefined,
  csv: boolean,
): Promise<RenderedPage> {
  const window = range
    ? usageWindow(range.from, range.to, "window")
    : snapshot.period && usageWindow(snapshot.period.startMs, snapshot.period.endMs, "period");
  if (!window) {
    const page = ErrorPage({
      title: "No billing period is set",
      current: DASHBOARD_PATH,
      message:
        "The dashboard shows the current billing period by default, and none is set: PUT /v1/billing-periods/current " +
        "sets one. Or give a window in the URL: ?from=2024-06-01&to=2024-07-01.",
    });
    return rendered(404, await renderDocument(page), HTML);
  }
  const [view, detail] = await Promise.all([
    loadUsageView(d1, window),
    state.message === undefined ? undefined : messageDetail(d1, state.message),
  ]);
  if (csv) {
    const rows = sortRows(view.rows, state.sort).map((row) => [
      row.id,
      formatDayMonthYearTime(row.timestamp),
      row.reportName ?? "",
      formatCredits(row.credits),
    ]);
    return rendered(200, csvDocument(["Message ID", "Timestamp", "Report Name", "Credits Used"], rows), CSV);
  }
  const selected = state.message === undefined ? undefined : { id: state.message, detail };
  const page = CreditsDashboardPage({ view, state, selected, readAt: Date.now() });
  return rendered(selected && !detail ? 404 : 200, await renderDocument(page), HTML);
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
  const state: DashboardState = {
    from: query.from === undefined ? undefined : c.req.query("from"),
    to: query.to === undefined ? undefined : c.req.query("to"),
    sort: parseSort(query.sort),
    message: query.message,
  };
  // The schema has already turned a typed day into its UTC midnight.
  const range =
    query.from !== undefined && query.to !== undefined ? { from: parseInstant(query.from)!, to: parseInstant(query.to)! } : undefined;
  const csv = query.format === "csv";
  const snapshot = await creditsCacheFor(c.env.DB).get(c.env.DB);
  const cache = pageCacheFor(c.env.DB);
  // The usage cache decides the generation, so a write through this isolate shows on the next view.
  const page = await cache.get(snapshot.generation, `${csv ? "csv" : "html"}|${dashboardHref(state)}`, () =>
    renderDashboard(c.env.DB, snapshot, state, range, csv),
  );
  const headers: Record<string, string> = {
    ...PAGE_SECURITY_HEADERS,
    "Content-Type": page.contentType,
    "Cache-Control": PAGE_CACHE_CONTROL,
    Vary: "Accept-Encoding",
  };
  if (csv) headers["Content-Disposition"] = 'attachment; filename="credit-usage.csv"';
  if (chooseEncoding(c.req.header("Accept-Encoding"))) {
    return new Response(page.gzip, { status: page.status, headers: { ...headers, "Content-Encoding": "gzip" }, encodeBody: "manual" });
  }
  return new Response(page.body, { status: page.status, headers });
});
