import { join } from "node:path";
import { applyLocalMigrations, type RunningWorker, startWranglerDev } from "../lib/wrangler-dev";
import type { BenchUpstream, RunningUpstream } from "./registry";

export interface BenchWorkerOptions {
  port: number;
  /** Where wrangler dev keeps D1, KV and Durable Object state, migrated here first. */
  stateDir: string;
  upstreams: BenchUpstream[];
}

/**
 * Runs `use` against wrangler dev on `stateDir`, with the upstreams the Worker
 * calls started first (their URLs reach it only as vars given at start), and
 * stops them all once `use` settles, whether it succeeded or not.
 */
export async function withBenchWorker<T>(options: BenchWorkerOptions, use: (worker: RunningWorker) => Promise<T>): Promise<T> {
  console.log("Applying D1 migrations to bench/.state…");
  await applyLocalMigrations({ persistTo: options.stateDir });
  const upstreams: RunningUpstream[] = [];
  try {
    for (const upstream of options.upstreams) {
      console.log(`→ starting upstream ${upstream.name}`);
      upstreams.push(await upstream.start());
    }
    const vars: Record<string, string> = {};
    for (const upstream of upstreams) Object.assign(vars, upstream.vars);
    console.log(`Starting wrangler dev on port ${options.port}…`);
    const worker = await startWranglerDev({
      port: options.port,
      persistTo: options.stateDir,
      vars,
      logLevel: "warn",
      quiet: true,
      logFile: join(options.stateDir, "wrangler.log"),
    });
    try {
      return await use(worker);
    } finally {
      await worker.stop();
    }
  } finally {
    for (const upstream of upstreams) await upstream.stop();
  }
}
