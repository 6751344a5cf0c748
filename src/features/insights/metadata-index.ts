import type { CircuitRow, MetadataRows } from "./insights.repository";

type Row<K extends keyof MetadataRows> = MetadataRows[K][number];
export type BrandRow = Row<"brands">;
export type OrganizationRow = Row<"organizations">;
export type LocationRow = Row<"locations">;
export type SensorRow = Row<"sensors">;

/**
 * The whole metadata tree held in memory, looked up by id and listed in the
 * order answers show it. Ids are stored lower-case, so lookups lower-case too.
 */
export interface MetadataIndex {
  rows: MetadataRows;
  brands: Map<string, BrandRow>;
  organizations: Map<string, OrganizationRow>;
  locations: Map<string, LocationRow & { organizationName: string }>;
  sensors: Map<string, SensorRow>;
  circuits: Map<string, CircuitRow>;
}

export function indexMetadata(rows: MetadataRows): MetadataIndex {
  const organizations = new Map(rows.organizations.map((row) => [row.id, row]));
  return {
    rows,
    brands: new Map(rows.brands.map((row) => [row.id, row])),
    organizations,
    locations: new Map(
      rows.locations.map((row) => [row.id, { ...row, organizationName: organizations.get(row.organizationId)?.name ?? "" }]),
    ),
    sensors: new Map(rows.sensors.map((row) => [row.id, row])),
    circuits: new Map(rows.circuits.map((row) => [row.id, row])),
  };
}

export function findCircuit(index: MetadataIndex, circuitId: string): CircuitRow | undefined {
  return index.circuits.get(circuitId.toLowerCase());
}

/** An organisation with its brand, its locations (even those without circuits) and every circuit. */
export function organizationTree(index: MetadataIndex, orgId: string) {
  const organization = index.organizations.get(orgId.toLowerCase());
  if (!organization) return undefined;
  return {
    organization,
    locations: index.rows.locations.filter((row) => row.organizationId === organization.id),
    circuits: index.rows.circuits.filter((row) => row.organizationId === organization.id),
  };
}

export function locationTree(index: MetadataIndex, locationId: string) {
  const location = index.locations.get(locationId.toLowerCase());
  if (!location) return undefined;
  return { location, circuits: index.rows.circuits.filter((row) => row.locationId === location.id) };
}

export function sensorDetail(index: MetadataIndex, sensorId: string) {
  const sensor = index.sensors.get(sensorId.toLowerCase());
  if (!sensor) return undefined;
  const location = index.locations.get(sensor.locationId)!;
  const organization = index.organizations.get(location.organizationId)!;
  return {
    sensor,
    location,
    organization,
    circuits: index.rows.circuits
      .filter((row) => row.sensorId === sensor.id)
      .map((row) => ({ id: row.id, name: row.name, number: row.number })),
  };
}

/** A brand's whole tree: organisations, locations, sensors, circuits. */
export function brandTree(index: MetadataIndex, brandId: string) {
  const brand = index.brands.get(brandId.toLowerCase());
  if (!brand) return undefined;
  const organizations = index.rows.organizations.filter((row) => row.brandId === brand.id);
  const organizationIds = new Set(organizations.map((row) => row.id));
  const locations = index.rows.locations.filter((row) => organizationIds.has(row.organizationId));
  const locationIds = new Set(locations.map((row) => row.id));
  return {
    brand,
    organizations,
    locations,
    sensors: index.rows.sensors.filter((row) => locationIds.has(row.locationId)),
    circuits: index.rows.circuits.filter((row) => organizationIds.has(row.organizationId)),
  };
}
