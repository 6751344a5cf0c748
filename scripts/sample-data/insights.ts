import { join } from "node:path";
import { importInsightsDir } from "../import/importers/insights";
import { ROOT } from "../lib/paths";
import type { SampleDataLoader } from "./registry";

export const insightsSample: SampleDataLoader = {
  service: "insights",
  load: (client, summary) => importInsightsDir(client, join(ROOT, "data", "insights"), summary),
};
