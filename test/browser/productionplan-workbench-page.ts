import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { fixturesDir, ROOT } from "../../scripts/lib/paths";
import { WORKBENCH_PATH } from "../workbench-address-of";
import { collectConsoleErrors, newPage, type PageOptions } from "./browser";

export { addressOf, WORKBENCH_PATH } from "../workbench-address-of";

/**
 * The production-plan workbench as the browser tests read it, and what it should show worked out from the JSON API
 * alone: plans and curves POSTed here, formats written out (never the page's own formatting code), addresses built
 * from the documented parameters.
 */

export interface Plant {
  name: string;
  type: string;
  efficiency: number;
  pmin: number;
  pmax: number;
}
export interface Payload {
  load: number;
  fuels: { "gas(euro/MWh)": number; "kerosine(euro/MWh)": number; "co2(euro/ton)": number; "wind(%)": number };
  powerplants: Plant[];
  options: { co2: boolean; wind: "binary" | "curtailable" };
}
export interface Plan {
  load: number;
  total_cost: number;
  marginal_plant: { name: string; cost_per_mwh: number } | null;
  plan: Array<{ name: string; type: string; cost_per_mwh: number; p: number; cost: number }>;
}
export interface Curve {
  capacity: number;
  plants: Array<{ name: string; available: { min: number; max: number } | null }>;
  gaps: Array<{ from: number; to: number }>;
}
export interface Problem {
  detail: string;
  errors?: Array<{ pointer: string; detail: string }>;
  reason?: string;
  capacity?: number;
  nearest_feasible_loads?: { below: number; above?: number };
}

const DEFAULT_OPTIONS = { co2: true, wind: "binary" } as const;

/** One of our example fleets (data/productionplan), with the options the workbench gives it. */
export function examplePayload(file: string): Payload {
  return { ...JSON.parse(readFileSync(join(ROOT, "data", "productionplan", `${file}.json`), "utf8")), options: DEFAULT_OPTIONS };
}

/** The origin's example 3 (the shared fixture), the benchmark's payload. */
export function payload3(): Payload {
  const json = readFileSync(join(fixturesDir(), "productionplan", "payload3.json"), "utf8");
  return { ...JSON.parse(json), options: DEFAULT_OPTIONS };
}

export async function postJson<T>(base: string, path: string, body: unknown, status = 200): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(status);
  return (await response.json()) as T;
}

export const apiPlan = (base: string, payload: unknown) => postJson<Plan>(base, "/v1/productionplan", payload);
export const apiCurve = (base: string, { load: _load, ...rest }: Payload) => postJson<Curve>(base, "/v1/productionplan/curve", rest);

export const mw = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const money = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Console errors but Chromium's own line for each 422 of the plan routes: the API answers an invalid or infeasible
 * payload with 422 by contract, the page shows why, and Chromium logs every 4xx a script fetches as an error.
 */
export const unexpected = (errors: string[]): string[] =>
  errors.filter(
    (error) => !/^Failed to load resource: the server responded with a status of 422 .*\/v1\/productionplan(\/curve)?:0\)$/.test(error),
  );

/** The workbench in a fresh page, console errors collected from before the first byte. */
export async function openWorkbench(
  browser: Browser,
  base: string,
  path = WORKBENCH_PATH,
  options: PageOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, options);
  const errors = collectConsoleErrors(page);
  const response = await page.goto(`${base}${path}`);
  expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
  // The sliders show once the page's script has wired the form.
  await expect.poll(() => page.locator("input[type=range]").first().isVisible()).toBe(true);
  return { page, errors };
}

export const status = (page: Page): Locator => page.locator("#wb-status");

/** How many updates the page has put on screen so far (its `workbench-updated` marks). */
export const updates = (page: Page): Promise<number> => markCounts(page).then((counts) => counts["workbench-updated"]!);

/** How many of each of the workbench's performance marks the page has made. */
export function markCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const { performance } = globalThis as unknown as { performance: { getEntriesByName(name: string): unknown[] } };
    const names = ["workbench-change", "workbench-updated", "workbench-painted"];
    return Object.fromEntries(names.map((name) => [name, performance.getEntriesByName(name).length]));
  });
}

/** The element's inner HTML, by id (the chart containers). */
export const innerHtml = (page: Page, id: string): Promise<string> => page.locator(`#${id}`).evaluate((element) => element.innerHTML);

interface TextArea {
  value: string;
  selectionStart: number;
  ownerDocument: { activeElement: unknown };
  focus(): void;
  setSelectionRange(start: number, end: number): void;
  dispatchEvent(event: Event): boolean;
}

/** Whether the JSON view has the focus, and where its caret is. */
export const caretOf = (json: Locator): Promise<[boolean, number]> =>
  json.evaluate((element) => {
    const area = element as unknown as TextArea;
    return [area.ownerDocument.activeElement === area, area.selectionStart];
  });

/** Text pasted into the JSON view: the paste event, then the new text, as a browser delivers a paste. */
export const pasteInto = (json: Locator, text: string): Promise<void> =>
  json.evaluate((element, value) => {
    const area = element as unknown as TextArea;
    area.focus();
    area.dispatchEvent(new Event("paste"));
    area.value = value;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);

export const moveCaret = (json: Locator, offset: number): Promise<void> =>
  json.evaluate((element, at) => (element as unknown as TextArea).setSelectionRange(at, at), offset);

/** Waits until the page shows an update after `before` of them and says nothing is on its way. */
export async function settled(page: Page, before: number): Promise<void> {
  await expect.poll(() => updates(page), { message: "the page updates" }).toBeGreaterThan(before);
  await expect.poll(() => status(page).getAttribute("data-outcome")).not.toBe("updating");
}

/** Each plan row: the cells' text, and the exact figures of its `<data>` elements. */
export function planRows(page: Page): Promise<Array<{ cells: string[]; values: number[] }>> {
  return page.locator("#wb-plan-table tbody tr").evaluateAll((rows) =>
    rows.map((row) => ({
      cells: Array.from(row.querySelectorAll("th, td"), (cell) =>
        ((cell as { textContent: string | null }).textContent ?? "").replace(/\s+/g, " ").trim(),
      ),
      values: Array.from(row.querySelectorAll("data"), (data) =>
        Number((data as { getAttribute(name: string): string | null }).getAttribute("value")),
      ),
    })),
  );
}

const TYPE_WORDS: Record<string, string> = { gasfired: "Gas-fired", turbojet: "Turbojet", windturbine: "Wind turbine" };

/** The rows the plan table must show for the API's plan and curve. */
export function expectedRows(plan: Plan, curve: Curve): Array<{ cells: string[]; values: number[] }> {
  const available = new Map(curve.plants.map((plant) => [plant.name, plant.available]));
  return plan.plan.map((planned) => {
    // A plant that cannot run this hour (a turbine without wind) has no maximum.
    const max = available.get(planned.name)?.max ?? null;
    const tags = `${plan.marginal_plant?.name === planned.name ? " marginal" : ""}${planned.p === 0 ? " off" : ""}`;
    return {
      cells: [
        `${planned.name}${tags}`,
        TYPE_WORDS[planned.type]!,
        money(planned.cost_per_mwh),
        mw(planned.p),
        max === null ? "cannot run" : mw(max),
        money(planned.cost),
      ],
      values: max === null ? [planned.cost_per_mwh, planned.p, planned.cost] : [planned.cost_per_mwh, planned.p, max, planned.cost],
    };
  });
}

/** The page shows the API's plan of this payload: every row, the total and the marginal plant. */
export async function expectPlanOf(page: Page, base: string, payload: Payload): Promise<Plan> {
  const [plan, curve] = await Promise.all([apiPlan(base, payload), apiCurve(base, payload)]);
  expect(await planRows(page)).toEqual(expectedRows(plan, curve));
  const figures = page.locator("#wb-plan-figures");
  expect(await figures.locator("data").first().getAttribute("value")).toBe(String(plan.total_cost));
  expect(await figures.locator("[data-marginal-plant]").textContent()).toBe(plan.marginal_plant?.name);
  await expect.poll(() => status(page).textContent()).toMatch(new RegExp(`^Plan for ${plan.load.toLocaleString("en-US")} MW, computed in`));
  return plan;
}

/** The JSON view's text, parsed. */
export async function jsonView(page: Page): Promise<unknown> {
  return JSON.parse(await page.locator("#wb-json").inputValue());
}

/** The form's text fields, by their labels, as a person reads them. */
export const field = (page: Page, label: string | RegExp): Locator =>
  page.getByRole("textbox", { name: label, exact: typeof label === "string" });
