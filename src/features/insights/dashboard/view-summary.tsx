import type { ChartPlan } from "./chart-plan";
import { PRESETS } from "./chart-window";

/** The insights data versions a page was rendered from (data_versions): they move with every insights write. */
export interface DataVersions {
  readings: number;
  metadata: number;
}

/** The zone and the offsets it has in the window: "Europe/Amsterdam (UTC+01:00, then UTC+02:00)". */
export function zoneWords(plan: ChartPlan): string {
  const { zone, window } = plan;
  if (zone.isUtc) return "UTC";
  const first = zone.offsetText(window.from);
  const last = zone.offsetText(window.to - 1);
  return first === last ? `${zone.name} (UTC${first})` : `${zone.name} (UTC${first}, then UTC${last} in this window)`;
}

/**
 * What the view shows and how fresh it is: the window in words (a preset says what it is relative to), the zone, the
 * units, the latest reading and the data version. The data attributes hold the same for scripts and tests.
 */
export function ViewSummary({ plan, versions, what }: { plan: ChartPlan; versions: DataVersions; what: string }) {
  const { zone, window } = plan;
  const from = zone.displayText(window.from);
  const to = zone.displayText(window.to);
  return (
    <div class="insights-summary">
      <p class="lede" data-window-start={zone.isoText(window.from)} data-window-end={zone.isoText(window.to)}>
        {plan.preset ? (
          <>
            {what}: the {PRESETS[plan.preset].words} ending {to}, from {from} (end exclusive;{" "}
            {plan.latest === null ? "no readings yet, so it ends at the current hour" : "it ends just after the latest reading"}).
          </>
        ) : (
          <>
            {what}: {from} to {to} (end exclusive).
          </>
        )}
      </p>
      <p class="meta" data-data-version={`${versions.readings}.${versions.metadata}`}>
        Times in <strong>{zoneWords(plan)}</strong>. Power in watts (W), energy in watt-hours (Wh), headline figures in k or M of them.{" "}
        {plan.latest === null ? (
          "No readings yet."
        ) : (
          <>
            Latest reading: <time datetime={new Date(plan.latest).toISOString()}>{zone.displayText(plan.latest)}</time>.
          </>
        )}{" "}
        Insights data version {versions.readings} (metadata version {versions.metadata}); the page changes when it does.
      </p>
    </div>
  );
}
