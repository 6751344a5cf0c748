import type { Database } from "../../lib/db";
import { ProblemError, type FieldError } from "../../lib/problem";
import { circuitId } from "./circuit-id";
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

  // Stored state needed to check references and duids, and to count changes: one round trip.
  const lookups = KINDS.map(({ kind, columns }) =>
    d1.prepare(`SELECT ${columns.join(", ")} FROM ${kind} WHERE id IN (SELECT value FROM json_each(?1))`).bind(ids(rows[kind])),
  );
  const parentIds = KINDS.filter((k) => k.parent).map((k) =>
    d1
      .prepare(`SELECT id FROM ${k.parent!.kind} WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(rows[k.kind].map((row) => row[k.parent!.column]))),
  );
  const duidOwners = d1
    .prepare("SELECT id, duid FROM electric_sensors WHERE duid IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(rows.electric_sensors.map((s) => s.duid)));
  const results = await d1.batch<Row>([...lookups, ...parentIds, duidOwners]);
  const existing = results.slice(0, KINDS.length).map((r) => new Map(r.results.map((row) => [row.id!, row])));
  const storedParents = results.slice(KINDS.length, KINDS.length + parentIds.length).map((r) => new Set(r.results.map((row) => row.id)));

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

  const docSensorIds = new Set(rows.electric_sensors.map((s) => s.id));
  for (const owner of results.at(-1)!.results) {
    const claimant = rows.electric_sensors.find((s) => s.duid === owner.duid);
    if (claimant && claimant.id !== owner.id && !docSensorIds.has(owner.id!)) {
      throw new ProblemError("conflict", {
        detail: `duid ${owner.duid} already belongs to sensor ${owner.id}; a duid identifies one sensor`,
        extensions: { duid: owner.duid, sensor_id: owner.id },
      });
    }
  }

  const counts = {} as Record<KindSpec["kind"], Counts>;
  KINDS.forEach(({ kind, columns }, i) => {
    const stored = existing[i]!;
    const unique = new Map(rows[kind].map((row) => [row.id!, row]));
    const c: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const row of unique.values()) {
      const before = stored.get(row.id!);
      if (!before) c.inserted++;
      else if (columns.some((column) => String(before[column]) !== String(row[column]))) c.updated++;
      else c.unchanged++;
    }
    counts[kind] = c;
  });

  // Parents first, so foreign keys hold at every statement of the batch.
  const upserts = KINDS.filter(({ kind }) => rows[kind].length > 0).map(({ kind, columns }) => {
    const payload = JSON.stringify(rows[kind].map((row) => columns.map((column) => row[column])));
    const select = columns.map((_, i) => `j.value ->> ${i}`).join(", ");
    const updates = columns.filter((c) => c !== "id").map((c) => `${c} = excluded.${c}`).join(", ");
    return d1
      .prepare(`INSERT INTO ${kind} (${columns.join(", ")}) SELECT ${select} FROM json_each(?1) AS j WHERE true ON CONFLICT (id) DO UPDATE SET ${updates}`)
      .bind(payload);
  });
  if (upserts.length > 0) await d1.batch(upserts);

  return {
    ...counts,
    circuit_ids: circuitRows.map((c) => ({ sensor_id: c.sensor_id, circuit_number: c.circuit_number, id: c.id })),
  };
}
