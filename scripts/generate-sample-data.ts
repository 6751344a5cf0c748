import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/paths";
import { generateSample, marketsCsv, usageCsv } from "./sample-data/peaks-generator";

/** `npm run generate:sample`: rewrites data/ deterministically (same seed, same files). */
function main(): void {
  const peaksDir = join(ROOT, "data", "peaks");
  mkdirSync(peaksDir, { recursive: true });
  const peaks = generateSample();
  writeFileSync(join(peaksDir, "markets.csv"), marketsCsv(peaks.markets));
  writeFileSync(join(peaksDir, "usage.csv"), usageCsv(peaks.readings));
  console.log(`data/peaks: ${peaks.markets.length} markets, ${peaks.readings.length} readings`);
}

main();
