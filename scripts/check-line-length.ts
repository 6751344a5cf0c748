import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/paths";

/**
 * Part of `npm run lint`: no source line over 140 characters. Biome's
 * formatter keeps code within that width but cannot break a long string or
 * comment, so this catches what it leaves.
 */
const MAX_COLUMNS = 140;
const SOURCE = /\.(ts|tsx|mjs|js)$/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "src", "scripts", "test"], {
  cwd: ROOT,
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => SOURCE.test(file));

const long = files.flatMap((file) =>
  readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .flatMap((line, i) => ([...line].length > MAX_COLUMNS ? [`${file}:${i + 1}: ${[...line].length} characters`] : [])),
);

if (long.length > 0) {
  console.error(`${long.length} lines over ${MAX_COLUMNS} characters:\n${long.join("\n")}`);
  process.exit(1);
}
