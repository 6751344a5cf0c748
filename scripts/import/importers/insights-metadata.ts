import { type ApiClient, ApiError, type ProblemDocument } from "../../lib/api-client";
import { parseCsv } from "../csv";
import type { ImportSummary, IngestCounts } from "../import-summary";

export interface BrandInput {
  id: string;
  name: string;
}

export interface OrganizationInput {
  id: string;
  brand_id: string;
  name: string;
}

export interface LocationInput {
  id: string;
  organization_id: string;
  name: string;
}

export interface SensorInput {
  id: string;
  duid: string;
  name: string;
  location_id: string;
  /** Absent means the server's default (60 s, the source system's one-minute readings). */
  sample_interval_seconds?: number;
}

export interface CircuitInput {
  sensor_id: string;
  circuit_number: number;
  name: string;
}

/** The body of POST /v1/insights/metadata. */
export interface InsightsMetadata {
  brands: BrandInput[];
  organizations: OrganizationInput[];
  locations: LocationInput[];
  electric_sensors: SensorInput[];
  circuits: CircuitInput[];
}

export type MetadataKind = keyof InsightsMetadata;

/** Parents before children: the order a reader of the files expects rejections in. */
export const METADATA_KINDS: readonly MetadataKind[] = ["brands", "organizations", "locations", "electric_sensors", "circuits"];

export const METADATA_FILES: Record<MetadataKind, string> = {
  brands: "brands.csv",
  organizations: "organizations.csv",
  locations: "locations.csv",
  electric_sensors: "electric_sensors.csv",
  circuits: "circuits.csv",
};

/** Where each document row came from ("circuits.csv line 4"), in document order, to name rows in the server's errors. */
export type MetadataSources = Record<MetadataKind, string[]>;

export interface MetadataResult extends Record<MetadataKind, IngestCounts> {
  circuit_ids: Array<{ sensor_id: string; circuit_number: number; id: string }>;
}

export interface ParsedMetadata {
  document: InsightsMetadata;
  sources: MetadataSources;
  /** duids of sensors rejected here: their readings can only be refused, so they are rejected without a round trip. */
  rejectedDuids: Set<string>;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MAX_NAME = 200;
const MAX_DUID = 64;
const MAX_INTERVAL_SECONDS = 86_400;

/** Reads typed fields of one CSV record, keeping the first problem so a row is rejected with one clear reason. */
class FieldReader {
  problem: string | undefined;

  constructor(private readonly values: Record<string, string>) {}

  private fail(reason: string): void {
    this.problem ??= reason;
  }

  id(column: string): string {
    const value = (this.values[column] ?? "").trim();
    if (!UUID.test(value)) this.fail(`${column} '${value}' is not a UUID`);
    return value.toLowerCase();
  }

  text(column: string, max = MAX_NAME): string {
    const value = (this.values[column] ?? "").trim();
    if (!value) this.fail(`${column} is empty`);
    else if (value.length > max) this.fail(`${column} is longer than ${max} characters`);
    return value;
  }

  integer(column: string, min: number, max: number): number {
    const raw = (this.values[column] ?? "").trim();
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) this.fail(`${column} '${raw}' is not an integer from ${min} to ${max}`);
    return value;
  }

  optionalInteger(column: string, min: number, max: number): number | undefined {
    return (this.values[column] ?? "").trim() === "" ? undefined : this.integer(column, min, max);
  }
}

interface KindSpec<Row> {
  required: string[];
  read(fields: FieldReader): Row;
  /** The column naming the parent row, whose rejection takes this row with it. */
  parent?: { column: string; kind: MetadataKind };
}

const SPECS: { [K in MetadataKind]: KindSpec<InsightsMetadata[K][number]> } = {
  brands: { required: ["id", "name"], read: (f) => ({ id: f.id("id"), name: f.text("name") }) },
  organizations: {
    required: ["id", "brand_id", "name"],
    read: (f) => ({ id: f.id("id"), brand_id: f.id("brand_id"), name: f.text("name") }),
    parent: { column: "brand_id", kind: "brands" },
  },
  locations: {
    required: ["id", "organization_id", "name"],
    read: (f) => ({ id: f.id("id"), organization_id: f.id("organization_id"), name: f.text("name") }),
    parent: { column: "organization_id", kind: "organizations" },
  },
  electric_sensors: {
    required: ["id", "duid", "name", "location_id"],
    read: (f) => {
      const sensor: SensorInput = {
        id: f.id("id"),
        duid: f.text("duid", MAX_DUID),
        name: f.text("name"),
        location_id: f.id("location_id"),
      };
      const interval = f.optionalInteger("sample_interval_seconds", 1, MAX_INTERVAL_SECONDS);
      return interval === undefined ? sensor : { ...sensor, sample_interval_seconds: interval };
    },
    parent: { column: "location_id", kind: "locations" },
  },
  circuits: {
    required: ["sensor_id", "name", "circuit_number"],
    read: (f) => ({ sensor_id: f.id("sensor_id"), circuit_number: f.integer("circuit_number", 0, 1_000_000), name: f.text("name") }),
    parent: { column: "sensor_id", kind: "electric_sensors" },
  },
};

function parseKind<K extends MetadataKind>(
  kind: K,
  text: string,
  summary: ImportSummary,
  rejectedParents: ReadonlyMap<string, string>,
): { rows: Array<InsightsMetadata[K][number]>; sources: string[]; rejected: Map<string, string>; rejectedDuids: string[] } {
  const spec: KindSpec<InsightsMetadata[K][number]> = SPECS[kind];
  const file = METADATA_FILES[kind];
  const { records, errors } = parseCsv(text);
  for (const error of errors) summary.reject(`${file} line ${error.line}`, error.reason);
  const missing = records[0] ? spec.required.filter((column) => records[0]!.values[column] === undefined) : [];
  if (missing.length > 0) throw new Error(`${file} has no ${missing.join(", ")} column (expected ${spec.required.join(",")})`);

  const rows: Array<InsightsMetadata[K][number]> = [];
  const sources: string[] = [];
  // Ids of rows refused here, with where they came from: their children are refused too, rather than failing the
  // document. A row with the wrong field count has no id to follow: its children reach the server as unknown references.
  const rejected = new Map<string, string>();
  const rejectedDuids: string[] = [];
  for (const { line, values } of records) {
    const source = `${file} line ${line}`;
    const fields = new FieldReader(values);
    const row = spec.read(fields);
    const parentId = spec.parent ? (values[spec.parent.column] ?? "").trim().toLowerCase() : "";
    const parentSource = spec.parent ? rejectedParents.get(parentId) : undefined;
    const problem =
      fields.problem ?? (parentSource && `its ${spec.parent!.column.replace(/_id$/, "")} ${parentId} was rejected (${parentSource})`);
    if (problem) {
      summary.reject(source, problem);
      if (values.id !== undefined) rejected.set(values.id.trim().toLowerCase(), source);
      if (values.duid?.trim()) rejectedDuids.push(values.duid.trim());
      continue;
    }
    rows.push(row);
    sources.push(source);
  }
  return { rows, sources, rejected, rejectedDuids };
}

/**
 * The metadata document of the five CSV files (texts by kind). Malformed rows
 * are rejected with their line, and so are the rows below them in the tree,
 * so one bad row does not make the server refuse the whole document.
 */
export function parseMetadataCsvs(texts: Record<MetadataKind, string>, summary: ImportSummary): ParsedMetadata {
  const brands = parseKind("brands", texts.brands, summary, new Map());
  const organizations = parseKind("organizations", texts.organizations, summary, brands.rejected);
  const locations = parseKind("locations", texts.locations, summary, organizations.rejected);
  const sensors = parseKind("electric_sensors", texts.electric_sensors, summary, locations.rejected);
  const circuits = parseKind("circuits", texts.circuits, summary, sensors.rejected);
  return {
    document: {
      brands: brands.rows,
      organizations: organizations.rows,
      locations: locations.rows,
      electric_sensors: sensors.rows,
      circuits: circuits.rows,
    },
    sources: {
      brands: brands.sources,
      organizations: organizations.sources,
      locations: locations.sources,
      electric_sensors: sensors.sources,
      circuits: circuits.sources,
    },
    rejectedDuids: new Set(sensors.rejectedDuids),
  };
}

/** "/circuits/4/name" → the source of circuits row 4, so the message points at the file, not at the request. */
export function sourceOfPointer(pointer: string, sources: MetadataSources | undefined): string | undefined {
  const [, kind, index] = pointer.split("/");
  if (!sources || !kind || !(kind in sources) || !/^\d+$/.test(index ?? "")) return undefined;
  return sources[kind as MetadataKind][Number(index)];
}

/** The message of a refused document: the server's detail, then each listed error with the file line it names. */
export function metadataRefusal(status: number, problem: ProblemDocument | undefined, sources?: MetadataSources): string {
  const lines = [`the metadata was refused (${status}): ${problem?.detail ?? problem?.title ?? "no detail"}`];
  for (const error of problem?.errors ?? []) {
    const source = sourceOfPointer(error.pointer, sources);
    lines.push(`  ${source ? `${source} (${error.pointer})` : error.pointer || "(document)"}: ${error.detail}`);
  }
  return lines.join("\n");
}

/**
 * Upserts the whole document in one request, so the tree is stored
 * atomically. A refusal (422, 409) leaves nothing to send readings against,
 * hence an error rather than rejected rows.
 */
export async function postMetadata(
  client: ApiClient,
  document: InsightsMetadata,
  summary: ImportSummary,
  sources?: MetadataSources,
): Promise<MetadataResult> {
  try {
    const response = await client.post<MetadataResult>("/v1/insights/metadata", document);
    for (const kind of METADATA_KINDS) summary.add(response.body[kind]);
    return response.body;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
      throw new Error(metadataRefusal(error.status, error.problem, sources));
    }
    throw error;
  }
}
