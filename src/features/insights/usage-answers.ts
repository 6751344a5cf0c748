import type { z } from "@hono/zod-openapi";
import { JSON_TYPE, render } from "../../lib/http-cache";
import { formatInstant } from "../../lib/instant";
import type { CircuitRow } from "./insights.repository";
import type { CircuitSummarySchema, CircuitUsageSchema, OrganizationUsageSchema, Resolution } from "./insights.schemas";
import { RESOLUTIONS } from "./insights.schemas";
import type { InsightsSnapshot, UsageAnswer } from "./insights-cache";
import { insightsCacheFor } from "./insights-cache";
import type { locationTree, organizationTree } from "./metadata-index";
import type { TimeWindow } from "./usage-figures";
import { groupFigures } from "./usage-figures";
import { readUsage, type TileContext } from "./usage-reader";
import { circuitRef, figuresOf, locationBreakdown, sensorRef, seriesOf } from "./usage-report";

export type CircuitUsage = z.infer<typeof CircuitUsageSchema>;
export type OrganizationUsage = z.infer<typeof OrganizationUsageSchema>;
export type LocationSummary = z.infer<typeof CircuitSummarySchema>;
type OrganizationTree = NonNullable<ReturnType<typeof organizationTree>>;
type LocationTree = NonNullable<ReturnType<typeof locationTree>>;

interface Computed<T> {
  body: T;
  rowsRead: number;
}

const windowJson = (window: TimeWindow) => ({ start: formatInstant(window.from), end: formatInstant(window.to) });

export async function circuitUsage(d1: D1Database, row: CircuitRow, window: TimeWindow, resolution?: Resolution, tiles?: TileContext) {
  const resolutionMs = resolution ? RESOLUTIONS[resolution] : undefined;
  const read = await readUsage(d1, [row.key], window.from, window.to, resolutionMs, tiles);
  const body: CircuitUsage = {
    circuit: circuitRef(row),
    sensor: sensorRef(row),
    location: { id: row.locationId, name: row.locationName },
    organization: { id: row.organizationId, name: row.organizationName },
    window: windowJson(window),
    usage: figuresOf(row, read.totals.get(row.key), window),
    ...(resolution && {
      resolution,
      series: seriesOf(row, read.series?.get(row.key), window.from, window.to, resolutionMs!),
    }),
  };
  return { body, rowsRead: read.rowsRead } satisfies Computed<CircuitUsage>;
}

/** The totals of every circuit of an organisation or location. */
function readTreeUsage(d1: D1Database, circuits: readonly CircuitRow[], window: TimeWindow, tiles?: TileContext) {
  return readUsage(
    d1,
    circuits.map((row) => row.key),
    window.from,
    window.to,
    undefined,
    tiles,
  );
}

export async function organizationUsage(d1: D1Database, tree: OrganizationTree, window: TimeWindow, tiles?: TileContext) {
  const read = await readTreeUsage(d1, tree.circuits, window, tiles);
  const locations = locationBreakdown(tree.locations, tree.circuits, read.totals, window);
  const { organization } = tree;
  const body: OrganizationUsage = {
    organization: { id: organization.id, name: organization.name, brand: { id: organization.brandId, name: organization.brandName } },
    window: windowJson(window),
    usage: groupFigures(locations.flatMap((location) => location.circuits.map((circuit) => circuit.usage))),
    locations,
  };
  return { body, rowsRead: read.rowsRead } satisfies Computed<OrganizationUsage>;
}

export async function locationUsage(d1: D1Database, tree: LocationTree, window: TimeWindow, tiles?: TileContext) {
  const read = await readTreeUsage(d1, tree.circuits, window, tiles);
  const circuits = tree.circuits.map((row) => ({
    ...circuitRef(row),
    sensor: sensorRef(row),
    usage: figuresOf(row, read.totals.get(row.key), window),
  }));
  const body: LocationSummary = {
    location: { id: tree.location.id, name: tree.location.name },
    organization: { id: tree.location.organizationId, name: tree.location.organizationName },
    window: windowJson(window),
    usage: groupFigures(circuits.map((row) => row.usage)),
    circuits,
  };
  return { body, rowsRead: read.rowsRead } satisfies Computed<LocationSummary>;
}

/** A usage answer served as it was computed, with whether this call computed it (so X-Rows-Read stays true). */
export interface ServedAnswer {
  rendered: UsageAnswer;
  /** Rows D1 read for this request: 0 when the answer came from the cache. */
  rowsRead: number;
}

/**
 * The answer of `key` for the snapshot's data generation, computed on first
 * use. A write through this isolate moves the generation at once, others'
 * within the cache's TTL, so an answer is never older than that.
 */
export async function cachedAnswer<T>(
  d1: D1Database,
  snapshot: InsightsSnapshot,
  key: string,
  compute: () => Promise<Computed<T>>,
): Promise<ServedAnswer> {
  let rowsRead = 0;
  const rendered = await insightsCacheFor(d1).renderedFor(snapshot, key, async () => {
    const computed = await compute();
    rowsRead = computed.rowsRead;
    return { ...(await render(JSON.stringify(computed.body), JSON_TYPE)), rowsRead: computed.rowsRead };
  });
  return { rendered, rowsRead };
}
