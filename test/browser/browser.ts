import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { AxeResults, RunOptions } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect, onTestFinished } from "vitest";
import { ROOT } from "../../scripts/lib/paths";
import { CHROMIUM_PATH, missingChromium } from "./chromium";

/** Where screenshots go, so a person can look at what the tests saw (scripts/test.ts empties .test-results first). */
export const SCREENSHOTS_DIR = join(ROOT, ".test-results", "screenshots");

/**
 * Headless Chromium that makes no request of its own (no updates, no sync, no QUIC probes). Playwright gives each
 * launch a fresh user data dir and deletes it on close, so nothing carries over between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  const missing = missingChromium();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

export interface PageOptions {
  colorScheme?: "light" | "dark";
  /** Viewport width in CSS pixels (default 1280); 390 is a phone. */
  width?: number;
  height?: number;
  /** False shows the page as a browser with JavaScript off does. */
  javaScriptEnabled?: boolean;
}

export interface GuardedPage {
  page: Page;
  /** Every request (HTTP or WebSocket) that tried to reach a host other than 127.0.0.1; each was aborted. */
  offLoopback: string[];
  close(): Promise<void>;
}

/** data:, blob: and about: never touch the network; everything else must stay on 127.0.0.1. */
function staysOnLoopback(url: URL): boolean {
  return ["data:", "blob:", "about:"].includes(url.protocol) || url.hostname === "127.0.0.1";
}

/**
 * A page in a context of its own that aborts and records any request off 127.0.0.1. Prefer newPage() inside a
 * test; this is for a page opened outside one (in beforeAll), whose caller checks `offLoopback` and closes it.
 */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<GuardedPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    reducedMotion: "reduce",
    // A service worker's requests would bypass the route below.
    serviceWorkers: "block",
  });
  const offLoopback: string[] = [];
  await context.route(
    (url) => !staysOnLoopback(url),
    (route) => {
      offLoopback.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  await context.routeWebSocket(
    (url) => !staysOnLoopback(url),
    (socket) => {
      offLoopback.push(socket.url());
      return socket.close({ code: 1008, reason: "the browser tests stay on 127.0.0.1" });
    },
  );
  const page = await context.newPage();
  return { page, offLoopback, close: () => context.close() };
}

/**
 * A page for the running test: when the test finishes its context closes, and the test fails if the page tried to
 * reach any host other than 127.0.0.1 (the request was aborted, so nothing left the machine either way).
 */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const guarded = await openPage(browser, options);
  onTestFinished(async () => {
    await guarded.close();
    expect(guarded.offLoopback, "requests that tried to leave 127.0.0.1 (aborted)").toEqual([]);
  });
  return guarded.page;
}

/**
 * Console errors, uncaught exceptions and CSP violations (Chromium reports those as console errors) from now on:
 * call before navigating, assert the array is empty after.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    errors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught ${error.name}: ${error.message}`));
  return errors;
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now, one readable line per element, so a test
 * asserts `toEqual([])` and a failure says what to fix where.
 */
export async function checkAccessibility(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') does not govern, as it would a <script>.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run(options: RunOptions): Promise<AxeResults> } };
    return (await axe.run({ resultTypes: ["violations"] })).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const why = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
        return `${violation.impact} ${violation.id} at ${node.target.join(" ")}: ${violation.help}. ${why} (${violation.helpUrl})`;
      }),
    );
}

/**
 * A PNG at .test-results/screenshots/<name>.png, of the full page or (fullPage false) of the viewport as scrolled
 * now; returns its path.
 */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: "disabled" });
  return path;
}
