/** Curves and plans the chart tests draw: payload3 (the origin's example 3) by hand, and synthetic large curves. */
import type { PlanCurve, V1Plan } from "../../productionplan.schemas";

const OPTIONS = { co2: true, wind: "binary" } as const;
const STATS = { plants: 6, usable_plants: 6, load_steps: 0, states_evaluated: 0, working_bytes: 0, ms: 0 };

/** payload3's fleet in merit order (wind at 60 %, CO2 counted), with one plant that cannot run added at the end. */
export const PAYLOAD3_PLANTS: PlanCurve["plants"] = [
  { name: "windpark1", type: "windturbine", cost_per_mwh: 0, available: { min: 0, max: 90 } },
  { name: "windpark2", type: "windturbine", cost_per_mwh: 0, available: { min: 0, max: 21.6 } },
  { name: "gasfiredbig1", type: "gasfired", cost_per_mwh: 31.283019, available: { min: 100, max: 460 } },
  { name: "gasfiredbig2", type: "gasfired", cost_per_mwh: 31.283019, available: { min: 100, max: 460 } },
  { name: "gasfiredsomewhatsmaller", type: "gasfired", cost_per_mwh: 42.216216, available: { min: 40, max: 210 } },
  { name: "tj1", type: "turbojet", cost_per_mwh: 169.333333, available: { min: 0, max: 16 } },
  { name: "windpark3", type: "windturbine", cost_per_mwh: 0, available: null },
];

export function payload3Curve(points: PlanCurve["points"] = { load: [0], total_cost: [0], marginal: [null] }): PlanCurve {
  return { options: OPTIONS, step: 0.1, capacity: 1257.6, max_load: 1257.6, plants: PAYLOAD3_PLANTS, points, gaps: [], stats: STATS };
}

/** POST /v1/productionplan's answer for payload3 at 910 MWh. */
export const PAYLOAD3_PLAN: V1Plan = {
  load: 910,
  options: OPTIONS,
  total_cost: 24_976.358,
  marginal_plant: { name: "gasfiredbig2", cost_per_mwh: 31.283019 },
  plan: [
    { name: "windpark1", type: "windturbine", cost_per_mwh: 0, p: 90 },
    { name: "windpark2", type: "windturbine", cost_per_mwh: 0, p: 21.6 },
    { name: "gasfiredbig1", type: "gasfired", cost_per_mwh: 31.283019, p: 460 },
    { name: "gasfiredbig2", type: "gasfired", cost_per_mwh: 31.283019, p: 338.4 },
    { name: "gasfiredsomewhatsmaller", type: "gasfired", cost_per_mwh: 42.216216, p: 0 },
    { name: "tj1", type: "turbojet", cost_per_mwh: 169.333333, p: 0 },
    { name: "windpark3", type: "windturbine", cost_per_mwh: 0, p: 0 },
  ].map((plant) => ({ ...plant, type: plant.type as V1Plan["plan"][number]["type"], cost: plant.cost_per_mwh * plant.p })),
  stats: STATS,
};

/** A deterministic pseudo-random sequence in [0, 1), so a failing test fails the same way every time. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A curve of `count` grid loads 0.1 MW apart minus the given gaps (in tenths, inclusive), with a noisy rising cost
 * and a marginal plant that changes often: the worst case for the chart's size.
 */
export function syntheticCurve(count: number, gapTenths: Array<[number, number]>, seed = 1): PlanCurve {
  const random = seeded(seed);
  const inGap = (tenths: number) => gapTenths.some(([from, to]) => from <= tenths && tenths <= to);
  const load: number[] = [];
  const total_cost: number[] = [];
  const marginal: Array<number | null> = [];
  for (let tenths = 0; tenths < count; tenths++) {
    if (inGap(tenths)) continue;
    load.push(tenths / 10);
    total_cost.push(tenths === 0 ? 0 : tenths * 3 + random() * 5_000);
    marginal.push(tenths === 0 ? null : Math.floor(random() * 6));
  }
  const maxLoad = (count - 1) / 10;
  return {
    options: OPTIONS,
    step: 0.1,
    capacity: maxLoad,
    max_load: maxLoad,
    plants: PAYLOAD3_PLANTS,
    points: { load, total_cost, marginal },
    gaps: gapTenths.map(([from, to]) => ({ from: from / 10, to: to / 10 })),
    stats: STATS,
  };
}
