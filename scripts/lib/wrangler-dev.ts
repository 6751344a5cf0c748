import type { ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { runCommand, spawnChild, stopChild } from "./child-processes";
import { ROOT } from "./paths";

export const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");

/** Keeps wrangler from phoning home, so the local system works with no internet. */
export const OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_LOG_SANITIZE: "true",
};

export interface LocalStateOptions {
  /** Directory for local D1/KV/DO state; wrangler's default (.wrangler/state) when absent. */
  persistTo?: string;
}

function persistArgs(options: LocalStateOptions): string[] {
  return options.persistTo ? ["--persist-to", options.persistTo] : [];
}

/** Applies every D1 migration to the local database (idempotent: applied ones are skipped). */
export async function applyLocalMigrations(options: LocalStateOptions = {}): Promise<string> {
  return runCommand(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", ...persistArgs(options)], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_ENV, CI: "true" },
  });
}

export interface WranglerDevOptions extends LocalStateOptions {
  port: number;
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
  /** Extra vars, e.g. EXCHANGE_URL pointing at a simulator. */
  vars?: Record<string, string>;
  /** Pipe output instead of inheriting the terminal (benchmarks keep their output clean). */
  quiet?: boolean;
  /** With quiet, also append wrangler's output to this file, so failures can be diagnosed after the run. */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` with the Cron Trigger test route enabled and waits until /health answers. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<RunningWorker> {
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--test-scheduled",
    "--show-interactive-dev-session=false",
    "--log-level",
    options.logLevel ?? "info",
    ...persistArgs(options),
  ];
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push("--var", `${key}:${value}`);
  const child = spawnChild(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_ENV },
    stdio: options.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  let output = "";
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(url, options.startTimeoutMs ?? 90_000, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}\n--- wrangler output ---\n${output}`);
  }
  return { url, process: child, stop: () => stopChild(child) };
}

/** Polls GET /health until it answers 200, the child exits, or the timeout passes. */
export async function waitForHealth(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}) before ${url} was up`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs} ms`);
}
