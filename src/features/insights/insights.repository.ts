import { asc, eq } from "drizzle-orm";
import { inJsonArray } from "../../db/json-rows";
import { brands, circuits, electricSensors, locations, organizations } from "../../db/schema";
import type { Database } from "../../lib/db";

/** The data set every insights write bumps in `data_versions`. */
export const INSIGHTS_DATA = "insights";

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

export async function findCircuit(db: Database, circuitId: string) {
  const [row] = await circuitsWithContext(db).where(eq(circuits.id, circuitId.toLowerCase())).limit(1);
  return row;
}

export type CircuitRow = NonNullable<Awaited<ReturnType<typeof findCircuit>>>;

// Joined selects run as separate queries, not db.batch: drizzle's batch maps D1 rows by column name, so joined
// columns that share a name (id, name) would overwrite each other.
const byPosition = [asc(locations.name), asc(electricSensors.name), asc(circuits.circuitNumber)];

/** An organisation with its brand, its locations (even those without circuits) and every circuit. */
export async function findOrganizationTree(db: Database, orgId: string) {
  const id = orgId.toLowerCase();
  const [org, orgLocations, orgCircuits] = await Promise.all([
    db
      .select({ id: organizations.id, name: organizations.name, brandId: brands.id, brandName: brands.name })
      .from(organizations)
      .innerJoin(brands, eq(brands.id, organizations.brandId))
      .where(eq(organizations.id, id)),
    db
      .select({ id: locations.id, name: locations.name })
      .from(locations)
      .where(eq(locations.organizationId, id))
      .orderBy(asc(locations.name)),
    circuitsWithContext(db)
      .where(eq(organizations.id, id))
      .orderBy(...byPosition),
  ]);
  return org[0] ? { organization: org[0], locations: orgLocations, circuits: orgCircuits } : undefined;
}

export async function findLocationTree(db: Database, locationId: string) {
  const id = locationId.toLowerCase();
  const [location, locationCircuits] = await Promise.all([
    db
      .select({ id: locations.id, name: locations.name, organizationId: organizations.id, organizationName: organizations.name })
      .from(locations)
      .innerJoin(organizations, eq(organizations.id, locations.organizationId))
      .where(eq(locations.id, id)),
    circuitsWithContext(db)
      .where(eq(locations.id, id))
      .orderBy(...byPosition),
  ]);
  return location[0] ? { location: location[0], circuits: locationCircuits } : undefined;
}

export async function findSensor(db: Database, sensorId: string) {
  const id = sensorId.toLowerCase();
  const [sensor, sensorCircuits] = await Promise.all([
    db
      .select({
        id: electricSensors.id,
        duid: electricSensors.duid,
        name: electricSensors.name,
        intervalSeconds: electricSensors.sampleIntervalSeconds,
        locationId: locations.id,
        locationName: locations.name,
        organizationId: organizations.id,
        organizationName: organizations.name,
        brandId: brands.id,
        brandName: brands.name,
      })
      .from(electricSensors)
      .innerJoin(locations, eq(locations.id, electricSensors.locationId))
      .innerJoin(organizations, eq(organizations.id, locations.organizationId))
      .innerJoin(brands, eq(brands.id, organizations.brandId))
      .where(eq(electricSensors.id, id)),
    db
      .select({ id: circuits.id, name: circuits.name, number: circuits.circuitNumber })
      .from(circuits)
      .where(eq(circuits.sensorId, id))
      .orderBy(asc(circuits.circuitNumber)),
  ]);
  return sensor[0] ? { sensor: sensor[0], circuits: sensorCircuits } : undefined;
}

/** A brand's whole tree: organisations, locations, sensors, circuits. */
export async function findBrandTree(db: Database, brandId: string) {
  const id = brandId.toLowerCase();
  const [brand, brandOrganizations, brandLocations, brandSensors, brandCircuits] = await Promise.all([
    db.select().from(brands).where(eq(brands.id, id)),
    db.select().from(organizations).where(eq(organizations.brandId, id)).orderBy(asc(organizations.name)),
    db
      .select({ id: locations.id, name: locations.name, organizationId: locations.organizationId })
      .from(locations)
      .innerJoin(organizations, eq(organizations.id, locations.organizationId))
      .where(eq(organizations.brandId, id))
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
      .innerJoin(locations, eq(locations.id, electricSensors.locationId))
      .innerJoin(organizations, eq(organizations.id, locations.organizationId))
      .where(eq(organizations.brandId, id))
      .orderBy(asc(electricSensors.name)),
    circuitsWithContext(db).where(eq(organizations.brandId, id)).orderBy(asc(circuits.circuitNumber)),
  ]);
  return brand[0]
    ? { brand: brand[0], organizations: brandOrganizations, locations: brandLocations, sensors: brandSensors, circuits: brandCircuits }
    : undefined;
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
