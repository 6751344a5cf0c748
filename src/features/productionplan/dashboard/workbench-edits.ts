import type { PlantFields, WorkbenchFields } from "./workbench-fields";

/**
 * The form's edits that are not typing: a plant added or removed, a load set from an infeasible plan's nearest loads.
 * Pure, so the page's script edits in place and the server answers the same buttons of the GET form without it.
 */

/** The first free `plantN` name, so an added plant never collides with a name the fleet has. */
function freshName(plants: PlantFields[]): string {
  const taken = new Set(plants.map((plant) => plant.name));
  let n = plants.length + 1;
  while (taken.has(`plant${n}`)) n++;
  return `plant${n}`;
}

/** A plant a person fills in: a mid-sized gas-fired plant that can always be switched off. */
export function withPlantAdded(fields: WorkbenchFields): WorkbenchFields {
  const plant: PlantFields = { name: freshName(fields.plants), type: "gasfired", efficiency: "0.5", pmin: "0", pmax: "100" };
  return { ...fields, plants: [...fields.plants, plant] };
}

export function withPlantRemoved(fields: WorkbenchFields, index: number): WorkbenchFields {
  return { ...fields, plants: fields.plants.filter((_, i) => i !== index) };
}

/** The query of the same workbench state with another load: the address of a nearest feasible load. */
export function queryWithLoad(query: URLSearchParams, load: number): URLSearchParams {
  const next = new URLSearchParams(query);
  next.set("load", String(load));
  return next;
}
