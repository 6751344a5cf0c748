/**
 * Load tests one request with wrk (Debian's `wrk` package): a C client that
 * keeps up with large response bodies where autocannon, parsing them in
 * JavaScript, saturates a core first.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "../lib/child-processes";
import type { HttpMeasurement } from "./bench-results";
import { needsScript, type WrkRequest, wrkArgs, wrkScript } from "./wrk-command";
import { parseWrkOutput } from "./wrk-output";

export const WRK_INSTALL_HINT = "apt-get install -y wrk";

/** True when `wrk` is on PATH; it exits non-zero even for -v, so only a failure to start counts. */
export function wrkInstalled(): boolean {
  return spawnSync("wrk", ["-v"], { stdio: "ignore" }).error === undefined;
}

export interface WrkOptions {
  connections: number;
  durationS: number;
  /** Where a request's Lua script is written (bench/.state, wiped every run). */
  scriptDir: string;
  /** Names the script file, so each scenario of a run keeps its own for inspection. */
  label: string;
}

export async function measureWithWrk(url: string, request: WrkRequest, options: WrkOptions): Promise<HttpMeasurement> {
  let scriptPath: string | undefined;
  if (needsScript(request)) {
    scriptPath = join(options.scriptDir, `wrk-${options.label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.lua`);
    writeFileSync(scriptPath, wrkScript(request));
  }
  const run = { url, connections: options.connections, scriptPath, headers: request.headers };
  // One second to let workerd compile and warm caches, as the autocannon path does, so cold start is not averaged in.
  await runCommand("wrk", wrkArgs({ ...run, durationS: 1 }));
  return parseWrkOutput(await runCommand("wrk", wrkArgs({ ...run, durationS: options.durationS })));
}
