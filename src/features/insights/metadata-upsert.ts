import { sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { runBatch } from "../../db/batch";
import { bare, columnList, excluded, field, inJsonArray, selectJsonRows } from "../../db/json-rows";
import { brands, circuits, electricSensors, locations, organizations } from "../../db/schema";
import { findRepeats } from "../../lib/batch-repeats";
import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import type { Database } from "../../lib/db";
import type { FieldError } from "../../lib/problem";
import { isConstraintViolation } from "../../lib/write-conflict";
import { circuitId } from "./circuit-id";
import { INSIGHTS_DATA, INSIGHTS_METADATA } from "./insights.repository";
import type { MetadataDocument } from "./insights.schemas";

interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A property of the metadata document, each holding the rows of one table. */
type Kind = "brands" | "organizations" | "locations" | "electric_sensors" | "circuits";

const TABLE = { brands, organizations, locations, electric_sensors: electricSensors, circuits };

interface KindSpec {
  kind: Kind;
  /** Each stored column by the document property that holds it, in the order the upsert's JSON rows carry them. */
  columns: Record<string, AnySQLiteColumn>;
  /** The reference each row must resolve, checked against the document and the database. */
  parent?: { column: string; kind: Kind };
}

const KINDS: KindSpec[] = [
  { kind: "brands", columns: { id: brands.id, name: brands.name } },
  {
    kind: "organizations",
    columns: { id: organizations.id, brand_id: organizations.brandId, name: organizations.name },
    parent: { column: "brand_id", kind: "brands" },
  },
  {
    kind: "locations",
    columns: { id: locations.id, organization_id: locations.organizationId, name: locations.name },
    parent: { column: "organization_id", kind: "organizations" },
  },
  {
    kind: "electric_sensors",
    columns: {
      id: electricSensors.id,
      duid: electricSensors.duid,
      name: electricSensors.name,
      location_id: electricSensors.locationId,
      sample_interval_seconds: electricSensors.sampleIntervalSeconds,
    },
    parent: { column: "location_id", kind: "locations" },
  },
  {
    kind: "circuits",
    columns: { id: circuits.id, sensor_id: circuits.sensorId, circuit_number: circuits.circuitNumber, name: circuits.name },
    parent: { column: "sensor_id", kind: "electric_sensors" },
  },
];

type Row = Record<string, string | number>;

/** What an upsert wrote: per kind what changed, the ids given to the circuits, and the insights data version. */
export type MetadataWritten = Record<Kind, Counts> & {
  circuit_ids: Array<{ sensor_id: string; circuit_number: number; id: string }>;
  version: number;
};

/**
 * What upserting a document met: it was written, or refused whole with
 * nothing written, because rows are invalid or a duid belongs to another
 * stored sensor. The handler decides how to answer a refusal.
 */
export type MetadataUpsertOutcome =
  | { outcome: "written"; written: MetadataWritten }
  | { outcome: "invalid"; errors: FieldError[] }
  | { outcome: "duid-taken"; duid: string; sensorId: string };

/**
 * Upserts a metadata document in one atomic D1 batch. References must
 * resolve (in the document or already stored), a duid may belong to one
 * sensor only, and a row repeated with different content is ambiguous: any
 * of these refuses the whole document and nothing is written.
 */
export async function upsertMetadata(db: Database, doc: MetadataDocument): Promise<MetadataUpsertOutcome> {
  const circuitRows = await Promise.all(
    doc.circuits.map(async (c) => ({
      id: await circuitId(c.sensor_id, c.circuit_number),
      sensor_id: c.sensor_id,
      circuit_number: c.circuit_number,
      name: c.name,
    })),
  );
  const rows: Record<Kind, Row[]> = { ...doc, circuits: circuitRows };
  const errors: FieldError[] = [];

  // The same row twice must say the same thing.
  for (const { kind, columns } of KINDS) {
    const contentOf = (row: Row) => JSON.stringify(Object.keys(columns).map((column) => row[column]));
    const { clashes } = findRepeats(
      rows[kind],
      (row) => row.id!,
      (first, later) => contentOf(first) === contentOf(later),
    );
    for (const { index, first } of clashes) {
      const pointer = kind === "circuits" ? `/circuits/${index}/circuit_number` : `/${kind}/${index}/id`;
      errors.push({ pointer, location: "body", detail: `repeats /${kind}/${first} with different content` });
    }
  }

  // References and duid owners, to refuse the document before writing. Stored rows are never deleted, so a
  // reference found here still resolves when the write runs; a duid taken meanwhile fails the write itself.
  const parentIds = KINDS.filter((k) => k.parent).map((k) => {
    const parent = TABLE[k.parent!.kind];
    const references = rows[k.kind].map((row) => row[k.parent!.column]);
    return db.select({ id: parent.id }).from(parent).where(inJsonArray(parent.id, references));
  });
  const checks = await runBatch(db, [...parentIds, duidOwners(db, rows.electric_sensors)]);
  const storedParents = checks.slice(0, parentIds.length).map((found) => new Set(found.map((row) => row.id)));

  KINDS.filter((k) => k.parent).forEach((spec, i) => {
    const inDoc = new Set(rows[spec.parent!.kind].map((row) => row.id));
    rows[spec.kind].forEach((row, index) => {
      const parent = row[spec.parent!.column]!;
      if (!inDoc.has(parent) && !storedParents[i]!.has(parent as string)) {
        errors.push({
          pointer: `/${spec.kind}/${index}/${spec.parent!.column}`,
          location: "body",
          detail: `no ${spec.parent!.kind.replace(/s$/, "").replace("_", " ")} ${parent} in this document or stored`,
        });
      }
    });
  });

  const duidInDoc = new Map<string | number, number>();
  rows.electric_sensors.forEach((sensor, index) => {
    const other = duidInDoc.get(sensor.duid!);
    if (other !== undefined && rows.electric_sensors[other]!.id !== sensor.id) {
      errors.push({
        pointer: `/electric_sensors/${index}/duid`,
        location: "body",
        detail: `duid ${sensor.duid} is also given to /electric_sensors/${other}`,
      });
    } else duidInDoc.set(sensor.duid!, index);
  });
  if (errors.length > 0) return { outcome: "invalid", errors };

  const taken = takenDuid(checks.at(-1) as DuidOwner[], rows.electric_sensors);
  if (taken) return { outcome: "duid-taken", ...taken };

  // The batch reads each kind's rows as they were before upserting them, so the counts describe exactly what
  // this write changed; parents are upserted first, so foreign keys hold at every statement.
  const present = KINDS.filter(({ kind }) => rows[kind].length > 0);
  const before = present.map(({ kind, columns }) => {
    const ids = rows[kind].map((row) => row.id);
    return db.select(columns).from(TABLE[kind]).where(inJsonArray(TABLE[kind].id, ids));
  });
  const upserts = present.map((spec) => upsert(db, spec, rows[spec.kind]));
  let written: unknown[];
  try {
    written = await runBatch(db, [...before, ...upserts, bumpDataVersion(db, INSIGHTS_METADATA), bumpDataVersion(db, INSIGHTS_DATA)]);
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    // Another request took a duid of this document between the check and the write: name it.
    const takenMeanwhile = takenDuid(await duidOwners(db, rows.electric_sensors), rows.electric_sensors);
    if (takenMeanwhile) return { outcome: "duid-taken", ...takenMeanwhile };
    throw error;
  }

  const counts = Object.fromEntries(KINDS.map(({ kind }) => [kind, { inserted: 0, updated: 0, unchanged: 0 }])) as Record<Kind, Counts>;
  present.forEach(({ kind, columns }, i) => {
    const stored = new Map((written[i] as Row[]).map((row) => [row.id!, row]));
    const c = counts[kind];
    for (const row of new Map(rows[kind].map((r) => [r.id!, r])).values()) {
      const old = stored.get(row.id!);
      if (!old) c.inserted++;
      else if (Object.keys(columns).some((column) => String(old[column]) !== String(row[column]))) c.updated++;
      else c.unchanged++;
    }
  });

  return {
    outcome: "written",
    written: {
      ...counts,
      circuit_ids: circuitRows.map((c) => ({ sensor_id: c.sensor_id, circuit_number: c.circuit_number, id: c.id })),
      version: bumpedVersion(written.at(-1) as Array<{ version: number }>),
    },
  };
}

/**
 * Inserts a kind's rows, or updates those whose id is stored. Raw SQL: the
 * rows are inserted into some of the table's columns only (a circuit's `key`
 * is assigned by SQLite), which drizzle's INSERT … SELECT cannot name.
 */
function upsert(db: Database, spec: KindSpec, rows: Row[]) {
  const table = TABLE[spec.kind];
  const properties = Object.keys(spec.columns);
  const columns = Object.values(spec.columns);
  const payload = JSON.stringify(rows.map((row) => properties.map((property) => row[property])));
  const updates = columns.filter((column) => column !== table.id).map((column) => sql`${bare(column)} = ${excluded(column)}`);
  return db.run(
    sql`INSERT INTO ${table} (${columnList(columns)}) ${selectJsonRows(
      payload,
      columns.map((_, i) => field(i)),
    )}
        ON CONFLICT (${bare(table.id)}) DO UPDATE SET ${sql.join(updates, sql`, `)}`,
  );
}

interface DuidOwner {
  id: string;
  duid: string;
}

function duidOwners(db: Database, sensors: Row[]) {
  return db
    .select({ id: electricSensors.id, duid: electricSensors.duid })
    .from(electricSensors)
    .where(
      inJsonArray(
        electricSensors.duid,
        sensors.map((s) => s.duid),
      ),
    );
}

/** A duid of the document owned by a stored sensor that the document does not also re-assign is a conflict. */
function takenDuid(owners: DuidOwner[], sensors: Row[]): { duid: string; sensorId: string } | undefined {
  const docSensorIds = new Set(sensors.map((s) => s.id));
  for (const owner of owners) {
    const claimant = sensors.find((s) => s.duid === owner.duid);
    if (claimant && claimant.id !== owner.id && !docSensorIds.has(owner.id)) return { duid: owner.duid, sensorId: owner.id };
  }
  return undefined;
}
