import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from "./browser";
import {
  addressOf,
  apiCurve,
  caretOf,
  examplePayload,
  expectPlanOf,
  field,
  innerHtml,
  jsonView,
  markCounts,
  moveCaret,
  mw,
  openWorkbench,
  type Payload,
  type Problem,
  pasteInto,
  payload3,
  planRows,
  postJson,
  settled,
  status,
  unexpected,
  updates,
  WORKBENCH_PATH,
} from "./productionplan-workbench-page";
import { useLocalSystemBrowser } from "./shared-system";

/** Wider than the viewport means a phone would scroll the whole page sideways (a table may scroll in its own box). */
const pageWidth = (page: Page): Promise<number> => page.locator("html").evaluate((html) => html.scrollWidth);

const chartsHtml = (page: Page) => Promise.all(["wb-merit-order", "wb-output-bars", "wb-cost-curve"].map((id) => innerHtml(page, id)));

/**
 * The workbench as a person uses it, against the JSON API: presets and sliders recompute the plan the API computes,
 * an infeasible load offers the loads that work, invalid JSON and invalid fields are shown where they are, the
 * address reopens the payload, the form works from the keyboard, and the page passes axe in light, dark and at 390 px.
 */
describe("production-plan workbench /dashboards/productionplan", () => {
  let url: string;
  let browser: Browser;

  useLocalSystemBrowser((session) => {
    ({ url, browser } = session);
  });

  it("an example fleet gives the same plan as the API, in place, with its address and JSON", async () => {
    const { page, errors } = await openWorkbench(browser, url);
    await expectPlanOf(page, url, examplePayload("mixed-fleet"));
    const calm = examplePayload("calm-evening");
    const before = await updates(page);
    await page.getByRole("link", { name: /Calm evening/ }).click();
    await settled(page, before);
    await expectPlanOf(page, url, calm);
    expect(await page.getByRole("link", { name: /Calm evening/ }).getAttribute("aria-current")).toBe("true");
    expect(await jsonView(page)).toEqual(calm);
    expect(await field(page, "Plant 1 name").inputValue()).toBe(calm.powerplants[0]!.name);
    await expect.poll(() => new URL(page.url()).search).toBe(new URL(addressOf(calm), url).search);
    expect(unexpected(errors)).toEqual([]);
  });

  it("moving the gas price slider changes the plan and the charts to the API's plan of the new price", async () => {
    const payload = payload3();
    const { page, errors } = await openWorkbench(browser, url, addressOf(payload));
    await expectPlanOf(page, url, payload);
    const chartsBefore = await chartsHtml(page);
    const before = await updates(page);
    const slider = page.getByRole("slider", { name: "Gas price (€/MWh)" });
    await slider.focus();
    await page.keyboard.press("End");
    await settled(page, before);
    const dearGas = { ...payload, fuels: { ...payload.fuels, "gas(euro/MWh)": 150 } };
    expect(await field(page, "Gas price (€/MWh)").inputValue()).toBe("150");
    await expectPlanOf(page, url, dearGas);
    const chartsAfter = await chartsHtml(page);
    for (const [i, html] of chartsAfter.entries()) expect(html, "each chart is redrawn").not.toBe(chartsBefore[i]);
    // Every update is marked for the benchmark: a change, then the plan in the DOM, then painted.
    await expect.poll(async () => Object.values(await markCounts(page)).every((count) => count > 0)).toBe(true);
    expect(unexpected(errors)).toEqual([]);
  });

  it("a load in a gap shows the API's reason and nearest loads; choosing one plans exactly that load", async () => {
    const gaps = examplePayload("gaps");
    const gap = (await apiCurve(url, gaps)).gaps[0]!;
    const load = Math.round((gap.from + gap.to) * 5) / 10;
    const problem = await postJson<Problem>(url, "/v1/productionplan", { ...gaps, load }, 422);
    const { page, errors } = await openWorkbench(browser, url, addressOf(gaps));
    const before = await updates(page);
    await field(page, /^Load/).fill(String(load));
    await settled(page, before);
    expect(await status(page).textContent()).toMatch(new RegExp(`^No plan makes exactly ${load} MW`));
    const explanation = page.locator("#wb-infeasible");
    expect(await explanation.locator("[data-reason]").textContent()).toBe(problem.reason);
    expect(await explanation.locator("data").getAttribute("value")).toBe(String(problem.capacity));
    const { below, above } = problem.nearest_feasible_loads!;
    const choices = explanation.getByRole("link", { name: /^Plan / });
    expect(await choices.allTextContents()).toEqual([`Plan ${mw(below)} MW (below)`, `Plan ${mw(above!)} MW (above)`]);
    expect(await checkAccessibility(page)).toEqual([]);

    const next = await updates(page);
    await explanation.getByRole("link", { name: `Plan ${mw(above!)} MW (above)` }).click();
    await settled(page, next);
    await expectPlanOf(page, url, { ...gaps, load: above! });
    expect(await field(page, /^Load/).inputValue()).toBe(String(above));
    const produced = (await planRows(page)).reduce((sum, row) => sum + Math.round(row.values[1]! * 10), 0);
    expect(produced).toBe(Math.round(above! * 10));
    await expect.poll(() => new URL(page.url()).searchParams.get("load")).toBe(String(above));
    expect(unexpected(errors)).toEqual([]);
  });

  it("shows a JSON syntax error at its line and column, with the caret there when the text was pasted or opened", async () => {
    const { page, errors } = await openWorkbench(browser, url);
    const text = '{\n  "load": 780\n  "fuels": {}\n}';
    const offset = text.indexOf('"fuels"');
    const json = page.locator("#wb-json");
    // Pasted: the caret goes straight to the error.
    await pasteInto(json, text);
    const error = page.locator("#wb-json-error");
    await expect.poll(() => error.textContent()).toMatch(/^Not JSON at line 3, column 3: /);
    expect(await status(page).textContent()).toBe("Fix the JSON: line 3, column 3");
    expect(await json.getAttribute("aria-invalid")).toBe("true");
    expect(await caretOf(json)).toEqual([true, offset]);

    // Typed: the caret stays where the person types; a button takes it to the error.
    await moveCaret(json, 0);
    await json.press("End");
    await expect.poll(() => error.getByRole("button", { name: "Go to line 3, column 3" }).count()).toBe(1);
    await error.getByRole("button", { name: "Go to line 3, column 3" }).click();
    expect(await caretOf(json)).toEqual([true, offset]);

    // Opened from a file: the same.
    const broken = '{\n  "load": 1,,\n}';
    await page.locator("#wb-json-file").setInputFiles({ name: "fleet.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    await expect.poll(() => error.textContent()).toMatch(/^Not JSON at line 2, column 13: /);
    expect(await caretOf(json)).toEqual([true, broken.indexOf(",,") + 1]);
    expect(unexpected(errors)).toEqual([]);
  });

  it("shows an invalid field at the field the API's pointer names, from the form and from the JSON view", async () => {
    const payload = payload3();
    const { page, errors } = await openWorkbench(browser, url, addressOf(payload));
    let before = await updates(page);
    await field(page, "Plant 2 efficiency").fill("1.5");
    await settled(page, before);
    const tooEfficient = {
      ...payload,
      powerplants: payload.powerplants.map((plant, i) => (i === 1 ? { ...plant, efficiency: 1.5 } : plant)),
    };
    const problem = await postJson<Problem>(url, "/v1/productionplan", tooEfficient, 422);
    expect(problem.errors!.map((error) => error.pointer)).toEqual(["/powerplants/1/efficiency"]);
    expect(await status(page).textContent()).toBe("Fix the marked fields");
    const efficiency = field(page, "Plant 2 efficiency");
    expect(await efficiency.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await efficiency.getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(problem.errors![0]!.detail);
    expect(await page.locator("#wb-error-summary").getByRole("link", { name: "/powerplants/1/efficiency" }).getAttribute("href")).toBe(
      "#wb-plant-1-efficiency",
    );
    // Fixed from the JSON view instead: the mark goes, a new invalid field there is marked in the form.
    const edited = {
      ...tooEfficient,
      powerplants: tooEfficient.powerplants.map((plant, i) => (i === 1 ? { ...plant, efficiency: 0.5 } : plant)),
    };
    edited.powerplants[3] = { ...edited.powerplants[3]!, pmin: 20, pmax: 10 };
    before = await updates(page);
    await page.locator("#wb-json").fill(JSON.stringify(edited, null, 2));
    await settled(page, before);
    expect(await efficiency.getAttribute("aria-invalid")).toBeNull();
    expect(await efficiency.inputValue()).toBe("0.5");
    const pminProblem = await postJson<Problem>(url, "/v1/productionplan", edited, 422);
    const pmin = field(page, "Plant 4 pmin (MW)");
    expect(await pmin.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await pmin.getAttribute("aria-describedby")}`).textContent()).toBe(pminProblem.errors![0]!.detail);
    expect(await page.locator("[aria-invalid=true]").count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
  });

  it("keeps the state in the address: the URL reopens the same payload and plan", async () => {
    const { page, errors } = await openWorkbench(browser, url);
    let before = await updates(page);
    await page.getByRole("radio", { name: /Curtailable/ }).check();
    await settled(page, before);
    before = await updates(page);
    await field(page, "Wind (% of pmax)").fill("37.5");
    await settled(page, before);
    before = await updates(page);
    await field(page, /^Load/).fill("612.3");
    await settled(page, before);
    await expect.poll(() => new URL(page.url()).searchParams.get("load")).toBe("612.3");
    const shown = { json: await jsonView(page), rows: await planRows(page) };
    const payload = shown.json as Payload;
    expect(payload.options.wind).toBe("curtailable");
    expect(payload.fuels["wind(%)"]).toBe(37.5);

    const reopened = await openWorkbench(browser, url, page.url().slice(url.length));
    expect(await jsonView(reopened.page)).toEqual(shown.json);
    expect(await planRows(reopened.page)).toEqual(shown.rows);
    await expectPlanOf(reopened.page, url, payload);
    expect(await reopened.page.getByRole("radio", { name: /Curtailable/ }).isChecked()).toBe(true);
    expect(unexpected([...errors, ...reopened.errors])).toEqual([]);
  });

  it("works from the keyboard: Enter plans, arrows move a slider, plants are added and removed", async () => {
    const { page, errors } = await openWorkbench(browser, url);
    const payload = examplePayload("mixed-fleet");
    let before = await updates(page);
    await field(page, /^Load/).focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("500");
    await page.keyboard.press("Enter");
    await settled(page, before);
    expect(new URL(page.url()).pathname).toBe(WORKBENCH_PATH);
    await expectPlanOf(page, url, { ...payload, load: 500 });

    // Tab from "Plan it" reaches the gas slider; three steps right are three tenths.
    await page.getByRole("button", { name: "Plan it" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").getAttribute("aria-labelledby")).toBe("wb-fuel-gas-label");
    before = await updates(page);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await settled(page, before);
    await expect.poll(() => field(page, "Gas price (€/MWh)").inputValue()).toBe("14.5");
    await expect.poll(() => jsonView(page)).toMatchObject({ fuels: { "gas(euro/MWh)": 14.5 } });

    // A plant added from the keyboard takes the focus in its name field, and removing it gives the focus back.
    const plants = payload.powerplants.length;
    before = await updates(page);
    await page.getByRole("button", { name: "Add a plant" }).focus();
    await page.keyboard.press("Enter");
    await settled(page, before);
    const added = field(page, `Plant ${plants + 1} name`);
    expect(await page.locator(":focus").getAttribute("id")).toBe(await added.getAttribute("id"));
    expect(await added.inputValue()).toBe(`plant${plants + 1}`);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("peaker-3");
    await expect
      .poll(() => jsonView(page))
      .toMatchObject({ powerplants: expect.arrayContaining([expect.objectContaining({ name: "peaker-3" })]) });
    before = await updates(page);
    await page.getByRole("button", { name: `Remove plant ${plants + 1}` }).focus();
    await page.keyboard.press("Space");
    await settled(page, before);
    expect(await page.locator("[data-plant-row]").count()).toBe(plants);
    expect(await page.locator(":focus").textContent()).toBe("Add a plant");
    expect(((await jsonView(page)) as Payload).powerplants).toEqual(payload.powerplants);
    expect(unexpected(errors)).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation in ${colorScheme}, valid or with a field marked invalid`, async () => {
      const { page, errors } = await openWorkbench(browser, url, WORKBENCH_PATH, { colorScheme });
      await page.mouse.move(0, 0);
      await screenshot(page, `productionplan-workbench-${colorScheme}`);
      expect(await checkAccessibility(page)).toEqual([]);
      const before = await updates(page);
      await field(page, "Plant 1 pmax (MW)").fill("lots");
      await settled(page, before);
      expect(await checkAccessibility(page)).toEqual([]);
      expect(unexpected(errors)).toEqual([]);
    });
  }

  it("fits a 390 px wide phone without scrolling sideways", async () => {
    const { page, errors } = await openWorkbench(browser, url, WORKBENCH_PATH, { width: 390 });
    await screenshot(page, "productionplan-workbench-390");
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    // The form comes before the plan.
    const top = (selector: string) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().top);
    expect(await top("#workbench-form")).toBeLessThan(await top("#wb-plan-output"));
    expect(await checkAccessibility(page)).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
  });

  it("without JavaScript, is a GET form whose submit is the server-rendered plan of the new address", async () => {
    const { page, errors } = await openWithoutScript(browser, url);
    await page.getByLabel(/^Load/).fill("640");
    await page.getByRole("button", { name: "Plan it" }).click();
    await page.waitForURL(/load=640/);
    await expectPlanOf(page, url, { ...examplePayload("mixed-fleet"), load: 640 });
    await page.getByRole("button", { name: "Remove plant 1" }).click();
    await page.waitForURL((address) => !address.searchParams.getAll("name").includes(examplePayload("mixed-fleet").powerplants[0]!.name));
    expect(await page.locator("[data-plant-row]").count()).toBe(examplePayload("mixed-fleet").powerplants.length - 1);
    expect(unexpected(errors)).toEqual([]);
  });
});

/** The workbench as a browser with JavaScript off shows it. */
async function openWithoutScript(browser: Browser, base: string): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const errors = collectConsoleErrors(page);
  await page.goto(`${base}${WORKBENCH_PATH}`);
  return { page, errors };
}
