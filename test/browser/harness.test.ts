import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_CSP } from "../../src/web/page-headers";
import { checkAccessibility, collectConsoleErrors, type GuardedPage, launchBrowser, newPage, openPage } from "./browser";

/** A made-up loopback address the page answers itself, so these checks need no running system. */
const HARNESS_URL = "http://127.0.0.1/harness";

/** Serves `body` at HARNESS_URL, with the pages' own Content-Security-Policy when asked. */
async function serve(page: Page, body: string, options: { csp?: boolean } = {}): Promise<void> {
  await page.route(HARNESS_URL, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: options.csp ? { "Content-Security-Policy": PAGE_CSP } : {},
      body: `<!doctype html><html lang="en"><head><title>harness</title></head><body><main>${body}</main></body></html>`,
    }),
  );
  await page.goto(HARNESS_URL);
}

/** The browser test harness itself: each guard must catch what it exists to catch, or the page tests prove nothing. */
describe("browser test harness", () => {
  let browser: Browser;
  let guarded: GuardedPage | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await guarded?.close();
    await browser?.close();
  });

  it("aborts and records every request and WebSocket off 127.0.0.1", async () => {
    guarded = await openPage(browser);
    await serve(guarded.page, '<h1>off</h1><img alt="" src="http://example.com/pixel.png">');
    await guarded.page.evaluate(() => {
      const { WebSocket } = globalThis as unknown as { WebSocket: new (url: string) => unknown };
      new WebSocket("ws://example.com/feed");
    });
    await expect.poll(() => guarded?.offLoopback.length).toBe(2);
    expect(guarded.offLoopback.sort()).toEqual(["http://example.com/pixel.png", "ws://example.com/feed"]);
    await guarded.close();
  });

  it.fails("fails the test whose page tried to leave 127.0.0.1", async () => {
    const page = await newPage(browser);
    await serve(page, '<h1>off</h1><img alt="" src="http://example.com/pixel.png">');
  });

  it("collects a CSP violation as a console error", async () => {
    const page = await newPage(browser);
    const errors = collectConsoleErrors(page);
    await serve(page, "<h1>inline</h1><script>document.title = 'ran'</script>", { csp: true });
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toContain("Content Security Policy");
    expect(await page.title()).toBe("harness");
  });

  it("runs axe under the pages' CSP and reports a critical violation readably", async () => {
    const page = await newPage(browser);
    await serve(page, '<h1>axe</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">', { csp: true });
    const violations = await checkAccessibility(page);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^critical image-alt at img: Images must have alternative text\. Fix any of the following: /);
  });
});
