import { HOUR_MS } from "../../../lib/instant";
import { MAX_SERIES_BUCKETS, type Resolution } from "../insights.schemas";
import type { TimeWindow } from "../usage-figures";
import { autoResolution, bucketCount, bucketEdges, MAX_AUTO_POINTS, type Preset, presetWindow } from "./chart-window";
import type { ViewRequest } from "./insights-dashboard.schemas";
import type { Zone } from "./zoned-time";

/** What a view shows: its window, its zone and buckets, and what its window is relative to. */
export interface ChartPlan {
  window: TimeWindow;
  zone: Zone;
  preset: Preset | undefined;
  resolution: Resolution;
  /** True when the resolution was picked for the window, not asked for. */
  automatic: boolean;
  /** Bucket edges: n + 1 instants for n buckets. */
  edges: number[];
  /** The latest reading of the circuits shown; null when they have none. */
  latest: number | null;
  /** What a preset is relative to: the latest reading, or the current hour when there is none. */
  anchor: number;
}

export type PlanResult = { ok: true; plan: ChartPlan } | { ok: false; parameter: "resolution"; message: string };

/**
 * Points one page draws, all series together: the chart's data, its table and its CSV are built in the isolate's
 * memory (about 100 bytes a point), so an organisation of many circuits gets coarser buckets, not a huge page.
 */
export const MAX_PAGE_POINTS = 100_000;

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The plan of a request for `seriesCount` series: a preset's window ends at the latest reading (the current hour when
 * there is none yet), a custom window is as asked; the resolution is the one asked for, or the finest that fits
 * MAX_AUTO_POINTS (and MAX_PAGE_POINTS in all). A series longer than the API's MAX_SERIES_BUCKETS, or a page past
 * MAX_PAGE_POINTS, is refused, naming the resolution.
 */
export function planChart(request: ViewRequest, latest: number | null, now: number, seriesCount: number): PlanResult {
  const { zone } = request;
  const anchor = latest ?? now - (now % HOUR_MS);
  const window = request.custom?.window ?? presetWindow(request.preset!, zone, anchor);
  const series = Math.max(1, seriesCount);
  const resolution = request.resolution ?? autoResolution(window, zone, Math.min(MAX_AUTO_POINTS, Math.floor(MAX_PAGE_POINTS / series)));
  const buckets = bucketCount(window, resolution, zone);
  if (buckets > MAX_SERIES_BUCKETS || buckets * series > MAX_PAGE_POINTS) {
    const limit =
      buckets > MAX_SERIES_BUCKETS
        ? `${count(buckets)} points, more than ${count(MAX_SERIES_BUCKETS)}`
        : `${count(buckets)} points for each of ${count(series)} series, more than ${count(MAX_PAGE_POINTS)} in all`;
    return {
      ok: false,
      parameter: "resolution",
      message: `a ${resolution} series over this window has ${limit}: choose a coarser resolution (or Automatic) or a shorter window`,
    };
  }
  return {
    ok: true,
    plan: {
      window,
      zone,
      preset: request.preset,
      resolution,
      automatic: request.resolution === undefined,
      edges: bucketEdges(window, resolution, zone),
      latest,
      anchor,
    },
  };
}
