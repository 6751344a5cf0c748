import type { PlanCurve, V1Plan } from "../../productionplan.schemas";
import { type OutputBar, outputBars } from "./output-bars-model";
import { formatMw } from "./plan-chart-format";
import { Swatch } from "./plan-chart-parts";
import { plantFigures } from "./plant-figures";

/** The bars' own coordinates: they stretch to their cell, so only proportions matter. */
const BAR_UNITS = 1000;
const units = (share: number) => Math.round(share * BAR_UNITS * 10) / 10;

function figuresText({ plant }: OutputBar): string {
  if (plant.available === null) return "cannot run this hour";
  const max = formatMw(plant.available.max);
  return plant.p === null ? `— / ${max} MW` : `${formatMw(plant.p)} / ${max} MW`;
}

/** A word beside the name where the figures alone would leave a reader to work it out. */
function statusText({ plant }: OutputBar): string | null {
  if (plant.available === null || plant.p === null) return null;
  if (plant.marginal) return "marginal";
  return plant.p === 0 ? "off" : null;
}

function barLabel({ plant }: OutputBar): string {
  if (plant.available === null) return `${plant.name} cannot run this hour`;
  const min = plant.available.min > 0 ? `; its minimum when running is ${formatMw(plant.available.min)} MW` : "";
  const used = plant.p === null ? "no plan" : `${formatMw(plant.p)} MW dispatched`;
  return `${plant.name}: ${used} of ${formatMw(plant.available.max)} MW available${min}`;
}

function Bar({ bar }: { bar: OutputBar }) {
  if (bar.plant.available === null) return <span class="pp-output-bar pp-output-none">no capacity</span>;
  return (
    <svg class="pp-output-bar" viewBox={`0 0 ${BAR_UNITS} 16`} preserveAspectRatio="none" role="img" aria-label={barLabel(bar)}>
      <rect class="pp-idle" x="0" y="2" width={units(bar.track)} height="12" vector-effect="non-scaling-stroke" />
      {bar.fill !== null && bar.fill > 0 && <rect class="pp-dispatched" x="0" y="2" width={units(bar.fill)} height="12" />}
      {bar.minMark !== null && (
        <line class="pp-min-mark" x1={units(bar.minMark)} x2={units(bar.minMark)} y1="0" y2="16" vector-effect="non-scaling-stroke" />
      )}
    </svg>
  );
}

/**
 * What each plant produces against what it could: one bar per plant in merit order on a shared MW scale, the track
 * its available maximum, the fill its dispatched output, a mark at its minimum, and the figures in words beside it.
 * HTML rows with a stretching SVG bar each, so the names and figures reflow on a phone instead of shrinking.
 */
export function OutputBars({ curve, plan }: { curve: PlanCurve; plan: V1Plan | null }) {
  const figures = plantFigures(curve, plan);
  const { bars, widest } = outputBars(figures);
  const dispatched = plan?.plan.reduce((sum, planned) => sum + Math.round(planned.p * 10), 0) ?? 0;
  return (
    <figure class="pp-chart pp-output" data-plan={plan ? "yes" : "no"}>
      <figcaption>
        <strong>Output per plant.</strong>{" "}
        {plan
          ? `${formatMw(dispatched / 10)} MW dispatched, in merit order.`
          : "No plan at this load: the bars show what each plant could produce."}{" "}
        All bars share one scale: the longest is {formatMw(widest)} MW.
      </figcaption>
      <ol class="pp-output-list">
        {bars.map((bar) => (
          <li class="pp-output-row" data-plant={bar.plant.name} data-p={bar.plant.p === null ? "" : String(bar.plant.p)}>
            <span class="pp-output-name">
              {bar.plant.order}. {bar.plant.name}
              {statusText(bar) && <span class="pp-output-status"> · {statusText(bar)}</span>}
            </span>
            <Bar bar={bar} />
            <span class="pp-output-figures">{figuresText(bar)}</span>
          </li>
        ))}
      </ol>
      <ul class="chart-legend pp-legend">
        <li>
          <Swatch kind="dispatched" /> Dispatched (solid)
        </li>
        <li>
          <Swatch kind="idle" /> Available maximum (outlined track)
        </li>
        <li>
          <Swatch kind="min-mark" /> Minimum when running (line)
        </li>
      </ul>
    </figure>
  );
}
