import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/paths";
import { WORKER_TYPES_FILE, workerTypesAreCurrent } from "./lib/worker-types";

/**
 * `npm test`: whether the generated binding types are current, the type
 * check, lint and format (Biome), then every vitest project (workerd, Node, and the browser
 * project driving Chromium), ending with the one line CI reads: `N passed, N failed`.
 */
const RESULTS_DIR = join(ROOT, ".test-results");
const VITEST_JSON = join(RESULTS_DIR, "vitest.json");

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: Array<{ status: string; assertionResults: Array<{ status: string }>; name: string }>;
}

async function main(): Promise<void> {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

  console.log(`== generated types (${WORKER_TYPES_FILE} matches wrangler.toml)`);
  const typesCurrent = await workerTypesAreCurrent().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    return false;
  });
  console.log(
    typesCurrent ? "generated types up to date" : `generated types FAILED: ${WORKER_TYPES_FILE} is stale, run \`npm run cf-typegen\``,
  );

  console.log("== typecheck (tsc --noEmit, and -p tsconfig.client.json for browser modules)");
  // The Worker and tests, then the browser modules (DOM types, which the Worker must not see).
  const typecheck = Math.max(await run(bin("tsc"), ["--noEmit"]), await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.client.json"]));
  console.log(typecheck === 0 ? "typecheck passed" : "typecheck FAILED");

  console.log("== lint and format (npm run lint: biome check, 140 columns)");
  const lint = await run("npm", ["run", "--silent", "lint"]);
  console.log(lint === 0 ? "lint passed" : "lint FAILED: `npm run format` fixes formatting and safe lint fixes");

  console.log("== vitest (worker, node and browser projects)");
  const vitest = await run(bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${VITEST_JSON}`,
    ...process.argv.slice(2),
  ]);

  // The checks before vitest count as one test each.
  const checks = [typesCurrent, typecheck === 0, lint === 0];
  let passed = checks.filter(Boolean).length;
  let failed = checks.length - passed;
  let skipped = 0;
  try {
    const report = JSON.parse(readFileSync(VITEST_JSON, "utf8")) as VitestJson;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A file that fails to load runs no test but is still a failure.
    // A file that fails outside any test (it cannot load, or a beforeAll throws) is a failure even when none of
    // its tests ran or failed.
    failed += report.testResults.filter(
      (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
    ).length;
  } catch {
    failed += 1;
    console.error("vitest wrote no report: counting the run as failed");
  }
  if (vitest !== 0 && failed === 0) failed = 1;

  const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
  writeFileSync(join(RESULTS_DIR, "summary.txt"), `${summary}\n`);
  console.log(`\n${summary}`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
