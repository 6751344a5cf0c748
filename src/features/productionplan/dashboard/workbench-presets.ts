import calmEvening from "../../../../data/productionplan/calm-evening.json";
import fleet100 from "../../../../data/productionplan/fleet-100.json";
import gaps from "../../../../data/productionplan/gaps.json";
import mixedFleet from "../../../../data/productionplan/mixed-fleet.json";
import { PayloadSchema, type V1Payload } from "../productionplan.schemas";
import { DEFAULT_PLAN_OPTIONS } from "../solver/plan-types";

export interface WorkbenchPreset {
  id: string;
  title: string;
  /** What the fleet shows, for the preset's description. */
  about: string;
  payload: V1Payload;
}

/** Checked by the API's own schema when the module loads, so a preset is always a payload the API accepts. */
const withDefaults = (json: unknown): V1Payload => ({ ...PayloadSchema.parse(json), options: { ...DEFAULT_PLAN_OPTIONS } });

/**
 * Our example fleets (data/productionplan; the origin's payloads stay in the shared fixtures, never copied here): a
 * mixed fleet like the origin's, the same fleet without wind, a fleet with gaps, a large fleet.
 */
export const WORKBENCH_PRESETS: WorkbenchPreset[] = [
  { id: "mixed-fleet", title: "Mixed fleet", about: "7 plants, 780 MWh, wind at 55 %", payload: withDefaults(mixedFleet) },
  { id: "calm-evening", title: "Calm evening", about: "the same 7 plants, 640 MWh, no wind", payload: withDefaults(calmEvening) },
  { id: "gaps", title: "Fleet with gaps", about: "large pmins: 280 MWh cannot be made exactly", payload: withDefaults(gaps) },
  { id: "fleet-100", title: "100 plants", about: "about 10,000 MW of capacity", payload: withDefaults(fleet100) },
];

/** The workbench opens on the mixed fleet. */
export const DEFAULT_PRESET = WORKBENCH_PRESETS[0]!;
