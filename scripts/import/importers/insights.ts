import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ApiClient } from "../../lib/api-client";
import type { ImportSummary } from "../import-summary";
import type { Importer } from "../importers";
import type { Progress } from "../progress";
import { METADATA_FILES, METADATA_KINDS, type MetadataKind, parseMetadataCsvs, postMetadata } from "./insights-metadata";
import { parseReadingsJson, sendReadings } from "./insights-readings";

/** The source system's own name for its time series, preferred when a folder holds other JSON files too. */
export const DEFAULT_READINGS_FILE = "mock_timeseries.json";

/** The time-series file of a folder: mock_timeseries.json, else its only *.json; none means metadata only. */
export function findReadingsFile(names: readonly string[]): string | undefined {
  if (names.includes(DEFAULT_READINGS_FILE)) return DEFAULT_READINGS_FILE;
  const json = names.filter((name) => name.toLowerCase().endsWith(".json")).sort();
  if (json.length > 1) throw new Error(`several JSON files (${json.join(", ")}): name the readings ${DEFAULT_READINGS_FILE}`);
  return json[0];
}

function readMetadataTexts(dir: string): Record<MetadataKind, string> {
  const missing = METADATA_KINDS.filter((kind) => !existsSync(join(dir, METADATA_FILES[kind])));
  if (missing.length > 0) throw new Error(`${dir} lacks ${missing.map((kind) => METADATA_FILES[kind]).join(", ")}`);
  return Object.fromEntries(METADATA_KINDS.map((kind) => [kind, readFileSync(join(dir, METADATA_FILES[kind]), "utf8")])) as Record<
    MetadataKind,
    string
  >;
}

/**
 * The whole import of a folder: the metadata tree as one document (stored
 * atomically, circuits before their readings), then the readings file.
 */
export async function importInsightsDir(
  client: ApiClient,
  dir: string,
  summary: ImportSummary,
  options: { batchSize?: number; progressFor?: (label: string, total: number) => Progress | undefined } = {},
): Promise<void> {
  const { document, sources, rejectedDuids } = parseMetadataCsvs(readMetadataTexts(dir), summary);
  await postMetadata(client, document, summary, sources);
  const file = findReadingsFile(readdirSync(dir));
  if (!file) return;
  const { readings, describe } = parseReadingsJson(readFileSync(join(dir, file), "utf8"), file, summary, rejectedDuids);
  const progress = options.progressFor?.("insights readings", readings.length);
  await sendReadings(client, readings, summary, { batchSize: options.batchSize, progress, describe });
  progress?.finish();
}

export const insightsImporter: Importer = {
  service: "insights",
  usage:
    `<dir>   (${METADATA_KINDS.map((kind) => METADATA_FILES[kind]).join(", ")}, ` +
    `and ${DEFAULT_READINGS_FILE} or one *.json array of {duid,circuit_number,timestamp,power_watts})`,
  async run(ctx) {
    const [dir, ...extra] = ctx.args.files;
    if (!dir || extra.length > 0 || !existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`insights needs one folder: ${this.usage}`);
    }
    await importInsightsDir(ctx.client, dir, ctx.summary, { batchSize: ctx.args.batchSize, progressFor: ctx.progress });
  },
};
