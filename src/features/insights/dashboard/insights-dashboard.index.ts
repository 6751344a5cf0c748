import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { database } from "../../../lib/db";
import type { AppEnv } from "../../../lib/env";
import { CSV_TYPE } from "../../../lib/http-cache";
import { RenderCache } from "../../../lib/render-cache";
import { perBinding } from "../../../lib/snapshot-cache";
import { errorPageResponse, type RenderedPage, renderedBody, renderedHtml, respond } from "../../../web/rendered-page";
import type { CircuitRow } from "../insights.repository";
import { type InsightsSnapshot, insightsCacheFor } from "../insights-cache";
import { latestReading } from "../latest-reading";
import { findCircuit, organizationTree } from "../metadata-index";
import { circuitUsage, organizationUsage } from "../usage-answers";
import { type ChartPlan, planChart } from "./chart-plan";
import { type ChartSeries, circuitLabels, circuitSeries, locationSeries, readCircuitBuckets } from "./chart-series";
import { CircuitPage } from "./circuit-page.page";
import { ViewQuerySchema, type ViewRequest, viewRequest } from "./insights-dashboard.schemas";
import { circuitPath, INSIGHTS_PATH, organizationPath, stateOf, type ViewState, viewHref } from "./insights-links";
import { InsightsTreePage } from "./insights-tree.page";
import { OrganizationPage } from "./organization-page.page";
import { seriesCsv, seriesRows } from "./series-rows";

/** Per isolate: the last few views rendered, dropped when the insights data generation moves on. */
const pageCacheFor = perBinding(() => new RenderCache<RenderedPage>(32));

function errorPage(c: Context<AppEnv>, status: 404 | 422, title: string, message: Child): Promise<Response> {
  return errorPageResponse(c, { status, title, message, current: INSIGHTS_PATH });
}

/** 422 naming each parameter at fault and what it takes. */
function invalidAddress(c: Context<AppEnv>, problems: Array<{ path: PropertyKey[]; message: string }>): Promise<Response> {
  const listed = problems.map((problem) => `${problem.path.map(String).join(".") || "query"}: ${problem.message}`).join("; ");
  return errorPage(
    c,
    422,
    "This insights address is not valid",
    `${listed}. Without parameters a page shows the last 24 h of data in UTC, at a resolution picked for the window.`,
  );
}

const notFound = (c: Context<AppEnv>, what: string, id: string) =>
  errorPage(c, 404, `No such ${what}`, `There is no ${what} with id ${id}. The insights overview at ${INSIGHTS_PATH} lists them all.`);

const snapshotOf = (d1: D1Database) => insightsCacheFor(d1).get(database(d1));

/** The request of a URL, or the 422 page saying what is wrong with it. */
function parseView(c: Context<AppEnv>): { request: ViewRequest } | { invalid: Promise<Response> } {
  const parsed = ViewQuerySchema.safeParse(c.req.query());
  return parsed.success ? { request: viewRequest(parsed.data) } : { invalid: invalidAddress(c, parsed.error.issues) };
}

/** The view's plan, from the latest reading of its circuits (read once per data generation). */
async function planOf(
  d1: D1Database,
  snapshot: InsightsSnapshot,
  request: ViewRequest,
  name: string,
  circuits: readonly CircuitRow[],
  seriesCount: number,
) {
  const latest = await latestReading(
    d1,
    snapshot,
    name,
    circuits.map((row) => row.key),
  );
  return planChart(request, latest, Date.now(), seriesCount);
}

/**
 * A view rendered once per data generation: its key is what it shows (path and state) and what its preset was
 * relative to. A CSV is rendered per request instead: it may hold MAX_PAGE_POINTS rows, megabytes a few cached copies
 * of which would crowd the isolate's memory; its ETag still saves the transfer.
 */
function cachedView(
  d1: D1Database,
  snapshot: InsightsSnapshot,
  request: ViewRequest,
  key: { path: string; state: ViewState; plan: ChartPlan },
  render: () => Promise<RenderedPage>,
): Promise<RenderedPage> {
  if (request.csv) return render();
  return pageCacheFor(d1).get(snapshot.generation, `${viewHref(key.path, key.state)}|${key.plan.anchor}`, render);
}

function csvOf(plan: ChartPlan, series: ChartSeries[], filename: string): Promise<RenderedPage> {
  return renderedBody(seriesCsv(seriesRows(plan.edges, series), plan.zone), CSV_TYPE, filename);
}

export const insightsDashboardRouter = new Hono<AppEnv>();

insightsDashboardRouter.get(INSIGHTS_PATH, async (c) => {
  const d1 = c.env.DB;
  const snapshot = await snapshotOf(d1);
  const page = await pageCacheFor(d1).get(snapshot.generation, "tree", async () =>
    renderedHtml(InsightsTreePage({ metadata: snapshot.metadata, versions: snapshot.versions })),
  );
  return respond(c, page);
});

insightsDashboardRouter.get(`${INSIGHTS_PATH}/organizations/:org_id`, async (c) => {
  const view = parseView(c);
  if ("invalid" in view) return view.invalid;
  const { request } = view;
  const d1 = c.env.DB;
  const snapshot = await snapshotOf(d1);
  const orgId = c.req.param("org_id");
  const tree = organizationTree(snapshot.metadata, orgId);
  if (!tree) return notFound(c, "organisation", orgId);
  const seriesCount = request.group === "location" ? tree.locations.length : tree.circuits.length;
  const planned = await planOf(d1, snapshot, request, `organization|${tree.organization.id}`, tree.circuits, seriesCount);
  if (!planned.ok) return invalidAddress(c, [{ path: [planned.parameter], message: planned.message }]);
  const { plan } = planned;
  const state = stateOf(request);
  const path = organizationPath(tree.organization.id);
  const page = await cachedView(d1, snapshot, request, { path, state, plan }, async () => {
    const [buckets, usage] = await Promise.all([
      readCircuitBuckets(d1, tree.circuits, plan.edges, plan.resolution),
      request.csv ? undefined : organizationUsage(d1, tree, plan.window),
    ]);
    const series =
      request.group === "location"
        ? locationSeries(tree.locations, tree.circuits, buckets, plan.edges.length - 1)
        : circuitSeries(tree.circuits, buckets, circuitLabels(tree.circuits));
    if (!usage) return csvOf(plan, series, `insights-${tree.organization.id}.csv`);
    const versions = snapshot.versions;
    return renderedHtml(OrganizationPage({ usage: usage.body, plan, state, series, versions }));
  });
  return respond(c, page);
});

insightsDashboardRouter.get(`${INSIGHTS_PATH}/circuits/:circuit_id`, async (c) => {
  const view = parseView(c);
  if ("invalid" in view) return view.invalid;
  const { request } = view;
  const d1 = c.env.DB;
  const snapshot = await snapshotOf(d1);
  const circuitId = c.req.param("circuit_id");
  const row = findCircuit(snapshot.metadata, circuitId);
  if (!row) return notFound(c, "circuit", circuitId);
  const planned = await planOf(d1, snapshot, request, `circuit|${row.key}`, [row], 1);
  if (!planned.ok) return invalidAddress(c, [{ path: [planned.parameter], message: planned.message }]);
  const { plan } = planned;
  // One circuit has one series: a grouping in its URL is ignored, as the page offers none.
  const state = { ...stateOf(request), group: undefined };
  const path = circuitPath(row.id);
  const page = await cachedView(d1, snapshot, request, { path, state, plan }, async () => {
    const [buckets, usage] = await Promise.all([
      readCircuitBuckets(d1, [row], plan.edges, plan.resolution),
      request.csv ? undefined : circuitUsage(d1, row, plan.window),
    ]);
    const series = circuitSeries([row], buckets, new Map([[row.id, row.name]]));
    if (!usage) return csvOf(plan, series, `insights-circuit-${row.id}.csv`);
    const organization = snapshot.metadata.organizations.get(row.organizationId)!;
    const brand = { id: organization.brandId, name: organization.brandName };
    const versions = snapshot.versions;
    return renderedHtml(CircuitPage({ usage: usage.body, brand, plan, state, series, versions }));
  });
  return respond(c, page);
});
