import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { TestProject } from "vitest/node";
import { fixturesDir } from "../../scripts/lib/paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** Every file under FIXTURES_DIR, by path relative to it ("peaks/usage.csv"); workerd tests have no file system. */
    fixtures: Record<string, string>;
    fixturesDir: string;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export default function setup(project: TestProject): void {
  const dir = fixturesDir();
  const fixtures: Record<string, string> = {};
  try {
    for (const path of walk(dir)) fixtures[relative(dir, path)] = readFileSync(path, "utf8");
  } catch (error) {
    // Tests that need a fixture fail on their own (fixture() throws); nothing is skipped.
    console.warn(`fixtures unavailable at ${dir}: ${(error as Error).message}`);
  }
  project.provide("fixtures", fixtures);
  project.provide("fixturesDir", dir);
}
