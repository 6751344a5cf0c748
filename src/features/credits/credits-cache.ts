import type { Encoding } from "./usage-body";
import { perBinding, SnapshotCache } from "../../lib/snapshot-cache";
import { CREDITS_DATA } from "./credits.repository";

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
  const row = await d1
    .prepare(
      `SELECT (SELECT version FROM data_versions WHERE name = ?1) AS version, p.start, p.end, p.start_ms AS startMs, p.end_ms AS endMs
       FROM (SELECT 1) LEFT JOIN billing_periods AS p ON p.name = 'current'`,
    )
    .bind(CREDITS_DATA)
    .first<{ version: number | null; start: string | null; end: string | null; startMs: number | null; endMs: number | null }>();
  const generation = row?.version ?? 0;
  if (previous && previous.generation === generation) return previous;
  const period = row?.start && row.end ? { start: row.start, end: row.end, startMs: row.startMs!, endMs: row.endMs! } : undefined;
  return { generation, period };
}

/** null: the period is too large to hold, and is streamed instead. */
export type CreditsCache = SnapshotCache<D1Database, CreditsSnapshot, RenderedUsage | null>;

export const creditsCacheFor = perBinding<CreditsCache>(() => new SnapshotCache(loadCreditsSnapshot));
