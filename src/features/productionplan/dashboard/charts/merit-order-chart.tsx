import type { PlanCurve, V1Plan } from "../../productionplan.schemas";
import { MERIT_FONT, MERIT_HEIGHT, MERIT_WIDTH, meritOrder, meritOrderLayout, type StepBox, stepTitle } from "./merit-order-model";
import { MeritOrderTable } from "./merit-order-table";
import { meritAriaLabel, meritCaption, meritLoadLabel } from "./merit-order-words";
import { ChartFrame, HatchPattern, hatchId, Swatch, XTicks, YTicks, YTitle } from "./plan-chart-parts";
import { labelStart } from "./plan-chart-scale";
import { plantFigures } from "./plant-figures";

export interface MeritOrderChartProps {
  curve: PlanCurve;
  plan: V1Plan | null;
  load: number | null;
  /** Prefixes the ids of the chart's patterns: give each chart on a page its own. */
  idPrefix?: string;
}

/** Width of a span in user units, never negative (a zero-width rect is simply not drawn). */
const span = (from: number, to: number) => Math.max(0, Math.round((to - from) * 10) / 10);

function Step({ box, bottom, idPrefix }: { box: StepBox; bottom: number; idPrefix: string }) {
  const height = span(box.top, bottom);
  const dispatchEnd = box.dispatchX ?? box.x0;
  // The part below the minimum is hatched in two tones: over the dispatched (solid) part and over the idle part.
  const runMinEnd = Math.min(dispatchEnd, box.minX);
  return (
    <g class="pp-step" data-plant={box.step.name} data-order={String(box.step.order)}>
      <title>{stepTitle(box.step)}</title>
      <rect class="pp-idle" x={box.x0} y={box.top} width={span(box.x0, box.x1)} height={height} />
      {dispatchEnd > box.x0 && <rect class="pp-dispatched" x={box.x0} y={box.top} width={span(box.x0, dispatchEnd)} height={height} />}
      {runMinEnd > box.x0 && (
        <rect
          class="pp-hatched"
          x={box.x0}
          y={box.top}
          width={span(box.x0, runMinEnd)}
          height={height}
          fill={`url(#${hatchId(idPrefix, "min-run")})`}
        />
      )}
      {box.minX > runMinEnd && (
        <rect
          class="pp-hatched"
          x={Math.max(box.x0, runMinEnd)}
          y={box.top}
          width={span(Math.max(box.x0, runMinEnd), box.minX)}
          height={height}
          fill={`url(#${hatchId(idPrefix, "min-idle")})`}
        />
      )}
      {box.label && (
        <text class="pp-step-label" x={box.label.x} y={box.label.y} text-anchor="middle">
          {box.label.text}
        </text>
      )}
    </g>
  );
}

/**
 * The merit order as a step chart: each plant that can run is a step as wide as its available MW and as high as its
 * €/MWh, the dispatched part solid, the part below its minimum hatched, the load a dashed line. Every step has a
 * tooltip with its figures, and the figures are in a table below. Pure and synchronous: the page renders it on the
 * server and its client module re-renders it with `String(MeritOrderChart(props))`.
 */
export function MeritOrderChart({ curve, plan, load, idPrefix = "pp-merit" }: MeritOrderChartProps) {
  const figures = plantFigures(curve, plan);
  const order = meritOrder(figures);
  const layout = meritOrderLayout(order, load);
  const { plot } = layout;
  const loadText = layout.load && load !== null ? meritLoadLabel(load, plan, layout.load.pinned) : "";
  return (
    <figure class="pp-chart pp-merit-order" data-capacity={String(order.capacity)} data-plan={plan ? "yes" : "no"}>
      <figcaption>
        <strong>Merit order.</strong> {meritCaption(order, plan, load)}
      </figcaption>
      <ChartFrame name="Merit-order chart" width={MERIT_WIDTH} height={MERIT_HEIGHT} summary={meritAriaLabel(order, load)}>
        <defs>
          <HatchPattern idPrefix={idPrefix} kind="min-idle" />
          <HatchPattern idPrefix={idPrefix} kind="min-run" />
        </defs>
        <YTicks ticks={layout.yTicks} left={plot.left} right={plot.right} />
        <g class="pp-steps">
          {layout.boxes.map((box) => (
            <Step box={box} bottom={plot.bottom} idPrefix={idPrefix} />
          ))}
        </g>
        {layout.boxes.length > 0 && <polyline class="pp-supply-line" points={layout.supplyLine} />}
        <XTicks ticks={layout.xTicks} left={plot.left} right={plot.right} bottom={plot.bottom} />
        {layout.load && (
          <g class="pp-load" data-load={String(load)}>
            <title>{loadText}</title>
            <line class="pp-load-line" x1={layout.load.x} x2={layout.load.x} y1={plot.top - 6} y2={plot.bottom} />
            <text class="pp-load-label" x={labelStart(loadText, layout.load.x, 4, MERIT_WIDTH - 4, MERIT_FONT)} y={plot.top - 12}>
              {loadText}
            </text>
          </g>
        )}
        <text class="pp-axis-title" x={(plot.left + plot.right) / 2} y={MERIT_HEIGHT - 8} text-anchor="middle">
          Available capacity in merit order (MW)
        </text>
        <YTitle text="Cost (€/MWh)" x={14} middle={(plot.top + plot.bottom) / 2} />
      </ChartFrame>
      <ul class="chart-legend pp-legend">
        <li>
          <Swatch kind="dispatched" idPrefix={idPrefix} /> Dispatched (solid)
        </li>
        <li>
          <Swatch kind="idle" idPrefix={idPrefix} /> Available, not dispatched (outlined)
        </li>
        <li>
          <Swatch kind="min-idle" idPrefix={idPrefix} /> Below the plant's minimum (hatched): a running plant cannot produce less
        </li>
        <li>
          <Swatch kind="load" idPrefix={idPrefix} /> Load (dashed line)
        </li>
      </ul>
      <MeritOrderTable figures={figures} hasPlan={plan !== null} />
    </figure>
  );
}
