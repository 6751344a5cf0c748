import { describe, expect, it } from "vitest";
import gaps from "../../../data/productionplan/gaps.json";
import { DEFAULT_PRESET } from "../../../src/features/productionplan/dashboard/workbench-presets";
import { addressOf, WORKBENCH_PATH as PATH } from "../../workbench-address-of";
import { call, fixture, jsonInit, type ProblemJson } from "../helpers";
import { asBrowser, dataValues, expectSafePage, sectionById, textOf } from "../web/page-html";

/**
 * The production-plan workbench as the server renders it, against the JSON API: the same plan as
 * POST /v1/productionplan of the payload its address holds, the API's invalid fields at the form's fields (422), an
 * infeasible load explained with its nearest loads, plant names escaped, and the GET form's add and remove buttons.
 */

interface Plant {
  name: string;
  type: string;
  efficiency: number | string;
  pmin: number | string;
  pmax: number | string;
}
interface Payload {
  load: number | string;
  fuels: Record<string, number | string>;
  powerplants: Plant[];
  options?: { co2: boolean; wind: string };
}
interface Plan {
  load: number;
  total_cost: number;
  marginal_plant: { name: string; cost_per_mwh: number } | null;
  plan: Array<{ name: string; type: string; cost_per_mwh: number; p: number; cost: number }>;
}
interface Curve {
  capacity: number;
  plants: Array<{ name: string; available: { min: number; max: number } | null }>;
}

const payload1 = JSON.parse(fixture("productionplan/payload1.json")) as Payload;
const payload3 = JSON.parse(fixture("productionplan/payload3.json")) as Payload;

const decodeHtml = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

async function page(path: string): Promise<{ response: Response; html: string }> {
  const response = await call(path, asBrowser());
  const html = await response.text();
  return { response, html };
}

async function post<T>(path: string, body: unknown, status = 200): Promise<T> {
  const response = await call(path, jsonInit("POST", body));
  expect(response.status, path).toBe(status);
  return (await response.json()) as T;
}

const apiPlan = (payload: Payload) => post<Plan>("/v1/productionplan", payload);
const apiCurve = ({ load: _load, ...rest }: Payload) => post<Curve>("/v1/productionplan/curve", rest);

// Formatted here, independently of the page: MW to a tenth, prices and money to the cent, grouped by thousands.
const fixed = (digits: number) => (value: number) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mw = fixed(1);
const money = fixed(2);

/** Each plan row's cells, as text: plant (with its tags), type, €/MWh, p, available max, cost. */
function planRows(html: string): Array<{ name: string; cells: string[]; values: number[] }> {
  const table = sectionById(html, "wb-plan-table");
  const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
  return [...body.matchAll(/<tr data-plant="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => ({
    name: decodeHtml(row[1]!),
    cells: [...row[2]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decodeHtml(textOf(cell[1]!))),
    values: dataValues(row[2]!),
  }));
}

const TYPE_WORDS: Record<string, string> = { gasfired: "Gas-fired", turbojet: "Turbojet", windturbine: "Wind turbine" };

/** The page's plan is the API's: every plant in the API's order, each figure exact in `<data>` and printed as above. */
async function expectSamePlan(html: string, payload: Payload): Promise<void> {
  const [plan, curve] = await Promise.all([apiPlan(payload), apiCurve(payload)]);
  const available = new Map(curve.plants.map((plant) => [plant.name, plant.available]));
  const rows = planRows(html);
  expect(rows.map((row) => row.name)).toEqual(plan.plan.map((planned) => planned.name));
  plan.plan.forEach((planned, i) => {
    const row = rows[i]!;
    const max = available.get(planned.name)!.max;
    const tags = `${plan.marginal_plant?.name === planned.name ? " marginal" : ""}${planned.p === 0 ? " off" : ""}`;
    expect(row.cells).toEqual([
      `${planned.name}${tags}`,
      TYPE_WORDS[planned.type],
      money(planned.cost_per_mwh),
      mw(planned.p),
      mw(max),
      money(planned.cost),
    ]);
    expect(row.values).toEqual([planned.cost_per_mwh, planned.p, max, planned.cost]);
  });
  const figures = sectionById(html, "wb-plan-figures");
  expect(dataValues(figures)).toEqual([plan.total_cost, plan.marginal_plant!.cost_per_mwh]);
  expect(textOf(figures)).toContain(`Marginal plant ${plan.marginal_plant!.name}`);
  expect(textOf(sectionById(html, "wb-status"))).toMatch(new RegExp(`^Plan for ${mw(plan.load).replace(".0", "")} MW, computed in`));
}

/** The value attribute of the control with this id. */
function inputValueOf(html: string, id: string): string {
  const tag = new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  expect(tag, `#${id}`).toBeDefined();
  return decodeHtml(/\bvalue="([^"]*)"/.exec(tag!)?.[1] ?? "");
}

/** The JSON view's text, parsed. */
function jsonViewOf(html: string): unknown {
  const text = /<textarea[^>]*id="wb-json"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
  expect(text, "the JSON view").toBeDefined();
  return JSON.parse(decodeHtml(text!));
}

describe("GET /dashboards/productionplan", () => {
  it("without a query shows the default example fleet and the same plan as POST /v1/productionplan", async () => {
    const preset = DEFAULT_PRESET.payload as Payload;
    const { response, html } = await page(PATH);
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(response.headers.get("ETag")).toBeTruthy();
    await expectSamePlan(html, preset);
    expect(jsonViewOf(html)).toEqual(preset);
    expect(inputValueOf(html, "wb-load")).toBe(String(preset.load));
    expect(inputValueOf(html, "wb-fuel-gas")).toBe(String(preset.fuels["gas(euro/MWh)"]));
    expect(inputValueOf(html, "wb-plant-2-name")).toBe(preset.powerplants[2]!.name);
    // The example is marked as the one shown, and its link is the address of its payload.
    const href = addressOf(preset).replaceAll("&", "&amp;");
    expect(html).toContain(`href="${href}" data-preset="${DEFAULT_PRESET.id}" aria-current="true"`);
    for (const id of ["wb-merit-order", "wb-output-bars", "wb-cost-curve"]) expect(sectionById(html, id)).toMatch(/<svg/);
  });

  it("renders the payload its address holds, options included, and reads it back into the form and the JSON view", async () => {
    const payload: Payload = { ...payload1, load: 333.3, options: { co2: false, wind: "curtailable" } };
    const { response, html } = await page(addressOf(payload));
    expect(response.status).toBe(200);
    await expectSamePlan(html, payload);
    expect(jsonViewOf(html)).toEqual(payload);
    expect(inputValueOf(html, "wb-load")).toBe("333.3");
    expect(html).toMatch(/<input type="radio" name="co2_cost" value="ignored" checked/);
    expect(html).toMatch(/<input type="radio" name="wind_mode" value="curtailable" checked/);
    payload.powerplants.forEach((plant, i) => {
      expect(inputValueOf(html, `wb-plant-${i}-name`)).toBe(plant.name);
      expect(inputValueOf(html, `wb-plant-${i}-pmax`)).toBe(String(plant.pmax));
    });
    expect(html).not.toMatch(/aria-current="true"/);
  });

  it("answers 422 with each invalid field marked where the API's pointer names it", async () => {
    const payload: Payload = {
      ...payload3,
      load: 12.34,
      fuels: { ...payload3.fuels, "gas(euro/MWh)": "cheap" },
      powerplants: payload3.powerplants.map((plant, i) =>
        i === 1 ? { ...plant, efficiency: "x" } : i === 2 ? { ...plant, pmin: 500 } : plant,
      ),
    };
    const problem = await post<ProblemJson>("/v1/productionplan", payload, 422);
    const pointers = problem.errors!.map((error) => error.pointer).sort();
    expect(pointers).toEqual(["/fuels/gas(euro~1MWh)", "/load", "/powerplants/1/efficiency", "/powerplants/2/pmin"]);

    const { response, html } = await page(addressOf(payload));
    expect(response.status).toBe(422);
    expectSafePage(response, html);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const ids: Record<string, string> = {
      "/load": "wb-load",
      "/fuels/gas(euro~1MWh)": "wb-fuel-gas",
      "/powerplants/1/efficiency": "wb-plant-1-efficiency",
      "/powerplants/2/pmin": "wb-plant-2-pmin",
    };
    for (const error of problem.errors!) {
      const id = ids[error.pointer]!;
      expect(html).toMatch(new RegExp(`<input[^>]*id="${id}"[^>]*aria-invalid="true" aria-describedby="${id}-error"`));
      expect(decodeHtml(textOf(sectionById(html, `${id}-error`)))).toBe(error.detail);
    }
    // The text as typed stays in its field, and the summary lists every pointer with a link to its field.
    expect(inputValueOf(html, "wb-fuel-gas")).toBe("cheap");
    expect(inputValueOf(html, "wb-plant-1-efficiency")).toBe("x");
    const summary = sectionById(html, "wb-error-summary");
    for (const [pointer, id] of Object.entries(ids)) expect(summary).toContain(`<a href="#${id}">${pointer}</a>`);
    expect(textOf(sectionById(html, "wb-status"))).toBe("Fix the marked fields");
    expect(html).not.toMatch(/id="wb-plan-table"/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(4);
  });

  it("explains an infeasible load with the API's reason, capacity and nearest loads, as links that set the load", async () => {
    // A load in the fleet's first gap, found from the curve so the test does not depend on the example's load.
    const curve = await post<Curve & { gaps: Array<{ from: number; to: number }> }>("/v1/productionplan/curve", {
      ...gaps,
      load: undefined,
    });
    const gap = curve.gaps[0]!;
    const payload: Payload = { ...gaps, load: Math.round((gap.from + gap.to) * 5) / 10 };
    const problem = await post<ProblemJson>("/v1/productionplan", payload, 422);
    const nearest = problem.nearest_feasible_loads as { below: number; above: number };
    const { response, html } = await page(addressOf(payload));
    expect(response.status).toBe(200);
    const explanation = sectionById(html, "wb-infeasible");
    expect(textOf(explanation)).toContain(`Reason ${problem.reason}`);
    expect(textOf(explanation)).toContain(String(problem.detail).slice(1));
    expect(dataValues(explanation)).toEqual([problem.capacity]);
    for (const [side, load] of Object.entries(nearest)) {
      const link = new RegExp(`<a class="button" href="([^"]*)" data-set-load="${load}">Plan ${mw(load)} MW <span[^>]*>\\(${side}\\)`);
      const href = decodeHtml(link.exec(explanation)?.[1] ?? "");
      expect(href, `the ${side} link`).toBe(addressOf({ ...payload, load }));
      const next = await page(href);
      expect(planRows(next.html).reduce((sum, row) => sum + Math.round(row.values[1]! * 10), 0)).toBe(Math.round(load * 10));
    }
    expect(textOf(sectionById(html, "wb-status"))).toMatch(new RegExp(`^No plan makes exactly ${payload.load} MW`));
  });

  it("escapes plant names everywhere it shows them", async () => {
    const name = `<img src=x onerror="alert(1)"> & 'q'`;
    const payload: Payload = { ...payload3, powerplants: payload3.powerplants.map((plant, i) => (i === 0 ? { ...plant, name } : plant)) };
    const { response, html } = await page(addressOf(payload));
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(html).not.toContain("<img src=x");
    expect(inputValueOf(html, "wb-plant-0-name")).toBe(name);
    expect(planRows(html).map((row) => row.name)).toContain(name);
    expect((jsonViewOf(html) as Payload).powerplants[0]!.name).toBe(name);
  });

  it("answers the form's add and remove buttons with the edited address, for a browser without the page's script", async () => {
    const address = addressOf(payload3);
    const added = await call(`${address}&add=plant`, asBrowser({ redirect: "manual" }));
    expect(added.status).toBe(303);
    const withNew = new URL(added.headers.get("Location")!, "https://energy-edge.test").searchParams;
    expect(withNew.getAll("name")).toEqual([...payload3.powerplants.map((plant) => plant.name), "plant7"]);
    expect(withNew.has("add")).toBe(false);

    const removed = await call(`${address}&remove=0`, asBrowser({ redirect: "manual" }));
    expect(removed.status).toBe(303);
    const without = new URL(removed.headers.get("Location")!, "https://energy-edge.test").searchParams;
    expect(without.getAll("name")).toEqual(payload3.powerplants.slice(1).map((plant) => plant.name));
    expect(without.getAll("pmax")).toEqual(payload3.powerplants.slice(1).map((plant) => String(plant.pmax)));
  });
});
