import { combine, type UsageAggregate } from "../usage-figures";

/**
 * Folds aggregates read at a fixed step from `from` (index i covers [from + i·step, from + (i+1)·step), as readUsage
 * returns them) into the buckets between consecutive `edges`: the zone's calendar days from hourly aggregates, say,
 * 23 or 25 of them across a DST change. Each fine part falls in the bucket holding its start; `readStep` picks a step
 * that every edge falls on, so no part straddles two buckets. A bucket nothing fell in is the empty aggregate.
 */
export function foldIntoBuckets(
  parts: ReadonlyMap<number, UsageAggregate> | undefined,
  from: number,
  step: number,
  edges: readonly number[],
): UsageAggregate[] {
  const buckets: UsageAggregate[][] = Array.from({ length: Math.max(0, edges.length - 1) }, () => []);
  for (const [index, aggregate] of parts ?? []) {
    const bucket = bucketOf(edges, from + index * step);
    if (bucket >= 0 && bucket < buckets.length) buckets[bucket]!.push(aggregate);
  }
  return buckets.map((list) => combine(list));
}

/** The i with edges[i] ≤ at < edges[i + 1] (binary search: edges ascend); -1 before the first edge, n past the last. */
function bucketOf(edges: readonly number[], at: number): number {
  let low = 0;
  let high = edges.length - 1;
  if (at < edges[0]!) return -1;
  if (at >= edges[high]!) return high;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (edges[middle]! <= at) low = middle;
    else high = middle;
  }
  return low;
}
