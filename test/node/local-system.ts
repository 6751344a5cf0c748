import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../scripts/lib/paths";
import { waitForHealth } from "../../scripts/lib/wrangler-dev";

/** A free TCP port on loopback, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartedSystem {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Sends SIGTERM to `npm start` itself, as a supervisor would, and waits for it to exit. */
  terminate(): Promise<number | null>;
}

export interface StartOptions {
  /** A free one by default; a caller that names it knows the URL while the system starts (the browser tests do). */
  port?: number;
  /** Stops a start still under way as Ctrl-C would (`npm start` stops its children), for a run that ends first. */
  signal?: AbortSignal;
}

/** Runs the real `npm start` entry in a throwaway state directory. */
export async function startSystem(env: Record<string, string> = {}, options: StartOptions = {}): Promise<StartedSystem> {
  options.signal?.throwIfAborted();
  const port = options.port ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), "energy-edge-state-"));
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ENERGY_EDGE_STATE_DIR: stateDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // npm start stops on SIGTERM the children it tracks, which the migrations run before wrangler dev is not (stopped
  // then, that run is orphaned and spins on its deleted state): an abort waits for wrangler dev to be starting.
  let stopRequested = false;
  const stopWhenSafe = () => {
    if (!stopRequested || !output.includes("Starting wrangler dev")) return;
    stopRequested = false;
    child.kill("SIGTERM");
  };
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    stopWhenSafe();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stopStarting = () => {
    stopRequested = true;
    stopWhenSafe();
  };
  options.signal?.addEventListener("abort", stopStarting, { once: true });
  try {
    await waitForHealth(url, 120_000, child);
    // Up is not ready: the banner comes once the sample data is loaded and the cron driver runs.
    const deadline = Date.now() + 120_000;
    while (!output.includes("Energy Edge is running")) {
      const gone = child.exitCode !== null || child.signalCode !== null;
      if (Date.now() > deadline || gone) throw new Error("npm start never printed its banner");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    if (options.signal?.aborted) {
      await exited;
      rmSync(stateDir, { recursive: true, force: true });
      throw new Error("npm start was stopped before it was ready");
    }
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output}`);
  } finally {
    options.signal?.removeEventListener("abort", stopStarting);
  }
  return {
    url,
    process: child,
    output: () => output,
    terminate: async () => {
      child.kill("SIGTERM");
      const code = await exited;
      rmSync(stateDir, { recursive: true, force: true });
      return code;
    },
  };
}
