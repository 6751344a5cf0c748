import { WORKER_TYPES_FILE, workerTypesAreCurrent } from "./lib/worker-types";

/** `npm run cf-typegen:check`: fails when worker-configuration.d.ts no longer matches wrangler.toml. */
async function main(): Promise<void> {
  if (await workerTypesAreCurrent()) {
    console.log(`${WORKER_TYPES_FILE} is up to date`);
    return;
  }
  console.error(`${WORKER_TYPES_FILE} is out of date with wrangler.toml: run \`npm run cf-typegen\` and commit the result`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
