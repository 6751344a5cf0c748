import { join } from "node:path";
import { importPeaksFiles } from "../import/importers/peaks";
import { ROOT } from "../lib/paths";
import type { SampleDataLoader } from "./registry";

export const peaksSample: SampleDataLoader = {
  service: "peaks",
  load: (client, summary) =>
    importPeaksFiles(
      client,
      { markets: join(ROOT, "data", "peaks", "markets.csv"), usage: join(ROOT, "data", "peaks", "usage.csv") },
      summary,
    ),
};
