import { formatInstant } from "../../lib/instant";
import type { CircuitRow } from "./insights.repository";
import { circuitFigures, EMPTY_AGGREGATE, groupFigures, type TimeWindow, type UsageAggregate, type UsageFigures } from "./usage-figures";

export function circuitRef(row: CircuitRow) {
  return { id: row.id, name: row.name, number: row.number };
}

export function sensorRef(row: { sensorId: string; duid: string; sensorName: string; intervalSeconds: number }) {
  return { id: row.sensorId, duid: row.duid, name: row.sensorName, sample_interval_seconds: row.intervalSeconds };
}

/** A circuit's figures over [window.from, window.to); the handlers' parsed window fits as it is. */
export function figuresOf(row: CircuitRow, aggregate: UsageAggregate | undefined, window: TimeWindow): UsageFigures {
  return circuitFigures(aggregate ?? EMPTY_AGGREGATE, window, row.intervalSeconds, formatInstant);
}

/** Series buckets aligned to `from`; the last may be shorter. Each expects the sensor's grid instants inside it. */
export function seriesOf(
  row: CircuitRow,
  buckets: Map<number, UsageAggregate> | undefined,
  from: number,
  to: number,
  resolutionMs: number,
) {
  const count = Math.ceil((to - from) / resolutionMs);
  return Array.from({ length: count }, (_, i) => {
    const start = from + i * resolutionMs;
    const end = Math.min(to, start + resolutionMs);
    return { start: formatInstant(start), end: formatInstant(end), ...figuresOf(row, buckets?.get(i), { from: start, to: end }) };
  });
}

/** Circuits grouped by location (every listed location appears, even without circuits), with group figures. */
export function locationBreakdown(
  locations: ReadonlyArray<{ id: string; name: string }>,
  circuits: readonly CircuitRow[],
  totals: Map<number, UsageAggregate>,
  window: TimeWindow,
) {
  return locations.map((location) => {
    const rows = circuits
      .filter((c) => c.locationId === location.id)
      .map((c) => ({ circuit: circuitRef(c), sensor: sensorRef(c), usage: figuresOf(c, totals.get(c.key), window) }));
    return { location: { id: location.id, name: location.name }, usage: groupFigures(rows.map((r) => r.usage)), circuits: rows };
  });
}
