import type { Database } from "../../lib/db";
import { bumpDataVersion, bumpedVersion } from "../../lib/data-version";
import { ProblemError, type FieldError } from "../../lib/problem";
import { isConstraintViolation } from "../../lib/write-conflict";
import { circuitId } from "./circuit-id";
import { INSIGHTS_DATA } from "./insights.repository";
import type { MetadataDocument } from "./insights.schemas";

interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface KindSpec {
  /** Property of the metadata document, also the table name. */
  kind: "brands" | "organizations" | "locations" | "electric_sensors" | "circuits";
  columns: string[];
  /** The reference each row must resolve, checked against the document and the database. */
  parent?: { column: string; kind: KindSpec["kind"] };
}

const KINDS: KindSpec[] = [
  { kind: "brands", columns: ["id", "name"] },
  { kind: "organizations", columns: ["id", "brand_id", "name"], parent: { column: "brand_id", kind: "brands" } },
  { kind: "locations", columns: ["id", "organization_id", "name"], parent: { column: "organization_id", kind: "organizations" } },
  {
    kind: "electric_sensors",
    columns: ["id", "duid", "name", "location_id", "sample_interval_seconds"],
    parent: { column: "location_id", kind: "locations" },
  },
  { kind: "circuits", columns: ["id", "sensor_id", "circuit_number", "name"], parent: { column: "sensor_id", kind: "electric_sensors" } },
];

type Row = Record<string, string | number>;

const ids = (rows: Row[]) => JSON.stringify(rows.map((row) => row.id));

/**
 * Upserts a metadata document in one atomic D1 batch. References must
 * resolve (in the document or already stored), a duid may belong to one
 * sensor only, and a row repeated with different content is ambiguous: any
 * of these rejects the whole document and nothing is written.
 */
export async function upsertMetadata(db: Database, doc: MetadataDocument) {
  const d1 = db.$client;
  const circuitRows = await Promise.all(
    doc.circuits.map(async (c) => ({ id: await circuitId(c.sensor_id, c.circuit_number), sensor_id: c.sensor_id, circuit_number: c.circuit_number, name: c.name })),
  );
  const rows: Record<KindSpec["kind"], Row[]> = { ...doc, circuits: circuitRows };
  const errors: FieldError[] = [];

  // The same row twice must say the same thing.
  for (const { kind, columns } of KINDS) {
    const seen = new Map<string | number, { index: number; text: string }>();
    rows[kind].forEach((row, index) => {
      const text = JSON.stringify(columns.map((column) => row[column]));
      const first = seen.get(row.id!);
      if (!first) seen.set(row.id!, { index, text });
      else if (first.text !== text) {
        const pointer = kind === "circuits" ? `/circuits/${index}/circuit_number` : `/${kind}/${index}/id`;
        errors.push({ pointer, location: "body", detail: `repeats /${kind}/${first.index} with different content` });
      }
    });
  }

  // References and duid owners, to refuse the document before writing. Stored rows are never deleted, so a
  // reference found here still resolves when the write runs; a duid taken meanwhile fails the write itself.
  const parentIds = KINDS.filter((k) => k.parent).map((k) =>
    d1
      .prepare(`SELECT id FROM ${k.parent!.kind} WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(rows[k.kind].map((row) => row[k.parent!.column]))),
  );
  const results = await d1.batch<Row>([...parentIds, duidOwners(d1, rows.electric_sensors)]);
  const storedParents = results.slice(0, parentIds.length).map((r) => new Set(r.results.map((row) => row.id)));

  KINDS.filter((k) => k.parent).forEach((spec, i) => {
    const inDoc = new Set(rows[spec.parent!.kind].map((row) => row.id));
    rows[spec.kind].forEach((row, index) => {
      const parent = row[spec.parent!.column]!;
      if (!inDoc.has(parent) && !storedParents[i]!.has(parent)) {
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
      errors.push({ pointer: `/electric_sensors/${index}/duid`, location: "body", detail: `duid ${sensor.duid} is also given to /electric_sensors/${other}` });
    } else duidInDoc.set(sensor.duid!, index);
  });
  if (errors.length > 0) throw new ProblemError("validation", { detail: `${errors.length} metadata rows are invalid; nothing was written`, errors });

  throwIfDuidTaken(results.at(-1)!.results, rows.electric_sensors);

  // The batch reads each kind's rows as they were before upserting them, so the counts describe exactly what
  // this write changed; parents are upserted first, so foreign keys hold at every statement.
  const present = KINDS.filter(({ kind }) => rows[kind].length > 0);
  const before = present.map(({ kind, columns }) =>
    d1.prepare(`SELECT ${columns.join(", ")} FROM ${kind} WHERE id IN (SELECT value FROM json_each(?1))`).bind(ids(rows[kind])),
  );
  const upserts = present.map(({ kind, columns }) => {
    const payload = JSON.stringify(rows[kind].map((row) => columns.map((column) => row[column])));
    const select = columns.map((_, i) => `j.value ->> ${i}`).join(", ");
    const updates = columns.filter((c) => c !== "id").map((c) => `${c} = excluded.${c}`).join(", ");
    return d1
      .prepare(`INSERT INTO ${kind} (${columns.join(", ")}) SELECT ${select} FROM json_each(?1) AS j WHERE true ON CONFLICT (id) DO UPDATE SET ${updates}`)
      .bind(payload);
  });
  let written: D1Result<Row>[];
  try {
    written = await d1.batch<Row>([...before, ...upserts, bumpDataVersion(d1, INSIGHTS_DATA)]);
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    // Another request took a duid of this document between the check and the write: name it.
    throwIfDuidTaken((await d1.batch<Row>([duidOwners(d1, rows.electric_sensors)]))[0]!.results, rows.electric_sensors);
    throw error;
  }

  const counts = Object.fromEntries(KINDS.map(({ kind }) => [kind, { inserted: 0, updated: 0, unchanged: 0 }])) as Record<KindSpec["kind"], Counts>;
  present.forEach(({ kind, columns }, i) => {
    const stored = new Map(written[i]!.results.map((row) => [row.id!, row]));
    const c = counts[kind];
    for (const row of new Map(rows[kind].map((r) => [r.id!, r])).values()) {
      const old = stored.get(row.id!);
      if (!old) c.inserted++;
      else if (columns.some((column) => String(old[column]) !== String(row[column]))) c.updated++;
      else c.unchanged++;
    }
  });

  return {
    ...counts,
    circuit_ids: circuitRows.map((c) => ({ sensor_id: c.sensor_id, circuit_number: c.circuit_number, id: c.id })),
    version: bumpedVersion(written.at(-1)),
  };
}

function duidOwners(d1: D1Database, sensors: Row[]): D1PreparedStatement {
  return d1.prepare("SELECT id, duid FROM electric_sensors WHERE duid IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(sensors.map((s) => s.duid)));
}

/** A duid of the document owned by a stored sensor that the document does not also re-assign is a conflict. */
function throwIfDuidTaken(owners: Row[], sensors: Row[]): void {
  const docSensorIds = new Set(sensors.map((s) => s.id));
  for (const owner of owners) {
    const claimant = sensors.find((s) => s.duid === owner.duid);
    if (claimant && claimant.id !== owner.id && !docSensorIds.has(owner.id!)) {
      throw new ProblemError("conflict", {
        detail: `duid ${owner.duid} already belongs to sensor ${owner.id}; a duid identifies one sensor`,
        extensions: { duid: owner.duid, sensor_id: owner.id },
      });
    }
  }
}
