import type { Context } from "hono";
import { findRepeats } from "../../lib/batch-repeats";
import { database } from "../../lib/db";
import { formatInstant, parseInstant } from "../../lib/instant";
import { type FieldError, ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { MAX_LISTED_ERRORS } from "../../lib/validation-hook";
import { isWriteConflict } from "../../lib/write-conflict";
import { circuitKeysFor, findBrandTree, findCircuit, findLocationTree, findOrganizationTree, findSensor } from "./insights.repository";
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
import { upsertMetadata } from "./metadata-upsert";
import { type CircuitResolution, ingestTimeseries, type KeyedReading } from "./timeseries-ingest";
import { groupFigures } from "./usage-figures";
import { readUsage } from "./usage-reader";
import { circuitRef, figuresOf, locationBreakdown, sensorRef, seriesOf } from "./usage-report";

/** Usage changes with every ingest: clients may keep nothing without asking again. */
const USAGE_CACHE_CONTROL = "no-cache";

function notFound(what: string, id: string): ProblemError {
  return new ProblemError("not-found", { detail: `No ${what} with id ${id}` });
}

function windowOf(query: { start: string; end: string }) {
  const from = parseInstant(query.start)!;
  const to = parseInstant(query.end)!;
  return { from, to, json: { start: formatInstant(from), end: formatInstant(to) } };
}

function usageHeaders(c: Context, rowsRead: number): void {
  c.header("X-Rows-Read", String(rowsRead));
  c.header("Cache-Control", USAGE_CACHE_CONTROL);
}

export const getCircuitUsage: AppRouteHandler<GetCircuitUsageRoute> = async (c) => {
  const { circuit_id } = c.req.valid("param");
  const query = c.req.valid("query");
  const window = windowOf(query);
  const resolutionMs = query.resolution ? RESOLUTIONS[query.resolution] : undefined;
  if (resolutionMs && Math.ceil((window.to - window.from) / resolutionMs) > MAX_SERIES_BUCKETS) {
    throw new ProblemError("validation", {
      detail:
        `a ${query.resolution} series over this window exceeds ${MAX_SERIES_BUCKETS} buckets: ` +
        "use a coarser resolution or a shorter window",
      errors: [{ pointer: "/resolution", location: "query", detail: `more than ${MAX_SERIES_BUCKETS} buckets` }],
    });
  }
  const row = await findCircuit(database(c.env.DB), circuit_id);
  if (!row) throw notFound("circuit", circuit_id);
  const read = await readUsage(c.env.DB, [row.key], window.from, window.to, resolutionMs);
  usageHeaders(c, read.rowsRead);
  return c.json(
    {
      circuit: circuitRef(row),
      sensor: sensorRef(row),
      location: { id: row.locationId, name: row.locationName },
      organization: { id: row.organizationId, name: row.organizationName },
      window: window.json,
      usage: figuresOf(row, read.totals.get(row.key), window),
      ...(query.resolution && {
        resolution: query.resolution,
        series: seriesOf(row, read.series?.get(row.key), window.from, window.to, resolutionMs!),
      }),
    },
    200,
  );
};

export const getOrganizationUsage: AppRouteHandler<GetOrganizationUsageRoute> = async (c) => {
  const { org_id } = c.req.valid("param");
  const window = windowOf(c.req.valid("query"));
  const tree = await findOrganizationTree(database(c.env.DB), org_id);
  if (!tree) throw notFound("organization", org_id);
  const read = await readUsage(
    c.env.DB,
    tree.circuits.map((row) => row.key),
    window.from,
    window.to,
  );
  const locations = locationBreakdown(tree.locations, tree.circuits, read.totals, window);
  usageHeaders(c, read.rowsRead);
  const { organization } = tree;
  return c.json(
    {
      organization: { id: organization.id, name: organization.name, brand: { id: organization.brandId, name: organization.brandName } },
      window: window.json,
      usage: groupFigures(locations.flatMap((location) => location.circuits.map((circuit) => circuit.usage))),
      locations,
    },
    200,
  );
};

export const getBrandMetadata: AppRouteHandler<GetBrandMetadataRoute> = async (c) => {
  const { brand_id } = c.req.valid("param");
  const tree = await findBrandTree(database(c.env.DB), brand_id);
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
  const found = await findSensor(database(c.env.DB), sensor_id);
  if (!found) throw notFound("electric sensor", sensor_id);
  const { sensor } = found;
  return c.json(
    {
      ...sensorRef({ sensorId: sensor.id, duid: sensor.duid, sensorName: sensor.name, intervalSeconds: sensor.intervalSeconds }),
      location: { id: sensor.locationId, name: sensor.locationName },
      organization: { id: sensor.organizationId, name: sensor.organizationName },
      brand: { id: sensor.brandId, name: sensor.brandName },
      circuits: found.circuits,
    },
    200,
  );
};

export const getLocationCircuitSummary: AppRouteHandler<GetLocationCircuitSummaryRoute> = async (c) => {
  const { location_id } = c.req.valid("param");
  const query = c.req.valid("query");
  const tree = await findLocationTree(database(c.env.DB), location_id);
  if (!tree) throw notFound("location", location_id);
  const base = {
    location: { id: tree.location.id, name: tree.location.name },
    organization: { id: tree.location.organizationId, name: tree.location.organizationName },
  };
  if (query.start === undefined || query.end === undefined) {
    return c.json({ ...base, circuits: tree.circuits.map((row) => ({ ...circuitRef(row), sensor: sensorRef(row) })) }, 200);
  }
  const window = windowOf({ start: query.start, end: query.end });
  const read = await readUsage(
    c.env.DB,
    tree.circuits.map((row) => row.key),
    window.from,
    window.to,
  );
  const circuits = tree.circuits.map((row) => ({
    ...circuitRef(row),
    sensor: sensorRef(row),
    usage: figuresOf(row, read.totals.get(row.key), window),
  }));
  usageHeaders(c, read.rowsRead);
  return c.json({ ...base, window: window.json, usage: groupFigures(circuits.map((row) => row.usage)), circuits }, 200);
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
