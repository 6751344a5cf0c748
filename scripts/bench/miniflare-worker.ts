import { join } from "node:path";
import { Miniflare, type MiniflareOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { runCommand } from "../lib/child-processes";
import { ROOT } from "../lib/paths";
import { OFFLINE_ENV, WRANGLER } from "../lib/wrangler-dev";

export interface MiniflareWorker {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the Worker as `wrangler deploy` bundles it, in Miniflare (the workerd wrangler dev runs), on the local state
 * wrangler dev left in `stateDir`, without wrangler dev's proxy in front. That proxy passes every text/html answer
 * through HTMLRewriter to insert its live-reload script, decompressing and compressing it again on the way, which
 * production never does. wrangler dev must be stopped first: both would open the same SQLite files.
 */
export async function startMiniflareWorker(options: {
  port: number;
  stateDir: string;
  vars: Record<string, string>;
}): Promise<MiniflareWorker> {
  const bundleDir = join(options.stateDir, "bundle");
  await runCommand(WRANGLER, ["deploy", "--dry-run", "--outdir", bundleDir], { cwd: ROOT, env: { ...process.env, ...OFFLINE_ENV } });
  // The bindings, compatibility settings and assets of wrangler.toml, as wrangler dev would give them to Miniflare.
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  const miniflare = new Miniflare({
    ...workerOptions,
    name: "energy-edge",
    modules: true,
    modulesRoot: bundleDir,
    scriptPath: join(bundleDir, "index.js"),
    bindings: { ...workerOptions.bindings, ...options.vars },
    host: "127.0.0.1",
    port: options.port,
    // wrangler dev --persist-to <dir> keeps its state under <dir>/v3.
    defaultPersistRoot: join(options.stateDir, "v3"),
  } as MiniflareOptions);
  const url = await miniflare.ready;
  return { url: url.origin, stop: () => miniflare.dispose() };
}
