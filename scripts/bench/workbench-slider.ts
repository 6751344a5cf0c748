/**
 * The production-plan workbench timed in headless Chromium: from a step of the gas price slider (the page's
 * `workbench-change` mark) to the frame that shows the new plan and charts (`workbench-painted`, set after the next
 * animation frame once both answers are in the DOM): issue 15's "slider change to updated plan and chart on screen".
 * Each run is a fresh page of payload3 and ten steps of the slider, as a person moves it. In-page code is a string
 * for the reason page-bench.ts gives.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { workbenchQuery } from "../../src/features/productionplan/dashboard/workbench-address";
import type { V1Payload } from "../../src/features/productionplan/productionplan.schemas";
import { fixturesDir } from "../lib/paths";
import type { PageBenchmark, PageRun } from "./registry";

/** Steps of the slider per fresh page: the "median of 10". */
const STEPS = 10;

/** The time from the latest `workbench-change` to the first `workbench-painted` after it, with what it was made of. */
const STEP_TIMING = `(async () => {
  const deadline = performance.now() + 20000;
  for (;;) {
    const changes = performance.getEntriesByName("workbench-change");
    const change = changes[changes.length - 1];
    const painted = change && performance.getEntriesByName("workbench-painted").find((mark) => mark.startTime > change.startTime);
    if (painted) {
      const updated = performance.getEntriesByName("workbench-updated").find((mark) => mark.startTime > change.startTime);
      const requests = performance.getEntriesByType("resource").filter((entry) => entry.startTime > change.startTime);
      const plan = requests.find((entry) => entry.name.endsWith("/v1/productionplan"));
      const curve = requests.find((entry) => entry.name.endsWith("/v1/productionplan/curve"));
      return {
        painted: painted.startTime - change.startTime,
        inDom: updated.startTime - change.startTime,
        plan: plan ? plan.duration : -1,
        curve: curve ? curve.duration : -1,
      };
    }
    if (performance.now() > deadline) throw new Error("the slider step never reached the screen");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})()`;

interface Step {
  painted: number;
  inDom: number;
  plan: number;
  curve: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
}

function payload3Path(): string {
  const path = join(fixturesDir(), "productionplan", "payload3.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: the workbench benchmark opens the origin's payload3 (set FIXTURES_DIR)`);
  const payload = { ...JSON.parse(readFileSync(path, "utf8")), options: { co2: true, wind: "binary" } } as V1Payload;
  return `/dashboards/productionplan?${workbenchQuery(payload)}`;
}

/**
 * One fresh page, then STEPS steps of the gas price slider to the right, each timed from the change to its frame on
 * screen before the next; the run's figure is their median, the first step (cold page) is reported beside it.
 */
async function timeSliderSteps(page: Page, url: string): Promise<PageRun> {
  const response = await page.goto(url, { waitUntil: "load" });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  const slider = page.getByRole("slider", { name: "Gas price (€/MWh)" });
  // The slider shows once the page's script has wired the form.
  await slider.waitFor({ state: "visible" });
  await slider.focus();
  const steps: Step[] = [];
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press("ArrowRight");
    steps.push((await page.evaluate(STEP_TIMING)) as Step);
  }
  const of = (pick: (step: Step) => number) => Math.round(median(steps.map(pick)) * 10) / 10;
  return {
    ms: of((step) => step.painted),
    details: {
      first_step_ms: Math.round(steps[0]!.painted * 10) / 10,
      slowest_step_ms: Math.round(Math.max(...steps.map((step) => step.painted)) * 10) / 10,
      in_dom_ms: of((step) => step.inDom),
      plan_request_ms: of((step) => step.plan),
      curve_request_ms: of((step) => step.curve),
    },
  };
}

export const workbenchPages: PageBenchmark[] = [
  {
    name: "productionplan: workbench of payload3, 10 gas slider steps, each to the new plan and charts on screen",
    service: "productionplan",
    get path() {
      return payload3Path();
    },
    runs: 3,
    measure: timeSliderSteps,
    target: {
      maxMedianMs: 150,
      description: "issue 15: ≤ 150 ms from a slider change to the plan and charts on screen, median of 10 steps (3 fresh pages)",
    },
  },
];
