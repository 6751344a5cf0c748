// A time-series line chart drawn with uPlot (bundled into the page's own script, never from a CDN). Colours come from
// the stylesheet's custom properties, read at every draw, so light and dark follow the page; each series also has its
// own dash pattern and its name in the legend, so none is told apart by colour alone. A null value is a gap in its
// line. The legend follows the cursor with the bucket's time and each series' exact value.
import uPlot from "uplot";

export interface TimeSeriesInput {
  /** Bucket starts, epoch seconds. */
  x: number[];
  /** The last bucket's end, epoch seconds. */
  end: number;
  /** IANA zone for the axis and the legend. */
  tz: string;
  unit: string;
  series: Array<{ label: string; y: Array<number | null> }>;
}

export interface TimeSeriesOptions {
  xLabel: string;
  yLabel: string;
  /** What a screen reader hears for the plot: the canvas itself says nothing. */
  description: string;
  /** Called once, after the first complete draw. */
  onDrawn?: () => void;
}

/** Dash patterns in turn, so neighbours in the legend differ by more than colour. */
const DASHES: number[][] = [[], [9, 4], [2, 3], [12, 3, 3, 3]];
/** Colours `--series-1` … `--series-8` in styles.css. */
const PALETTE_SIZE = 8;
const SVG = "http://www.w3.org/2000/svg";

const paletteIndex = (i: number) => (i % PALETTE_SIZE) + 1;
/** Dash i+⌊i/8⌋: after the eighth series colours repeat, but never with the same dash. */
const dashOf = (i: number) => DASHES[(i + Math.floor(i / PALETTE_SIZE)) % DASHES.length]!;

function cssColour(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || "#777";
}

/** The legend's name of a series: a short line in its colour and dash, then its name. */
function seriesKey(label: string, i: number): HTMLElement {
  const key = document.createElement("span");
  key.className = "series-key";
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", `series-key-line series-${paletteIndex(i)}`);
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "10");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(SVG, "line");
  for (const [name, value] of Object.entries({ x1: "1", y1: "5", x2: "27", y2: "5", "stroke-width": "2.5" }))
    line.setAttribute(name, value);
  const dash = dashOf(i);
  if (dash.length > 0) line.setAttribute("stroke-dasharray", dash.join(" "));
  svg.append(line);
  key.append(svg, document.createTextNode(label));
  return key;
}

/** `2024-04-01 10:00 UTC` or `2024-03-31 03:00 +02:00`: the server's way of writing times, in the browser. */
function timeFormatter(tz: string): (seconds: number) => { date: string; time: string; zone: string } {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "longOffset",
  });
  return (seconds) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(seconds * 1000)) parts[part.type] = part.value;
    const offset = (parts.timeZoneName ?? "").replace("GMT", "") || "+00:00";
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute}`,
      zone: tz === "UTC" ? "UTC" : offset,
    };
  };
}

/** A bucket as the legend names it: `2024-04-01 10:00–10:15 UTC`, the end's date only when it differs. */
function bucketText(data: TimeSeriesInput, idx: number, at: ReturnType<typeof timeFormatter>): string {
  const start = at(data.x[idx]!);
  const end = at(data.x[idx + 1] ?? data.end);
  const endText = end.date === start.date ? end.time : `${end.date} ${end.time}`;
  if (start.zone === end.zone) return `${start.date} ${start.time}–${endText} ${start.zone}`;
  return `${start.date} ${start.time} ${start.zone} – ${endText} ${end.zone}`;
}

/**
 * Tick labels in the zone, 24-hour and ISO-ordered (uPlot's defaults are US-style, 12-hour): `06:00`, with the date
 * under the first tick of each day; for steps of a day or more, `04-01`, with the year on the first tick of a year.
 */
function timeTicks(splits: number[], step: number, at: ReturnType<typeof timeFormatter>): string[] {
  const times = splits.map((seconds) => at(seconds));
  return times.map((time, i) => {
    const previous = times[i - 1];
    if (step >= 86_400) return previous && previous.date.slice(0, 4) === time.date.slice(0, 4) ? time.date.slice(5) : time.date;
    return previous && previous.date === time.date ? time.time : `${time.time}\n${time.date.slice(5)}`;
  });
}

/** Runs of buckets where no series has a value, as [first, last] indices: shaded so a gap reads as "no readings". */
function emptyRuns(data: TimeSeriesInput): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  data.x.forEach((_, i) => {
    const empty = data.series.every((series) => series.y[i] === null);
    if (empty && start < 0) start = i;
    if (!empty && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) runs.push([start, data.x.length - 1]);
  return runs;
}

/** Shades each run without readings under the lines, labelled when there is room: a gap, not a drop to zero. */
function shadeEmptyRuns(plot: uPlot, data: TimeSeriesInput, runs: Array<[number, number]>, colour: string, text: string): void {
  const { ctx, bbox } = plot;
  ctx.save();
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.14;
  for (const [first, last] of runs) {
    const left = plot.valToPos(data.x[first]!, "x", true);
    const right = plot.valToPos(data.x[last + 1] ?? data.end, "x", true);
    ctx.fillRect(left, bbox.top, right - left, bbox.height);
    if (right - left < 70 * devicePixelRatio) continue;
    ctx.globalAlpha = 1;
    ctx.fillStyle = text;
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.fillText("no readings", (left + right) / 2, bbox.top + 16 * devicePixelRatio);
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.14;
  }
  ctx.restore();
}

const chartHeight = (width: number) => (width < 600 ? 260 : 340);

/** Draws the series into `mount` (replacing its contents), sized to it and redrawn as it resizes. */
export function drawTimeSeries(mount: HTMLElement, data: TimeSeriesInput, options: TimeSeriesOptions): uPlot {
  mount.replaceChildren();
  const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
  const at = timeFormatter(data.tz);
  const muted = () => cssColour(mount, "--muted");
  const grid = () => cssColour(mount, "--border");
  let drawn = false;
  const runs = emptyRuns(data);
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: "12px system-ui, sans-serif" };
  const width = Math.max(mount.clientWidth, 200);
  const plot = new uPlot(
    {
      width,
      height: chartHeight(width),
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), data.tz),
      scales: {
        x: { time: true, range: [data.x[0] ?? data.end, data.end] },
        // Power from zero: a dip must look like one. No data at all still gives an axis.
        y: { range: (_self, _min, max) => uPlot.rangeNum(0, max ?? 1, 0.1, true) },
      },
      cursor: { drag: { x: false, y: false }, focus: { prox: 24 } },
      focus: { alpha: 0.3 },
      legend: { markers: { show: true, width: 0, fill: () => "transparent" } },
      series: [
        { label: "Bucket", value: (_self, _raw, _series, idx) => (idx === null ? "—" : bucketText(data, idx, at)) },
        ...data.series.map(
          (series, i): uPlot.Series => ({
            label: seriesKey(series.label, i),
            stroke: () => cssColour(mount, `--series-${paletteIndex(i)}`),
            dash: dashOf(i),
            width: 1.75,
            spanGaps: false,
            value: (_self, raw, _series, idx) => {
              if (idx === null) return "—";
              return raw === null || raw === undefined ? "no readings" : `${number.format(raw)} ${data.unit}`;
            },
          }),
        ),
      ],
      axes: [
        {
          ...axis,
          label: options.xLabel,
          labelFont: "12px system-ui, sans-serif",
          values: (_self, splits, _axis, _space, step) => timeTicks(splits, step, at),
        },
        {
          ...axis,
          label: options.yLabel,
          labelFont: "12px system-ui, sans-serif",
          size: 74,
          values: (_self, splits) => splits.map((value) => number.format(value)),
        },
      ],
      hooks: {
        drawClear: [(self) => shadeEmptyRuns(self, data, runs, cssColour(mount, "--zero"), muted())],
        draw: [
          () => {
            if (drawn) return;
            drawn = true;
            options.onDrawn?.();
          },
        ],
      },
    },
    [data.x, ...data.series.map((series) => series.y)] as uPlot.AlignedData,
    mount,
  );
  const plotArea = plot.root.querySelector(".u-wrap");
  plotArea?.setAttribute("role", "img");
  plotArea?.setAttribute("aria-label", options.description);
  new ResizeObserver(() => {
    const next = Math.max(mount.clientWidth, 200);
    if (next !== plot.width) plot.setSize({ width: next, height: chartHeight(next) });
  }).observe(mount);
  // Colours are read at draw time: a switch between light and dark only needs a redraw.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => plot.redraw(false, true));
  return plot;
}
