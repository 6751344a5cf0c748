import type { ApiClient } from "../lib/api-client";
import type { ImportArgs } from "./import-args";
import type { ImportSummary } from "./import-summary";
import { creditsImporter } from "./importers/credits";
import { insightsImporter } from "./importers/insights";
import { peaksImporter } from "./importers/peaks";
import type { Progress } from "./progress";

export interface ImportContext {
  args: ImportArgs;
  client: ApiClient;
  summary: ImportSummary;
  /** A progress line for one stream of rows, or undefined when --quiet. */
  progress(label: string, total: number): Progress | undefined;
}

/** One service's importer: reads its source files and sends them through the public ingest API. */
export interface Importer {
  service: string;
  /** The files it expects, for the usage message. */
  usage: string;
  run(ctx: ImportContext): Promise<void>;
}

/** Each service adds its importer here. */
export const IMPORTERS: Importer[] = [peaksImporter, insightsImporter, creditsImporter];

export function findImporter(service: string, importers = IMPORTERS): Importer | undefined {
  return importers.find((importer) => importer.service === service);
}
