import type { Database } from "../../lib/db";
import type { RenderedBody } from "../../lib/http-cache";
import { perBinding, SnapshotCache } from "../../lib/snapshot-cache";
import { loadMetadata, readInsightsVersions } from "./insights.repository";
import { indexMetadata, type MetadataIndex } from "./metadata-index";
import type { TileContext } from "./usage-reader";
import { TileStore } from "./usage-tiles";

/** A usage answer as computed once, with the rows D1 read for it (a later hit reads none). */
export interface UsageAnswer extends RenderedBody {
  rowsRead: number;
}

export interface InsightsSnapshot {
  metadata: MetadataIndex;
  versions: { readings: number; metadata: number };
  /** Moves with either version: usage answers are cached per generation. */
  generation: number;
}

export type InsightsCache = SnapshotCache<Database, InsightsSnapshot, UsageAnswer>;

/**
 * The metadata tree, reloaded only when a metadata write moved its version;
 * a readings ingest only moves the generation, dropping the cached answers.
 * The version check is one light query, at most once per TTL per isolate.
 */
export async function loadInsightsSnapshot(db: Database, previous: InsightsSnapshot | undefined): Promise<InsightsSnapshot> {
  const versions = await readInsightsVersions(db);
  if (previous && versions.readings === previous.versions.readings && versions.metadata === previous.versions.metadata) return previous;
  const metadata = previous && versions.metadata === previous.versions.metadata ? previous.metadata : indexMetadata(await loadMetadata(db));
  return { metadata, versions, generation: (previous?.generation ?? 0) + 1 };
}

export function createInsightsCache(ttlMs?: number, now?: () => number): InsightsCache {
  return new SnapshotCache(loadInsightsSnapshot, ttlMs, now);
}

export const insightsCacheFor = perBinding(() => createInsightsCache());

const tileStoreFor = perBinding(() => new TileStore());

/** The usage tiles of the snapshot's data generation, shared by every read of this isolate. */
export function tilesFor(d1: D1Database, snapshot: InsightsSnapshot): TileContext {
  return { store: tileStoreFor(d1), generation: snapshot.generation };
}
