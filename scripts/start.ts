import { existsSync } from "node:fs";
import { join } from "node:path";
import { ImportSummary } from "./import/import-summary";
import { ApiClient } from "./lib/api-client";
import { runCommand, stopAllChildren, stopChildrenOnSignals } from "./lib/child-processes";
import { startCronDriver } from "./lib/cron-driver";
import { ensureDevVars } from "./lib/dev-vars";
import { ROOT } from "./lib/paths";
import { readCrons } from "./lib/wrangler-config";
import { applyLocalMigrations, startWranglerDev } from "./lib/wrangler-dev";
import { SAMPLE_DATA } from "./sample-data/registry";
import { SIMULATORS, UPSTREAM_VARS } from "./simulators/registry";

/**
 * `npm start`: the whole system on this machine, offline. Migrations, the
 * upstream simulators, wrangler dev, the sample data (through the public API)
 * and the Cron Trigger driver; Ctrl-C or SIGTERM stops every child.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const persistTo = process.env.ENERGY_EDGE_STATE_DIR;
  const stoppers: Array<() => void | Promise<void>> = [];
  let stopping = false;
  stopChildrenOnSignals(async () => {
    stopping = true;
    for (const stop of stoppers.reverse()) await stop();
  });

  if (!existsSync(join(ROOT, "public", "docs-ui", "swagger-ui-bundle.js"))) {
    await runCommand(process.execPath, [join(ROOT, "scripts", "copy-docs-ui.mjs")]);
  }
  const { token, created } = ensureDevVars();
  if (created) console.log("Created .dev.vars with a random ingest token");

  console.log("Applying D1 migrations to local state…");
  await applyLocalMigrations({ persistTo });

  const vars: Record<string, string> = {};
  const upstreams: string[] = [];
  for (const urlVar of UPSTREAM_VARS) {
    const configured = process.env[urlVar];
    const simulator = SIMULATORS.find((s) => s.urlVar === urlVar);
    if (configured) {
      vars[urlVar] = configured;
      upstreams.push(`${urlVar} = ${configured} (external${simulator ? `; ${simulator.name} simulator not started` : ""})`);
    } else if (simulator) {
      const running = await simulator.start(simulator.defaultPort);
      stoppers.push(running.stop);
      vars[urlVar] = running.url;
      upstreams.push(`${urlVar} = ${running.url} (${simulator.name} simulator)`);
    }
  }

  console.log(`Starting wrangler dev on port ${port}…`);
  const worker = await startWranglerDev({ port, persistTo, vars, logLevel: "warn" });
  worker.process.once("exit", (code) => {
    if (stopping) return;
    console.error(`wrangler dev exited (${code}); stopping`);
    void Promise.all(stoppers.map((stop) => stop()))
      .then(stopAllChildren)
      .finally(() => process.exit(1));
  });

  const client = new ApiClient({ baseUrl: worker.url, token });
  for (const loader of SAMPLE_DATA) {
    const summary = new ImportSummary();
    await loader.load(client, summary);
    console.log(`Sample data ${loader.service}: ${summary.format(5)}`);
  }

  const crons = readCrons();
  // A deployed cron first fires within a minute; locally one run at once connects the exchange feed as the system starts.
  if (crons[0]) {
    const first = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent(crons[0])}`).catch((error: unknown) => error as Error);
    if (first instanceof Error || !first.ok)
      console.error(`first cron run failed: ${first instanceof Error ? first.message : `HTTP ${first.status}`}`);
  }
  stoppers.push(
    startCronDriver({
      url: worker.url,
      crons,
      onFire: (fire) => {
        if (fire.error || (fire.status ?? 200) >= 400) {
          console.error(`cron ${fire.cron} at ${fire.at.toISOString()} failed: ${fire.error ?? `HTTP ${fire.status}`}`);
        }
      },
    }),
  );

  console.log(
    [
      "",
      "Energy Edge is running",
      `  API           ${worker.url}`,
      `  Docs          ${worker.url}/docs`,
      `  OpenAPI       ${worker.url}/openapi.json`,
      `  Ingest token  ${token}   (from .dev.vars; send as Authorization: Bearer <token>)`,
      `  Cron          ${crons.join(", ") || "none"} (driven through /__scheduled)`,
      ...upstreams.map((line) => `  ${line}`),
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAllChildren();
  process.exit(1);
});
