import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig, defineProject } from "vitest/config";
import { TEST_INGEST_TOKEN } from "./test/test-token";

const migrationsDir = fileURLToPath(new URL("./migrations", import.meta.url));

export default defineConfig({
  test: {
    projects: [
      // Routes, storage and Durable Objects inside workerd (test/worker), with real local D1/KV/DO.
      defineProject({
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            main: "./src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                INGEST_TOKEN: TEST_INGEST_TOKEN,
                // The Node exchange started by exchange-server.global-setup.ts, so the feed never dials a real port.
                EXCHANGE_URL: inject("exchangeUrl"),
                TEST_MIGRATIONS: await readD1Migrations(migrationsDir),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
          globalSetup: ["./test/worker/global-setup.ts", "./test/worker/exchange-server.global-setup.ts"],
        },
      }),
      // Pure logic beside its source (src/**/*.test.ts: no bindings, so plain Node is enough and faster), scripts
      // (importer, simulators, start, bench), the fuzz oracle, OpenAPI 3.1 validation, and the local system end to
      // end (wrangler dev, curl, the /docs browser test).
      defineProject({
        test: {
          name: "node",
          environment: "node",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/node/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      }),
      // Pages in headless Chromium (playwright-core, Debian's chromium) against one `npm start` shared by every file.
      defineProject({
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          // The test exchange first: global-setup.ts points the system's EXCHANGE_URL at it.
          globalSetup: ["./test/worker/exchange-server.global-setup.ts", "./test/browser/global-setup.ts"],
          // After the worker and node projects, so the system global-setup.ts starts meanwhile is up by then.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          // beforeAll waits for the local system when this project runs alone.
          hookTimeout: 300_000,
        },
      }),
    ],
  },
});
