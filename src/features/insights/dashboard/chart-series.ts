import type { CircuitRow } from "../insights.repository";
import type { Resolution } from "../insights.schemas";
import { groupFigures, type UsageFigures } from "../usage-figures";
import { readUsage } from "../usage-reader";
import { figuresOf } from "../usage-report";
import { readStep } from "./chart-window";
import { foldIntoBuckets } from "./zoned-buckets";

/**
 * One bucket of a series: the API's per-bucket figures (`series` of /v1/circuits/{id}/usage). A location's bucket has
 * its group figures: avg_watts is the sum of its circuits' averages (the API's group avg_watts), and no maximum.
 */
export type SeriesPoint = Pick<UsageFigures, "sample_count" | "expected_samples" | "coverage" | "avg_watts" | "max_watts" | "max_at">;

export interface ChartSeries {
  /** The circuit's or location's id. */
  id: string;
  label: string;
  points: SeriesPoint[];
}

const pointOf = (figures: UsageFigures): SeriesPoint => ({
  sample_count: figures.sample_count,
  expected_samples: figures.expected_samples,
  coverage: figures.coverage,
  avg_watts: figures.avg_watts,
  max_watts: figures.max_watts,
  max_at: figures.max_at,
});

/**
 * Each circuit's figures per bucket between `edges`, in ONE D1 round trip (readUsage at the coarsest step the edges
 * allow, folded into the buckets). Keyed by circuit key; the figures are the API's, bucket by bucket.
 */
export async function readCircuitBuckets(
  d1: D1Database,
  circuits: readonly CircuitRow[],
  edges: readonly number[],
  resolution: Resolution,
): Promise<Map<number, UsageFigures[]>> {
  const from = edges[0]!;
  const to = edges.at(-1)!;
  const step = readStep(edges, resolution);
  const read = await readUsage(
    d1,
    circuits.map((row) => row.key),
    from,
    to,
    step,
  );
  return new Map(
    circuits.map((row) => {
      const buckets = foldIntoBuckets(read.series?.get(row.key), from, step, edges);
      return [row.key, buckets.map((aggregate, i) => figuresOf(row, aggregate, { from: edges[i]!, to: edges[i + 1]! }))];
    }),
  );
}

/** One series per circuit. */
export function circuitSeries(
  circuits: readonly CircuitRow[],
  buckets: Map<number, UsageFigures[]>,
  labels: ReadonlyMap<string, string>,
): ChartSeries[] {
  return circuits.map((row) => ({
    id: row.id,
    label: labels.get(row.id) ?? row.name,
    points: (buckets.get(row.key) ?? []).map(pointOf),
  }));
}

/** One series per location: its circuits' bucket figures grouped as the API groups a location's figures. */
export function locationSeries(
  locations: ReadonlyArray<{ id: string; name: string }>,
  circuits: readonly CircuitRow[],
  buckets: Map<number, UsageFigures[]>,
  bucketCount: number,
): ChartSeries[] {
  return locations.map((location) => {
    const members = circuits.filter((row) => row.locationId === location.id).map((row) => buckets.get(row.key) ?? []);
    const points = Array.from({ length: bucketCount }, (_, i): SeriesPoint => {
      const group = groupFigures(members.map((figures) => figures[i]!));
      return {
        sample_count: group.sample_count,
        expected_samples: group.expected_samples,
        coverage: group.coverage,
        // groupFigures counts a circuit without samples as 0 W: a bucket where none reported is a gap, not a zero.
        avg_watts: group.sample_count > 0 ? group.avg_watts : null,
        max_watts: null,
        max_at: null,
      };
    });
    return { id: location.id, label: location.name, points };
  });
}

/**
 * Names a person can tell apart: a circuit's own name when no other circuit of the page shares it, else with its
 * sensor ("Panel-1 · Circuit 1"), else with its location too.
 */
export function circuitLabels(circuits: readonly CircuitRow[]): Map<string, string> {
  const forms = [
    (row: CircuitRow) => row.name,
    (row: CircuitRow) => `${row.sensorName} · ${row.name}`,
    (row: CircuitRow) => `${row.locationName} · ${row.sensorName} · ${row.name}`,
    (row: CircuitRow) => `${row.locationName} · ${row.sensorName} · ${row.name} (#${row.number}, ${row.id.slice(0, 8)})`,
  ];
  const counts = forms.map((form) => {
    const count = new Map<string, number>();
    for (const row of circuits) count.set(form(row), (count.get(form(row)) ?? 0) + 1);
    return count;
  });
  return new Map(
    circuits.map((row) => {
      // None unique (-1): the last form, which names the circuit by its number and id.
      const index = forms.findIndex((form, i) => counts[i]!.get(form(row)) === 1);
      return [row.id, forms.at(index)!(row)];
    }),
  );
}
