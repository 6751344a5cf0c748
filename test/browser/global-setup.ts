import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, type StartedSystem, startSystem } from "../node/local-system";
import { missingChromium } from "./chromium";
import { startMarketDataStub } from "./market-data-stub";

declare module "vitest" {
  export interface ProvidedContext {
    /** The one local system every browser test shares: its URL, and the file that says once it is ready or why it failed. */
    localSystem: { url: string; statusFile: string };
    /** http:// base of the market-data stub's control endpoint (market-data-stub.ts): tests publish reference prices there. */
    marketDataControlUrl: string;
  }
}

/** What the status file holds once the start is over; tests read it through localSystemUrl(). */
export type LocalSystemStatus = { ready: true } | { ready: false; error: string };

/**
 * Starts the real `npm start` once for all browser tests, without waiting for it: vitest runs every project's
 * global setup before any test, so waiting here would hold up the worker and node projects for the whole start.
 * The browser project runs after them (its sequence.groupOrder), by when the system is long up.
 *
 * Upstreams are the test exchange (exchange-server.global-setup.ts, listed before this file; tests steer it
 * through `exchangeControlUrl`) and a market-data stub that answers only the prices tests publish (through
 * `marketDataControlUrl`), both on free ports, so nothing uses a fixed port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "energy-edge-browser-"));
  const statusFile = join(dir, "status.json");
  // Written whole, then renamed: a test polling for the file never reads half of it.
  const writeStatus = (status: LocalSystemStatus) => {
    writeFileSync(`${statusFile}.part`, JSON.stringify(status));
    renameSync(`${statusFile}.part`, statusFile);
  };
  const port = await freePort();
  project.provide("localSystem", { url: `http://127.0.0.1:${port}`, statusFile });

  const missing = missingChromium();
  if (missing) {
    writeStatus({ ready: false, error: missing });
    return async () => rmSync(dir, { recursive: true, force: true });
  }

  const marketData = await startMarketDataStub();
  project.provide("marketDataControlUrl", marketData.controlUrl);
  const env = { EXCHANGE_URL: project.getProvidedContext().exchangeUrl, MARKET_DATA_URL: marketData.url };
  // A run that needs no page (a filter that left only the harness, a failure) ends without waiting for the start.
  const stopStarting = new AbortController();
  const starting: Promise<StartedSystem | undefined> = startSystem(env, { port, signal: stopStarting.signal }).then(
    (system) => {
      writeStatus({ ready: true });
      return system;
    },
    (error: unknown) => {
      writeStatus({ ready: false, error: `the local system did not start: ${(error as Error).message}` });
      return undefined;
    },
  );

  return async () => {
    stopStarting.abort();
    const system = await starting;
    if (system && system.process.exitCode === null) await system.terminate();
    await marketData.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
