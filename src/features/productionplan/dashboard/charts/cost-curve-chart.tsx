import type { PlanCurve } from "../../productionplan.schemas";
import { type Band, CURVE_FONT, CURVE_HEIGHT, CURVE_WIDTH, costCurveLayout, feasibleRanges, type Panel } from "./cost-curve-model";
import { curveAriaLabel, curveLoadLabel, curveSummary, mwRange } from "./cost-curve-words";
import { formatMw } from "./plan-chart-format";
import { ChartFrame, HatchPattern, hatchId, Swatch, XTicks, YTicks, YTitle } from "./plan-chart-parts";
import { labelStart } from "./plan-chart-scale";

export interface CostCurveChartProps {
  curve: PlanCurve;
  load: number | null;
  /** Prefixes the ids of the chart's patterns: give each chart on a page its own. */
  idPrefix?: string;
}

/** Past this many bands a tooltip each would weigh more than the curve: the list below the chart names them all. */
const BAND_TITLES = 60;
/** Past this many gaps the list stops: a fleet of tiny pmin gaps would otherwise make a page of them. */
const LISTED_GAPS = 200;

const bandTitle = (band: Band) =>
  band.gaps === 0
    ? `No plan beyond the capacity of ${formatMw(band.from)} MW`
    : `No plan from ${mwRange(band)}${band.gaps > 1 ? ` (${band.gaps} gaps)` : ""}`;

function Bands({ bands, top, bottom, fill, titled }: { bands: Band[]; top: number; bottom: number; fill: string; titled: boolean }) {
  return (
    <g class="pp-no-plan" data-bands={String(bands.length)}>
      {bands.map((band) => (
        <rect class="pp-band" x={band.x0} y={top} width={Math.round((band.x1 - band.x0) * 10) / 10} height={bottom - top} fill={fill}>
          {titled && <title>{bandTitle(band)}</title>}
        </rect>
      ))}
    </g>
  );
}

function PanelLines({ panel, name }: { panel: Panel; name: "cost" | "price" }) {
  return (
    <g class={`pp-series-group pp-${name}`}>
      {panel.lines.map((points) => (
        <polyline class={`pp-series pp-${name}-line`} points={points} />
      ))}
      {panel.dots.map((dot) => (
        <circle class={`pp-series-dot pp-${name}-dot`} cx={dot.x} cy={dot.y} r="2.5" />
      ))}
    </g>
  );
}

/**
 * Total cost and marginal price of every load of the curve, in two panels over one load axis (see cost-curve-model
 * for why not two y axes); loads with no plan hatched, the lines broken across them; the current load a dashed line
 * with its figures. Decimated per pixel column, so 100,000 loads make a few thousand points. Pure and synchronous:
 * the page renders it on the server and its client module re-renders it with `String(CostCurveChart(props))`.
 */
export function CostCurveChart({ curve, load, idPrefix = "pp-cost" }: CostCurveChartProps) {
  const layout = costCurveLayout(curve, load);
  const { left, right, cost, price } = layout;
  const ranges = feasibleRanges(curve.points.load, curve.step);
  const fill = `url(#${hatchId(idPrefix, "no-plan")})`;
  const loadText = layout.load && load !== null ? curveLoadLabel(load, layout.load.at, layout.load.pinned) : "";
  const feasibleAt = layout.load?.at.kind === "feasible" ? layout.load.at : null;
  return (
    <figure class="pp-chart pp-cost-curve" data-gaps={String(curve.gaps.length)} data-points={String(layout.drawnPoints)}>
      <figcaption>
        <strong>Cost curve.</strong> Total cost and marginal price of every load from 0 to {formatMw(curve.max_load)} MW, in{" "}
        {formatMw(curve.step)} MW steps.
      </figcaption>
      <ChartFrame name="Cost-curve chart" width={CURVE_WIDTH} height={CURVE_HEIGHT} summary={curveAriaLabel(curve, load)}>
        <defs>
          <HatchPattern idPrefix={idPrefix} kind="no-plan" />
        </defs>
        <YTicks ticks={cost.ticks} left={left} right={right} />
        <YTicks ticks={price.ticks} left={left} right={right} />
        <Bands
          bands={layout.beyond ? [...layout.bands, layout.beyond] : layout.bands}
          top={cost.top}
          bottom={price.bottom}
          fill={fill}
          titled={layout.bands.length <= BAND_TITLES}
        />
        <line class="axis" x1={left} x2={right} y1={cost.bottom} y2={cost.bottom} />
        <PanelLines panel={cost} name="cost" />
        <PanelLines panel={price} name="price" />
        <XTicks ticks={layout.xTicks} left={left} right={right} bottom={price.bottom} />
        {layout.load && (
          <g class="pp-load" data-load={String(load)} data-status={layout.load.at.kind}>
            <title>{loadText}</title>
            <line class="pp-load-line" x1={layout.load.x} x2={layout.load.x} y1={cost.top - 6} y2={price.bottom} />
            {feasibleAt && <circle class="pp-load-dot" cx={layout.load.x} cy={Math.round(cost.y(feasibleAt.totalCost) * 10) / 10} r="4" />}
            {feasibleAt && feasibleAt.price !== null && (
              <circle class="pp-load-dot" cx={layout.load.x} cy={Math.round(price.y(feasibleAt.price) * 10) / 10} r="4" />
            )}
            <text class="pp-load-label" x={labelStart(loadText, layout.load.x, 4, CURVE_WIDTH - 4, CURVE_FONT)} y={cost.top - 12}>
              {loadText}
            </text>
          </g>
        )}
        <YTitle text="Total cost (€)" x={14} middle={(cost.top + cost.bottom) / 2} />
        <YTitle text="Price (€/MWh)" x={14} middle={(price.top + price.bottom) / 2} />
        <text class="pp-axis-title" x={(left + right) / 2} y={CURVE_HEIGHT - 8} text-anchor="middle">
          Load (MW)
        </text>
      </ChartFrame>
      <ul class="chart-legend pp-legend">
        <li>
          <Swatch kind="cost-line" /> Total cost, € (upper panel)
        </li>
        <li>
          <Swatch kind="price-line" /> Marginal price, €/MWh (lower panel)
        </li>
        {(layout.bands.length > 0 || layout.beyond) && (
          <li>
            <Swatch kind="no-plan" idPrefix={idPrefix} /> No plan at these loads (hatched)
          </li>
        )}
        <li>
          <Swatch kind="load" /> Load (dashed line)
        </li>
      </ul>
      <p class="pp-chart-summary">{curveSummary(curve, ranges, load, layout.load?.at ?? null)}</p>
      {curve.gaps.length > 0 && (
        <details class="figures-text pp-figures">
          <summary>
            Loads with no plan ({curve.gaps.length} {curve.gaps.length === 1 ? "gap" : "gaps"})
          </summary>
          <ul class="pp-gap-list">
            {curve.gaps.slice(0, LISTED_GAPS).map((gap) => (
              <li>{mwRange(gap)}</li>
            ))}
          </ul>
          {curve.gaps.length > LISTED_GAPS && (
            <p class="meta">
              And {curve.gaps.length - LISTED_GAPS} more gaps up to {formatMw(curve.gaps.at(-1)!.to)} MW: the curve's API answer lists them
              all.
            </p>
          )}
        </details>
      )}
    </figure>
  );
}
