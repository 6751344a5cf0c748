import type { Context } from "hono";
import { findRepeats } from "../../lib/batch-repeats";
import { database } from "../../lib/db";
import type { AppEnv } from "../../lib/env";
import { respondCached } from "../../lib/http-cache";
import { parseInstant } from "../../lib/instant";
import { type FieldError, ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { MAX_LISTED_ERRORS } from "../../lib/validation-hook";
import { isWriteConflict } from "../../lib/write-conflict";
import { circuitKeysFor } from "./insights.repository";
import type {
  GetBrandMetadataRoute,
  GetCircuitUsageRoute,
  GetLocationCircuitSummaryRoute,
  GetOrganizationUsageRoute,
  GetSensorRoute,
  IngestMetadataRoute,
  IngestReadingsRoute,
} from "./insights.routes";
import { MAX_SERIES_BUCKETS, RESOLUTIONS, type TimeseriesBatch } from "./insights.schemas";
import { insightsCacheFor, tilesFor } from "./insights-cache";
import { brandTree, findCircuit, locationTree, organizationTree, sensorDetail } from "./metadata-index";
import { upsertMetadata } from "./metadata-upsert";
import { type CircuitResolution, ingestTimeseries, type KeyedReading } from "./timeseries-ingest";
import { cachedAnswer, circuitUsage, locationUsage, organizationUsage, type ServedAnswer } from "./usage-answers";
import type { TimeWindow } from "./usage-figures";
import { circuitRef, sensorRef } from "./usage-report";

/** Usage changes with every ingest: clients revalidate every read, and a 304 costs them nothing. */
const USAGE_CACHE_CONTROL = "no-cache";

function notFound(what: string, id: string): ProblemError {
  return new ProblemError("not-found", { detail: `No ${what} with id ${id}` });
}

function windowOf(query: { start: string; end: string }): TimeWindow {
  return { from: parseInstant(query.start)!, to: parseInstant(query.end)! };
}

async function snapshotOf(c: Context<AppEnv>) {
  return insightsCacheFor(c.env.DB).get(database(c.env.DB));
}

function respondUsage(c: Context<AppEnv>, served: ServedAnswer): Response {
  c.header("X-Rows-Read", String(served.rowsRead));
  return respondCached(c, served.rendered, USAGE_CACHE_CONTROL);
}

export const getCircuitUsage: AppRouteHandler<GetCircuitUsageRoute> = async (c) => {
  const { circuit_id } = c.req.valid("param");
  const query = c.req.valid("query");
  const window = windowOf(query);
  const { resolution } = query;
  if (resolution && Math.ceil((window.to - window.from) / RESOLUTIONS[resolution]) > MAX_SERIES_BUCKETS) {
    throw new ProblemError("validation", {
      detail: `a ${resolution} series over this window exceeds ${MAX_SERIES_BUCKETS} buckets: use a coarser resolution or a shorter window`,
      errors: [{ pointer: "/resolution", location: "query", detail: `more than ${MAX_SERIES_BUCKETS} buckets` }],
    });
  }
  const snapshot = await snapshotOf(c);
  const row = findCircuit(snapshot.metadata, circuit_id);
  if (!row) throw notFound("circuit", circuit_id);
  const key = `circuit|${row.key}|${window.from}|${window.to}|${resolution ?? ""}`;
  return respondUsage(
    c,
    await cachedAnswer(c.env.DB, snapshot, key, () => circuitUsage(c.env.DB, row, window, resolution, tilesFor(c.env.DB, snapshot))),
  );
};

export const getOrganizationUsage: AppRouteHandler<GetOrganizationUsageRoute> = async (c) => {
  const { org_id } = c.req.valid("param");
  const window = windowOf(c.req.valid("query"));
  const snapshot = await snapshotOf(c);
  const tree = organizationTree(snapshot.metadata, org_id);
  if (!tree) throw notFound("organization", org_id);
  const key = `organization|${tree.organization.id}|${window.from}|${window.to}`;
  return respondUsage(
    c,
    await cachedAnswer(c.env.DB, snapshot, key, () => organizationUsage(c.env.DB, tree, window, tilesFor(c.env.DB, snapshot))),
  );
};

export const getBrandMetadata: AppRouteHandler<GetBrandMetadataRoute> = async (c) => {
  const { brand_id } = c.req.valid("param");
  const tree = brandTree((await snapshotOf(c)).metadata, brand_id);
  if (!tree) throw notFound("brand", brand_id);
  const circuitsOf = (sensorId: string) => tree.circuits.filter((row) => row.sensorId === sensorId).map(circuitRef);
  const sensorsOf = (locationId: string) =>
    tree.sensors
      .filter((s) => s.locationId === locationId)
      .map((s) => ({
        ...sensorRef({ sensorId: s.id, duid: s.duid, sensorName: s.name, intervalSeconds: s.intervalSeconds }),
        circuits: circuitsOf(s.id),
      }));
  const locationsOf = (orgId: string) =>
    tree.locations.filter((l) => l.organizationId === orgId).map((l) => ({ id: l.id, name: l.name, electric_sensors: sensorsOf(l.id) }));
  return c.json(
    {
      id: tree.brand.id,
      name: tree.brand.name,
      organizations: tree.organizations.map((o) => ({ id: o.id, name: o.name, locations: locationsOf(o.id) })),
    },
    200,
  );
};

export const getSensor: AppRouteHandler<GetSensorRoute> = async (c) => {
  const { sensor_id } = c.req.valid("param");
  const found = sensorDetail((await snapshotOf(c)).metadata, sensor_id);
  if (!found) throw notFound("electric sensor", sensor_id);
  const { sensor, location, organization } = found;
  return c.json(
    {
      ...sensorRef({ sensorId: sensor.id, duid: sensor.duid, sensorName: sensor.name, intervalSeconds: sensor.intervalSeconds }),
      location: { id: location.id, name: location.name },
      organization: { id: organization.id, name: organization.name },
      brand: { id: organization.brandId, name: organization.brandName },
      circuits: found.circuits,
    },
    200,
  );
};

export const getLocationCircuitSummary: AppRouteHandler<GetLocationCircuitSummaryRoute> = async (c) => {
  const { location_id } = c.req.valid("param");
  const query = c.req.valid("query");
  const snapshot = await snapshotOf(c);
  const tree = locationTree(snapshot.metadata, location_id);
  if (!tree) throw notFound("location", location_id);
  if (query.start === undefined || query.end === undefined) {
    return c.json(
      {
        location: { id: tree.location.id, name: tree.location.name },
        organization: { id: tree.location.organizationId, name: tree.location.organizationName },
        circuits: tree.circuits.map((row) => ({ ...circuitRef(row), sensor: sensorRef(row) })),
      },
      200,
    );
  }
  const window = windowOf({ start: query.start, end: query.end });
  const key = `location|${tree.location.id}|${window.from}|${window.to}`;
  return respondUsage(
    c,
    await cachedAnswer(c.env.DB, snapshot, key, () => locationUsage(c.env.DB, tree, window, tilesFor(c.env.DB, snapshot))),
  );
};

export const ingestMetadata: AppRouteHandler<IngestMetadataRoute> = async (c) => {
  const result = await upsertMetadata(database(c.env.DB), c.req.valid("json"));
  if (result.outcome === "invalid") {
    throw new ProblemError("validation", {
      detail: `${result.errors.length} metadata rows are invalid; nothing was written`,
      errors: result.errors,
    });
  }
  if (result.outcome === "duid-taken") {
    throw new ProblemError("conflict", {
      detail: `duid ${result.duid} already belongs to sensor ${result.sensorId}; a duid identifies one sensor`,
      extensions: { duid: result.duid, sensor_id: result.sensorId },
    });
  }
  insightsCacheFor(c.env.DB).invalidate();
  return c.json(result.written, 200);
};

/**
 * Resolves each reading to its circuit and folds exact repeats. Unknown
 * circuits and one instant given two values are listed, and the batch is
 * refused whole.
 */
export function keyReadings(batch: TimeseriesBatch, keys: Map<string, number>) {
  const unresolved: Array<{ index: number; error: FieldError }> = [];
  const resolved: Array<KeyedReading & { index: number }> = [];
  const resolution: CircuitResolution = new Map();
  batch.forEach((reading, index) => {
    const key = keys.get(`${reading.duid}|${reading.circuit_number}`);
    if (key === undefined) {
      const knownDuid = [...keys.keys()].some((k) => k.startsWith(`${reading.duid}|`));
      unresolved.push({
        index,
        error: knownDuid
          ? {
              pointer: `/${index}/circuit_number`,
              location: "body",
              detail: `sensor ${reading.duid} has no circuit ${reading.circuit_number}`,
            }
          : { pointer: `/${index}/duid`, location: "body", detail: `no electric sensor has duid ${reading.duid}` },
      });
      return;
    }
    resolution.set(key, { duid: reading.duid, circuitNumber: reading.circuit_number });
    resolved.push({ index, key, ts: parseInstant(reading.timestamp)!, watts: reading.power_watts });
  });
  const { unique, clashes } = findRepeats(
    resolved,
    (reading) => `${reading.key}|${reading.ts}`,
    (first, later) => first.watts === later.watts,
  );
  const clashErrors = clashes.map(({ index, first }) => ({
    index: resolved[index]!.index,
    error: {
      pointer: `/${resolved[index]!.index}/power_watts`,
      location: "body",
      detail: `the same circuit and instant as /${resolved[first]!.index} with another value`,
    } satisfies FieldError,
  }));
  // In batch order, as a caller reads the batch.
  const errors = [...unresolved, ...clashErrors].sort((a, b) => a.index - b.index).map(({ error }) => error);
  const rows: KeyedReading[] = unique.map(({ key, ts, watts }) => ({ key, ts, watts }));
  return { rows, errors, resolution };
}

/** Attempts at resolving and storing one batch: a second only when a metadata write moved one of its duids meanwhile. */
const INGEST_ATTEMPTS = 2;

export const ingestReadings: AppRouteHandler<IngestReadingsRoute> = async (c) => {
  const batch = c.req.valid("json");
  for (let attempt = 1; ; attempt++) {
    const keys = await circuitKeysFor(database(c.env.DB), [...new Set(batch.map((r) => r.duid))]);
    const { rows, errors, resolution } = keyReadings(batch, keys);
    if (errors.length > 0) {
      throw new ProblemError("validation", {
        detail: `${errors.length} readings cannot be stored; nothing was written`,
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        extensions: { error_count: errors.length },
      });
    }
    try {
      const { inserted, updated, version } = await ingestTimeseries(c.env.DB, rows, resolution);
      insightsCacheFor(c.env.DB).invalidate();
      return c.json(
        { received: batch.length, inserted, updated, unchanged: batch.length - inserted - updated, circuits: resolution.size, version },
        200,
      );
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (attempt >= INGEST_ATTEMPTS) {
        throw new ProblemError("conflict", {
          detail: "The sensors' duids changed while the readings were being stored, twice; nothing was written: send the batch again",
        });
      }
    }
  }
};
