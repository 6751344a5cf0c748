/**
 * Page benchmarks in headless Chromium: runs each registered page benchmark in fresh browser contexts against the
 * running wrangler dev, plus the two in-page timings they are built from. Timing happens inside the page with the
 * Performance API; Playwright only starts it and reads the result.
 *
 * The in-page code is JavaScript source in strings on purpose: tsx compiles this file with esbuild's keepNames, which
 * wraps nested functions in a `__name` helper that exists only in Node, so a serialized function would throw in the
 * page.
 */
import type { Page } from "playwright-core";
import { launchBrowser, openPage } from "../../test/browser/browser";
import type { PageInput } from "./bench-results";
import type { PageBenchmark, PageRun } from "./registry";

const DEFAULT_RUNS = 5;
const IN_PAGE_TIMEOUT_MS = 20_000;

/** Runs every benchmark `runs` times, each run in a context of its own; a benchmark that breaks keeps its error, not the run. */
export async function runPageBenchmarks(url: string, benchmarks: PageBenchmark[]): Promise<PageInput[]> {
  if (benchmarks.length === 0) return [];
  const results: PageInput[] = [];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  try {
    browser = await launchBrowser();
  } catch (error) {
    const message = (error as Error).message;
    return benchmarks.map((bench) => ({
      name: bench.name,
      service: bench.service,
      path: bench.path,
      runs: [],
      target: bench.target,
      error: message,
    }));
  }
  try {
    for (const bench of benchmarks) {
      console.log(`→ page ${bench.name}: ${bench.path}`);
      const runs: PageRun[] = [];
      try {
        for (let i = 0; i < (bench.runs ?? DEFAULT_RUNS); i++) {
          const guarded = await openPage(browser);
          try {
            runs.push(await bench.measure(guarded.page, url + bench.path));
          } finally {
            await guarded.close();
          }
          if (guarded.offLoopback.length > 0)
            throw new Error(`requests tried to leave 127.0.0.1 (aborted): ${guarded.offLoopback.join(", ")}`);
        }
        results.push({ name: bench.name, service: bench.service, path: bench.path, runs, target: bench.target });
      } catch (error) {
        const message = (error as Error).message.split("\n")[0] ?? "";
        results.push({ name: bench.name, service: bench.service, path: bench.path, runs, target: bench.target, error: message });
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

/**
 * Set up before the document exists: once every selector matches, waits two animation frames (the second starts
 * after the frame holding those elements was painted) and keeps the times, in ms since navigation start.
 */
const PAINT_WATCH = (selectors: string[]) => `(() => {
  const selectors = ${JSON.stringify(selectors)};
  window.__benchPainted = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!selectors.every((selector) => document.querySelector(selector))) return;
      observer.disconnect();
      const found = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const visible = selectors.every((selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        });
        resolve({ found, painted: performance.now(), visible });
      }));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
})()`;

const PAINT_READ = `(async () => {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("the elements never appeared")), ${IN_PAGE_TIMEOUT_MS}));
  const painted = await Promise.race([window.__benchPainted, timeout]);
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const blocking = performance.getEntriesByType("resource").filter((entry) => entry.renderBlockingStatus === "blocking");
  return {
    painted,
    nav: {
      response_start_ms: nav.responseStart,
      response_end_ms: nav.responseEnd,
      dom_content_loaded_ms: nav.domContentLoadedEventEnd,
      load_event_ms: nav.loadEventEnd,
      first_contentful_paint_ms: fcp ? fcp.startTime : -1,
      render_blocking_end_ms: Math.max(0, ...blocking.map((entry) => entry.responseEnd)),
      transfer_kb: nav.transferSize / 1024,
      html_kb: nav.decodedBodySize / 1024,
    },
  };
})()`;

interface PaintReading {
  painted: { found: number; painted: number; visible: boolean };
  nav: Record<string, number>;
}

/**
 * Navigates to `url` and times, from navigation start, until every selector's element is in the document, laid out
 * with a non-empty box, and painted. Details: when they were found, and the navigation's own timing.
 */
export async function timeToPainted(page: Page, url: string, selectors: string[]): Promise<PageRun> {
  await page.addInitScript({ content: PAINT_WATCH(selectors) });
  const response = await page.goto(url, { waitUntil: "load" });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  const reading = (await page.evaluate(PAINT_READ)) as PaintReading;
  if (!reading.painted.visible) throw new Error(`${selectors.join(" and ")} rendered with an empty box`);
  return { ms: reading.painted.painted, details: { elements_found_ms: reading.painted.found, ...reading.nav } };
}

const CLICK_TIMING = (button: string, rows: string) => `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const button = document.querySelector(${JSON.stringify(button)});
  // The rows are read afresh each time: the page may reorder them in place or swap in a new table.
  const firstRows = () =>
    Array.from(document.querySelector(${JSON.stringify(rows)})?.children ?? [], (row) => row.textContent).slice(0, 20);
  if (!button || firstRows().length === 0) throw new Error("no ${button.replace(/"/g, "")} or ${rows.replace(/"/g, "")}");
  // A page at rest: nothing left over from the load is painted into the measured frames.
  await frame();
  await frame();
  const before = firstRows().join("|");
  performance.clearResourceTimings();
  const start = performance.now();
  const reordered = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (firstRows().join("|") === before) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error("the rows never changed order")), ${IN_PAGE_TIMEOUT_MS});
  });
  button.click();
  const handled = performance.now();
  const reorderedAt = await reordered;
  await frame();
  const nextFrame = performance.now();
  await frame();
  const fetches = performance.getEntriesByType("resource").filter((entry) => entry.initiatorType === "fetch");
  return {
    ms: performance.now() - start,
    details: {
      handler_ms: handled - start,
      fetch_ms: fetches.reduce((sum, entry) => sum + entry.duration, 0),
      reordered_ms: reorderedAt - start,
      next_frame_ms: nextFrame - start,
    },
  };
})()`;

/**
 * On a loaded page: the time from a click on `button` until the first rows of `rows` (the element whose children
 * are the rows) show another order and two animation frames passed, so the new order was painted. `handler_ms` is
 * the page's own click handler, `fetch_ms` what the page fetched meanwhile (the next view, when it asks the
 * server), `reordered_ms` when the rows changed in the document, and `next_frame_ms` the start of the frame that
 * renders them.
 */
export async function timeClickToReorder(page: Page, url: string, button: string, rows: string): Promise<PageRun> {
  const response = await page.goto(url, { waitUntil: "load" });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  await page.waitForSelector(button);
  return (await page.evaluate(CLICK_TIMING(button, rows))) as PageRun;
}
