import { perBinding, SnapshotCache } from "../../lib/snapshot-cache";
import { versionAndPeriod } from "./credits.repository";
import type { Encoding } from "./usage-body";

export interface CreditsSnapshot {
  /** The credits data version: every message, report or period write bumps it. */
  generation: number;
  period: { start: string; end: string; startMs: number; endMs: number } | undefined;
}

/** A usage body rendered once per data version: the JSON text and its compressed forms. */
export interface RenderedUsage {
  json: string;
  encoded: Record<Encoding, ArrayBuffer>;
}

async function loadCreditsSnapshot(d1: D1Database, previous: CreditsSnapshot | undefined): Promise<CreditsSnapshot> {
  const { version: generation, period } = await versionAndPeriod(d1);
  if (previous && previous.generation === generation) return previous;
  return { generation, period: period && { start: period.start, end: period.end, startMs: period.startMs, endMs: period.endMs } };
}

/** null: the period is too large to hold, and is streamed instead. */
export type CreditsCache = SnapshotCache<D1Database, CreditsSnapshot, RenderedUsage | null>;

export const creditsCacheFor = perBinding<CreditsCache>(() => new SnapshotCache(loadCreditsSnapshot));
