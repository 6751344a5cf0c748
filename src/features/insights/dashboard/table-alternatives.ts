import { RESOLUTIONS } from "../insights.schemas";
import type { ChartPlan } from "./chart-plan";
import { bucketCount, RESOLUTION_NAMES } from "./chart-window";
import type { ViewState } from "./insights-links";
import { MAX_TABLE_ROWS } from "./series-rows";
import { RESOLUTION_WORDS } from "./window-controls";

export interface TableAlternative {
  text: string;
  href: string;
  rows: number;
}

/**
 * Views of the same window whose table fits a page, for a view whose table does not: the finest coarser resolution
 * that fits, and one series per location (an organisation's page charting each circuit).
 */
export function tableAlternatives(
  plan: ChartPlan,
  seriesCount: number,
  locationCount: number | undefined,
  hrefOf: (change: Partial<ViewState>) => string,
): TableAlternative[] {
  const alternatives: TableAlternative[] = [];
  const coarser = RESOLUTION_NAMES.filter((resolution) => RESOLUTIONS[resolution] > RESOLUTIONS[plan.resolution])
    .map((resolution) => ({ resolution, rows: seriesCount * bucketCount(plan.window, resolution, plan.zone) }))
    .find(({ rows }) => rows <= MAX_TABLE_ROWS);
  if (coarser) {
    alternatives.push({
      text: `Buckets of ${RESOLUTION_WORDS[coarser.resolution]}`,
      href: hrefOf({ resolution: coarser.resolution }),
      rows: coarser.rows,
    });
  }
  const byLocation = locationCount === undefined ? undefined : locationCount * (plan.edges.length - 1);
  if (byLocation !== undefined && byLocation <= MAX_TABLE_ROWS) {
    alternatives.push({ text: "One series per location", href: hrefOf({ group: "location" }), rows: byLocation });
  }
  return alternatives;
}
