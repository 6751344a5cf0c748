import type { ImportSummary } from "../import/import-summary";
import type { ApiClient } from "../lib/api-client";
import { creditsSample } from "./credits";
import { insightsSample } from "./insights";
import { peaksSample } from "./peaks";

/**
 * Loads one service's generated sample data from data/ through the public
 * ingest API. Loading twice must change nothing (the API is idempotent).
 */
export interface SampleDataLoader {
  service: string;
  load(client: ApiClient, summary: ImportSummary): Promise<void>;
}

/** Each service adds its loader here. */
export const SAMPLE_DATA: SampleDataLoader[] = [peaksSample, insightsSample, creditsSample];
