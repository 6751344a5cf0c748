import { existsSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchBrowser } from "./browser";
import type { LocalSystemStatus } from "./global-setup";

/** Longer than any start seen (20–40 s alone, more beside the other projects on a busy machine). */
const READY_TIMEOUT_MS = 240_000;

/** The URL of the local system global-setup.ts starts, once it is ready; throws why it is not. */
export async function localSystemUrl(): Promise<string> {
  const { url, statusFile } = inject("localSystem");
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(statusFile)) {
    if (Date.now() > deadline) throw new Error(`the local system at ${url} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const status = JSON.parse(readFileSync(statusFile, "utf8")) as LocalSystemStatus;
  if (!status.ready) throw new Error(status.error);
  return url;
}

/**
 * One Chromium and the shared local system for a describe block: opened before its tests, closed after. The
 * callback receives them, so each file keeps its own `url` and `browser` names.
 */
export function useLocalSystemBrowser(receive: (session: { url: string; browser: Browser }) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const url = await localSystemUrl();
    browser = await launchBrowser();
    receive({ url, browser });
  });
  afterAll(async () => {
    await browser?.close();
  });
}
