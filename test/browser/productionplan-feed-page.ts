import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { fixturesDir } from "../../scripts/lib/paths";
import type { V1Payload } from "../../src/features/productionplan/productionplan.schemas";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";

/**
 * The production-plan feed page as the browser tests read it, and the plans they compute for it: POSTed with curl,
 * as any client of the service would, with what the page should show worked out from curl's answer here (formats
 * written out, not the product's own formatting code).
 */

export const FEED_PATH = "/dashboards/productionplan/feed";
export const WORKBENCH_PATH = "/dashboards/productionplan";

export type OriginPayload = Omit<V1Payload, "options">;
export type PlantOutput = { name: string; p: number };
export type V1Answer = {
  load: number;
  total_cost: number;
  marginal_plant: { name: string; cost_per_mwh: number } | null;
  plan: PlantOutput[];
};

/** The origin's example 3 (6 plants, 910 MWh; the shared fixture), one plant named after `tag` so the test knows its own plans. */
export function taggedPayload3(tag: string): OriginPayload {
  const payload = JSON.parse(readFileSync(join(fixturesDir(), "productionplan", "payload3.json"), "utf8")) as OriginPayload;
  payload.powerplants[5]!.name = `windpark <b>${tag}</b>`;
  return payload;
}

export const mw = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const euros = (value: number) => `€${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const run = promisify(execFile);

/** POSTs a payload with curl (from a file, as a person would); the answer must be 200. */
export async function curlPost<T>(base: string, route: string, payload: unknown): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "plan-feed-"));
  try {
    const file = join(dir, "payload.json");
    writeFileSync(file, JSON.stringify(payload));
    const args = ["-sS", "-X", "POST", "-H", "Content-Type: application/json", "--data", `@${file}`, "-w", "\n%{http_code}"];
    const { stdout } = await run("/usr/bin/curl", [...args, `${base}${route}`]);
    const cut = stdout.lastIndexOf("\n");
    expect(stdout.slice(cut + 1), `${route}: ${stdout.slice(0, cut)}`).toBe("200");
    return JSON.parse(stdout.slice(0, cut)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The feed page in a fresh page, console errors collected from before the first byte. */
export async function openFeedPage(browser: Browser, base: string, options: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${FEED_PATH}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
  return { page, errors };
}

export const liveStatus = (page: Page) => page.locator("[data-live-status]");

export async function expectLive(page: Page): Promise<void> {
  await expect
    .poll(() => liveStatus(page).getAttribute("data-state"), { timeout: 10_000, message: "the page says it is live" })
    .toBe("live");
  expect(((await liveStatus(page).textContent()) ?? "").trim()).toBe("Live: new plans appear at the top as they are computed.");
}

/** The page's entries, newest first; `tag` keeps only this test's plans (other tests may compute plans meanwhile). */
export const entries = (page: Page, tag?: string): Locator => {
  const all = page.locator("#plan-list > li[data-plan-entry]");
  return tag ? all.filter({ hasText: `<b>${tag}</b>` }) : all;
};

export interface ShownEntry {
  title: string;
  load: string;
  totalCost: string;
  marginal: string;
  running: string;
  plants: Array<[string, string]>;
  href: string | null;
}

export async function readEntry(entry: Locator): Promise<ShownEntry> {
  const text = async (selector: string) => ((await entry.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  const plants = await entry
    .locator(".plan-plants > li")
    .evaluateAll((items) =>
      items.map((item) => [item.querySelector(".plan-plant-name")?.textContent ?? "", item.querySelector("data")?.textContent ?? ""]),
    );
  return {
    title: await text("h3"),
    load: await text('[data-figure="load"]'),
    totalCost: await text('[data-figure="total-cost"]'),
    marginal: await text('[data-figure="marginal"]'),
    running: await text('[data-figure="running"]'),
    plants: plants as Array<[string, string]>,
    href: await entry.getByRole("link", { name: /^Open in the workbench/ }).getAttribute("href"),
  };
}

/**
 * Computes plans of `payload` at loads 910, 900, 890, … every ~500 ms until one is listed: the service reads the
 * feed's subscriber count at most once a second, so the first plans after the page connects may not be sent. Returns
 * the last payload POSTed and its answer, once the page's newest entry of `tag` is that one.
 */
export async function computeUntilListed<T>(
  page: Page,
  base: string,
  route: "/productionplan" | "/v1/productionplan",
  payload: OriginPayload | V1Payload,
  tag: string,
): Promise<{ payload: typeof payload; answer: T }> {
  const before = await entries(page, tag).count();
  const deadline = Date.now() + 15_000;
  for (let step = 0; ; step++) {
    const sent = { ...payload, load: payload.load - 10 * step };
    const answer = await curlPost<T>(base, route, sent);
    const listed = await entries(page, tag)
      .nth(before)
      .waitFor({ timeout: 500 })
      .then(() => true)
      .catch(() => false);
    if (listed) {
      await expect.poll(async () => (await readEntry(entries(page, tag).first())).load, { timeout: 5_000 }).toBe(`${mw(sent.load)} MW`);
      return { payload: sent, answer };
    }
    if (Date.now() > deadline) throw new Error(`no plan of ${route} listed on the feed page within 15 s`);
  }
}
