import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, whatever directory a script is started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where tests and importers find the shared real-world fixtures. */
export function fixturesDir(): string {
  return process.env.FIXTURES_DIR ?? join(ROOT, "..", "shared", "fixtures");
}
