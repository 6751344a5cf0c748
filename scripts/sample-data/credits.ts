import { join } from "node:path";
import { importCreditsFiles } from "../import/importers/credits";
import { ROOT } from "../lib/paths";
import type { SampleDataLoader } from "./registry";

const dir = join(ROOT, "data", "credits");

export const creditsSample: SampleDataLoader = {
  service: "credits",
  load: (client, summary) =>
    importCreditsFiles(
      client,
      { reports: join(dir, "reports.json"), messages: join(dir, "messages.json"), period: join(dir, "period.json") },
      summary,
    ),
};
