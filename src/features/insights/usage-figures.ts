/** What a read of readings or rollups returns for one circuit (and bucket). */
export interface UsageAggregate {
  sampleCount: number;
  sumWatts: number;
  maxWatts: number | null;
  maxAt: number | null;
}

export const EMPTY_AGGREGATE: UsageAggregate = { sampleCount: 0, sumWatts: 0, maxWatts: null, maxAt: null };

/** Merges aggregates of disjoint parts; the maximum keeps its earliest time. */
export function combine(parts: Iterable<UsageAggregate>): UsageAggregate {
  let result = EMPTY_AGGREGATE;
  for (const part of parts) {
    if (part.sampleCount === 0) continue;
    const better =
      result.maxWatts === null ||
      (part.maxWatts !== null && (part.maxWatts > result.maxWatts || (part.maxWatts === result.maxWatts && part.maxAt! < result.maxAt!)));
    result = {
      sampleCount: result.sampleCount + part.sampleCount,
      sumWatts: result.sumWatts + part.sumWatts,
      maxWatts: better ? part.maxWatts : result.maxWatts,
      maxAt: better ? part.maxAt : result.maxAt,
    };
  }
  return result;
}

export interface UsageFigures {
  sample_count: number;
  expected_samples: number;
  coverage: number;
  total_watts: number;
  avg_watts: number | null;
  max_watts: number | null;
  max_at: string | null;
  energy_wh: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** ⌈n / d⌉ for integers, exact for negative n too (no floating-point quotient). */
function ceilDiv(n: number, d: number): number {
  const remainder = ((n % d) + d) % d;
  return (n - remainder) / d + (remainder === 0 ? 0 : 1);
}

/** A half-open window [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * Samples a sensor should have produced in [from, to): the instants of its
 * sample grid inside the window. The grid is anchored at the Unix epoch, so
 * its instants are k × interval for every integer k, before 1970 too.
 */
export function expectedSamples(window: TimeWindow, intervalSeconds: number): number {
  const interval = intervalSeconds * 1000;
  return ceilDiv(window.to, interval) - ceilDiv(window.from, interval);
}

/**
 * The share of due samples that arrived, never above 1: readings off the
 * grid, or more readings than grid instants, count for no more than were
 * due. A window holding no grid instant misses nothing, so its coverage is 1.
 */
export function coverageOf(samples: number, expected: number): number {
  return expected > 0 ? round(Math.min(samples, expected) / expected, 6) : 1;
}

/**
 * The figures of one circuit: total_watts is the sum of readings (the
 * origin's "total watts"), avg the mean reading, energy Σ power × the
 * sensor's sample interval, coverage samples over expected samples.
 */
export function circuitFigures(
  aggregate: UsageAggregate,
  window: TimeWindow,
  intervalSeconds: number,
  formatTime: (ms: number) => string,
): UsageFigures {
  const expected = expectedSamples(window, intervalSeconds);
  return {
    sample_count: aggregate.sampleCount,
    expected_samples: expected,
    coverage: coverageOf(aggregate.sampleCount, expected),
    total_watts: round(aggregate.sumWatts, 3),
    avg_watts: aggregate.sampleCount > 0 ? round(aggregate.sumWatts / aggregate.sampleCount, 3) : null,
    max_watts: aggregate.maxWatts,
    max_at: aggregate.maxAt === null ? null : formatTime(aggregate.maxAt),
    energy_wh: round((aggregate.sumWatts * intervalSeconds) / 3600, 3),
  };
}

export interface GroupFigures {
  circuit_count: number;
  sample_count: number;
  expected_samples: number;
  coverage: number;
  total_watts: number;
  /** Σ over circuits of each circuit's average: the group's average total draw. */
  avg_watts: number;
  avg_watts_per_circuit: number | null;
  energy_wh: number;
}

/** Figures of a group of circuits (a location, an organisation) from its circuits' figures. */
export function groupFigures(circuits: readonly UsageFigures[]): GroupFigures {
  const sampleCount = circuits.reduce((sum, c) => sum + c.sample_count, 0);
  const expected = circuits.reduce((sum, c) => sum + c.expected_samples, 0);
  // Per circuit, so one circuit's extra readings cannot hide another's gap.
  const covered = circuits.reduce((sum, c) => sum + Math.min(c.sample_count, c.expected_samples), 0);
  const avg = circuits.reduce((sum, c) => sum + (c.avg_watts ?? 0), 0);
  return {
    circuit_count: circuits.length,
    sample_count: sampleCount,
    expected_samples: expected,
    coverage: coverageOf(covered, expected),
    total_watts: round(
      circuits.reduce((sum, c) => sum + c.total_watts, 0),
      3,
    ),
    avg_watts: round(avg, 3),
    avg_watts_per_circuit: circuits.length > 0 ? round(avg / circuits.length, 3) : null,
    energy_wh: round(
      circuits.reduce((sum, c) => sum + c.energy_wh, 0),
      3,
    ),
  };
}
