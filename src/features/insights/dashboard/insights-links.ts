import type { Resolution } from "../insights.schemas";
import type { Preset } from "./chart-window";
import type { Grouping, ViewRequest } from "./insights-dashboard.schemas";

export const INSIGHTS_PATH = "/dashboards/insights";

export const organizationPath = (orgId: string) => `${INSIGHTS_PATH}/organizations/${encodeURIComponent(orgId)}`;
export const circuitPath = (circuitId: string) => `${INSIGHTS_PATH}/circuits/${encodeURIComponent(circuitId)}`;

/** The URL state of a view: everything a page shows is a function of its path and these. */
export interface ViewState {
  preset?: Preset;
  start?: string;
  end?: string;
  tz?: string;
  resolution?: Resolution;
  group?: Grouping;
}

/** The state a request asked for: the zone by its canonical name, defaults (UTC, automatic, per circuit) left out. */
export function stateOf(request: ViewRequest): ViewState {
  return {
    preset: request.preset,
    start: request.custom?.start,
    end: request.custom?.end,
    tz: request.zone.isUtc ? undefined : request.zone.name,
    resolution: request.resolution,
    group: request.group === "circuit" ? undefined : request.group,
  };
}

/** A view's URL: the path and the state's parameters in a fixed order, so one view has one URL (and one cache entry). */
export function viewHref(path: string, state: ViewState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (state.start !== undefined && state.end !== undefined) {
    params.set("start", state.start);
    params.set("end", state.end);
  } else if (state.preset) params.set("preset", state.preset);
  if (state.tz) params.set("tz", state.tz);
  if (state.resolution) params.set("resolution", state.resolution);
  if (state.group) params.set("group", state.group);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
