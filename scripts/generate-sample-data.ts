import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { METADATA_FILES, METADATA_KINDS } from "./import/importers/insights-metadata";
import { ROOT } from "./lib/paths";
import { generateCreditsSample } from "./sample-data/credits-generator";
import { generateInsightsSample, metadataCsvs, readingsJson, SAMPLE_READINGS_FILE } from "./sample-data/insights-generator";
import { generateSample, marketsCsv, usageCsv } from "./sample-data/peaks-generator";

function writePeaks(): void {
  const peaksDir = join(ROOT, "data", "peaks");
  mkdirSync(peaksDir, { recursive: true });
  const peaks = generateSample();
  writeFileSync(join(peaksDir, "markets.csv"), marketsCsv(peaks.markets));
  writeFileSync(join(peaksDir, "usage.csv"), usageCsv(peaks.readings));
  console.log(`data/peaks: ${peaks.markets.length} markets, ${peaks.readings.length} readings`);
}

function writeInsights(): void {
  const dir = join(ROOT, "data", "insights");
  mkdirSync(dir, { recursive: true });
  const sample = generateInsightsSample();
  const csvs = metadataCsvs(sample);
  for (const kind of METADATA_KINDS) writeFileSync(join(dir, METADATA_FILES[kind]), csvs[kind]);
  writeFileSync(join(dir, SAMPLE_READINGS_FILE), readingsJson(sample));
  console.log(
    `data/insights: ${sample.organizations.length} organisations, ${sample.locations.length} locations, ` +
      `${sample.electric_sensors.length} sensors, ${sample.circuits.length} circuits, ${sample.readings.length} readings`,
  );
}

function writeCredits(): void {
  const dir = join(ROOT, "data", "credits");
  mkdirSync(dir, { recursive: true });
  const sample = generateCreditsSample();
  writeFileSync(join(dir, "reports.json"), `${JSON.stringify({ reports: sample.reports }, null, 2)}\n`);
  writeFileSync(join(dir, "messages.json"), `${JSON.stringify({ messages: sample.messages }, null, 1)}\n`);
  writeFileSync(join(dir, "period.json"), `${JSON.stringify(sample.period, null, 2)}\n`);
  console.log(
    `data/credits: ${sample.reports.length} reports, ${sample.messages.length} messages, ` +
      `period ${sample.period.start} – ${sample.period.end}`,
  );
}

/** `npm run generate:sample`: rewrites data/ deterministically (same seed, same files). */
function main(): void {
  writePeaks();
  writeInsights();
  writeCredits();
}

main();
