import { describe, expect, it } from "vitest";
import { CostCurveChart } from "./cost-curve-chart";
import { MeritOrderChart } from "./merit-order-chart";
import { OutputBars } from "./output-bars";
import { PAYLOAD3_PLAN, payload3Curve, syntheticCurve } from "./plan-chart-fixtures";

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

/** What every chart must be, whatever it draws: no inline style (the CSP), a figure with a caption, a named image. */
function expectAccessibleFigure(html: string) {
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).toMatch(/^<figure[^>]*>\s*<figcaption>/);
  expect(count(html, /<svg[^>]*role="img"/g)).toBeGreaterThan(0);
  for (const svg of html.match(/<svg[^>]*role="img"[^>]*>/g) ?? []) expect(svg).toMatch(/aria-label="[^"]{20,}"/);
}

describe("the merit-order chart as HTML", () => {
  const html = String(MeritOrderChart({ curve: payload3Curve(), plan: PAYLOAD3_PLAN, load: 910, idPrefix: "m1" }));

  it("is an accessible figure with a step and a tooltip per plant that can run, and the load", () => {
    expectAccessibleFigure(html);
    expect(count(html, /<g class="pp-step"/g)).toBe(6);
    expect(html).toContain("<title>3. gasfiredbig1 (gasfired): 31.28 €/MWh; available 100.0–460.0 MW");
    expect(html).toContain("Load 910.0 MW · marginal 31.28 €/MWh");
    expect(html).toContain("Cannot run this hour: windpark3.");
  });

  it("shades the four running plants and hatches below the minimum with patterns of its own prefix", () => {
    expect(count(html, /<rect class="pp-dispatched"/g) - 1).toBe(4);
    expect(html).toContain('<pattern id="m1-min-idle"');
    expect(html).toContain('fill="url(#m1-min-run)"');
    expect(html).not.toContain("pp-merit-min");
  });

  it("gives its figures as a table, with the plant that cannot run", () => {
    expect(html).toContain("<summary>Merit order as a table</summary>");
    expect(html).toMatch(/<th scope="row">windpark3<\/th><td class="num">0.00<\/td><td class="num">cannot run<\/td>/);
    expect(html).toMatch(/<th scope="row">gasfiredbig2<\/th>.*?338.4 \(marginal\)/);
  });

  it("shades nothing without a plan and says why", () => {
    const none = String(MeritOrderChart({ curve: payload3Curve(), plan: null, load: 2_000 }));
    expect(count(none, /<rect class="pp-dispatched"/g)).toBe(1);
    expect(none).toContain("Load 2,000.0 MW, off the scale: no plan");
    expect(none).toContain('id="pp-merit-min-idle"');
  });
});

describe("the output bars as HTML", () => {
  it("give each plant its figures beside its bar, and a plant that cannot run says so", () => {
    const html = String(OutputBars({ curve: payload3Curve(), plan: PAYLOAD3_PLAN }));
    expectAccessibleFigure(html);
    expect(html).toContain("460.0 / 460.0 MW");
    expect(html).toMatch(/gasfiredbig2<span class="pp-output-status"> · marginal<\/span><\/span>.*?338.4 \/ 460.0 MW/);
    expect(html).toMatch(/gasfiredsomewhatsmaller<span class="pp-output-status"> · off<\/span><\/span>.*?0.0 \/ 210.0 MW/);
    expect(html).toMatch(
      /windpark3<\/span><span class="pp-output-bar pp-output-none">no capacity<\/span><span class="pp-output-figures">cannot run this hour/,
    );
    expect(String(OutputBars({ curve: payload3Curve(), plan: null }))).toContain("— / 460.0 MW");
  });
});

describe("the cost-curve chart as HTML", () => {
  const curve = syntheticCurve(100_001, [
    [1, 999],
    [40_000, 40_000],
    [70_000, 70_100],
  ]);

  it("stays under 50 KB for 100,000 loads", () => {
    const html = String(CostCurveChart({ curve, load: 4_000, idPrefix: "c1" }));
    expectAccessibleFigure(html);
    expect(html.length).toBeLessThan(50_000);
    expect(count(html, /<rect class="pp-band"/g)).toBe(3);
    expect(html).toContain('<pattern id="c1-no-plan"');
    expect(html).toContain("<title>No plan from 4,000.0 MW</title>");
  });

  it("marks a load in a gap as having no plan, and lists the gaps", () => {
    const html = String(CostCurveChart({ curve, load: 4_000 }));
    expect(html).toContain("Load 4,000.0 MW: no plan at this load");
    expect(html).toContain("Loads with no plan (3 gaps)");
    expect(html).toContain("<li>0.1–99.9 MW</li><li>4,000.0 MW</li><li>7,000.0–7,010.0 MW</li>");
  });
});

describe("the charts of a fleet that cannot run at all", () => {
  const curve = {
    ...payload3Curve({ load: [0], total_cost: [0], marginal: [null] }),
    capacity: 0,
    max_load: 0,
    plants: [{ name: "calm", type: "windturbine" as const, cost_per_mwh: 0, available: null }],
  };

  it("still draw, and say that nothing can run", () => {
    const merit = String(MeritOrderChart({ curve, plan: null, load: 10 }));
    expectAccessibleFigure(merit);
    expect(merit).toContain("0 plants can run this hour, 0.0 MW in all, cheapest first. Cannot run this hour: calm.");
    expect(merit).not.toMatch(/NaN|Infinity/);
    const cost = String(CostCurveChart({ curve, load: 10 }));
    expectAccessibleFigure(cost);
    expect(cost).toContain("Plans exist for 0.0 MW. Capacity 0.0 MW. No plan at 10.0 MW: it is beyond the capacity.");
    expect(cost).not.toMatch(/NaN|Infinity/);
    const empty = String(CostCurveChart({ curve: { ...curve, points: { load: [], total_cost: [], marginal: [] } }, load: null }));
    expect(empty).toContain("No load has a plan.");
    expect(String(OutputBars({ curve, plan: null }))).toContain("cannot run this hour");
  });
});
