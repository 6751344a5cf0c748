export interface Bar {
  /** Short label under the bar (e.g. `04-29`). */
  label: string;
  /** What the bar stands for, in full (e.g. `2024-04-29`): its key and its tooltip. */
  key: string;
  value: number;
  /** The exact figure as people read it (e.g. `79.00 credits`). */
  text: string;
}

export interface BarChartProps {
  bars: Bar[];
  /** What the chart shows, for assistive technology: the figures are also given as a table beside it. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** Formats an axis tick. */
  tick: (value: number) => string;
}

const HEIGHT = 260;
const MARGIN = { top: 24, right: 16, bottom: 48, left: 64 };
const MIN_WIDTH = 640;
const SLOT = 28;

/** Round steps (1, 2, 2.5, 5 × 10ⁿ) so a few ticks cover the largest value. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/**
 * A server-rendered SVG bar chart: one bar per entry, zero bars drawn as a
 * thin mark so an empty day is visibly there, the exact value in each bar's
 * tooltip and data attributes. No script and no inline style, so it passes the
 * pages' CSP and looks the same in every screenshot.
 */
export function BarChart({ bars, description, xLabel, yLabel, tick }: BarChartProps) {
  const width = Math.max(MIN_WIDTH, MARGIN.left + MARGIN.right + bars.length * SLOT);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = niceTicks(Math.max(0, ...bars.map((bar) => bar.value)));
  const top = ticks.at(-1)!;
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.floor(plotWidth / 48)));
  const showValues = slot >= 34;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={description} preserveAspectRatio="xMinYMin meet">
      {ticks.map((value) => (
        <g>
          <line class="grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(value)} y2={y(value)} />
          <text x={MARGIN.left - 8} y={y(value) + 4} text-anchor="end">
            {tick(value)}
          </text>
        </g>
      ))}
      <line class="axis" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} />
      {bars.map((bar, i) => {
        const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
        const height = Math.max(bar.value > 0 ? 1 : 0, y(0) - y(bar.value));
        return (
          <g class="bar-group">
            {bar.value > 0 ? (
              <rect class="bar" x={x} y={y(0) - height} width={barWidth} height={height} data-key={bar.key} data-value={String(bar.value)}>
                <title>{`${bar.key}: ${bar.text}`}</title>
              </rect>
            ) : (
              <rect class="bar-zero" x={x} y={y(0) - 2} width={barWidth} height={2} data-key={bar.key} data-value="0">
                <title>{`${bar.key}: ${bar.text}`}</title>
              </rect>
            )}
            {showValues && bar.value > 0 && (
              <text class="value" x={x + barWidth / 2} y={y(0) - height - 4} text-anchor="middle">
                {tick(bar.value)}
              </text>
            )}
            {i % labelEvery === 0 && (
              <text x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 16} text-anchor="middle">
                {bar.label}
              </text>
            )}
          </g>
        );
      })}
      <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 8} text-anchor="middle">
        {xLabel}
      </text>
      <text x={16} y={MARGIN.top + plotHeight / 2} text-anchor="middle" transform={`rotate(-90 16 ${MARGIN.top + plotHeight / 2})`}>
        {yLabel}
      </text>
    </svg>
  );
}
