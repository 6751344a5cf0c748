import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type StartedSystem } from "./local-system";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The README's quick start, for real: `npm start` brings the whole system up
 * offline, /docs renders in a browser with no request leaving the machine,
 * and SIGTERM stops every child process.
 */
describe("npm start", () => {
  let system: StartedSystem;
  let browser: Browser | undefined;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await browser?.close();
    if (system && system.process.exitCode === null) await system.terminate();
  });

  it("serves /health and the OpenAPI document", async () => {
    expect(await (await fetch(`${system.url}/health`)).json()).toMatchObject({ status: "ok" });
    const doc = (await (await fetch(`${system.url}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    expect(system.output()).toContain(`${system.url}/docs`);
    expect(system.output()).toMatch(/Ingest token {2}\S+/);
  });

  it("renders /docs in headless Chromium from the Worker's own assets", async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium package`).toBe(true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(system.url) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto(`${system.url}/docs`);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    const operations = await page.locator(".opblock-summary-path").allTextContents();
    expect(operations.map((text) => text.replace(/\u200b/g, ""))).toContain("/health");
    expect(await page.locator(".info .title").first().textContent()).toContain("Energy Edge API");
    expect(foreign).toEqual([]);
  });

  it("stops every child on SIGTERM", async () => {
    const code = await system.terminate();
    expect(code).not.toBeNull();
    await expect(fetch(`${system.url}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
