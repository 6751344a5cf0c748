import { asc, eq, inArray } from "drizzle-orm";
import { inJsonArray } from "../../db/json-rows";
import { brands, circuits, dataVersions, electricSensors, locations, organizations } from "../../db/schema";
import type { Database } from "../../lib/db";

/** The data set every insights write bumps in `data_versions`. */
export const INSIGHTS_DATA = "insights";
/** Bumped by metadata writes only, so a readings ingest does not make caches reload the tree. */
export const INSIGHTS_METADATA = "insights-metadata";

/** A circuit with everything a usage answer names: sensor, location, organisation. */
export const circuitContextColumns = {
  key: circuits.key,
  id: circuits.id,
  name: circuits.name,
  number: circuits.circuitNumber,
  sensorId: electricSensors.id,
  duid: electricSensors.duid,
  sensorName: electricSensors.name,
  intervalSeconds: electricSensors.sampleIntervalSeconds,
  locationId: locations.id,
  locationName: locations.name,
  organizationId: organizations.id,
  organizationName: organizations.name,
};

function circuitsWithContext(db: Database) {
  return db
    .select(circuitContextColumns)
    .from(circuits)
    .innerJoin(electricSensors, eq(electricSensors.id, circuits.sensorId))
    .innerJoin(locations, eq(locations.id, electricSensors.locationId))
    .innerJoin(organizations, eq(organizations.id, locations.organizationId));
}

export type CircuitRow = Awaited<ReturnType<typeof circuitsWithContext>>[number];

// Joined selects run as separate queries, not db.batch: drizzle's batch maps D1 rows by column name, so joined
// columns that share a name (id, name) would overwrite each other.
const byPosition = [asc(locations.name), asc(electricSensors.name), asc(circuits.circuitNumber)];

/**
 * Every brand, organisation, location, sensor and circuit, each list in the
 * order answers show it (by name; circuits by location, sensor, number), so a
 * filtered list is already in order.
 */
export async function loadMetadata(db: Database) {
  const [brandRows, organizationRows, locationRows, sensorRows, circuitRows] = await Promise.all([
    db.select().from(brands).orderBy(asc(brands.name)),
    db
      .select({ id: organizations.id, name: organizations.name, brandId: brands.id, brandName: brands.name })
      .from(organizations)
      .innerJoin(brands, eq(brands.id, organizations.brandId))
      .orderBy(asc(organizations.name)),
    db
      .select({ id: locations.id, name: locations.name, organizationId: locations.organizationId })
      .from(locations)
      .orderBy(asc(locations.name)),
    db
      .select({
        id: electricSensors.id,
        duid: electricSensors.duid,
        name: electricSensors.name,
        intervalSeconds: electricSensors.sampleIntervalSeconds,
        locationId: electricSensors.locationId,
      })
      .from(electricSensors)
      .orderBy(asc(electricSensors.name)),
    circuitsWithContext(db).orderBy(...byPosition),
  ]);
  return { brands: brandRows, organizations: organizationRows, locations: locationRows, sensors: sensorRows, circuits: circuitRows };
}

export type MetadataRows = Awaited<ReturnType<typeof loadMetadata>>;

/** The readings and metadata versions, in one light query: a cache reloads only what moved. */
export async function readInsightsVersions(db: Database): Promise<{ readings: number; metadata: number }> {
  const rows = await db
    .select({ name: dataVersions.name, version: dataVersions.version })
    .from(dataVersions)
    .where(inArray(dataVersions.name, [INSIGHTS_DATA, INSIGHTS_METADATA]));
  const versionOf = (name: string) => rows.find((row) => row.name === name)?.version ?? 0;
  return { readings: versionOf(INSIGHTS_DATA), metadata: versionOf(INSIGHTS_METADATA) };
}

/** Circuit keys by "duid|circuit number", for the duids of a readings batch. */
export async function circuitKeysFor(db: Database, duids: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ key: circuits.key, duid: electricSensors.duid, number: circuits.circuitNumber })
    .from(circuits)
    .innerJoin(electricSensors, eq(electricSensors.id, circuits.sensorId))
    .where(inJsonArray(electricSensors.duid, duids));
  return new Map(rows.map((row) => [`${row.duid}|${row.number}`, row.key]));
}

/** How many circuits the metadata holds (the landing page's status). */
export function countCircuits(db: Database): Promise<number> {
  return db.$count(circuits);
}
