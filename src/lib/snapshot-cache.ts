/** What a cache holds: any snapshot that says when it changed. */
export interface Versioned {
  /** Changes whenever the snapshot's data changes: rendered bodies are keyed on it. */
  generation: number;
}

/** Loads a fresh snapshot, reusing what it can of the previous one. */
export type SnapshotLoader<Source, S extends Versioned> = (source: Source, previous: S | undefined) => Promise<S>;

const MAX_RENDERED = 512;

/**
 * A snapshot of stored data held in isolate memory, so hot reads need no
 * D1 round trip, plus bodies rendered from it. A write through this isolate
 * invalidates it (the next read reloads); writes through other isolates are
 * seen within `ttlMs`, when the loader checks again.
 *
 * Workers forbid awaiting a promise whose I/O belongs to another request
 * (the waiting request is cancelled as hung), so loads are never shared:
 * after a write here each request loads for itself; when only the TTL ran
 * out, one request loads while the others answer from the current snapshot.
 */
export class SnapshotCache<Source, S extends Versioned, R> {
  private snapshot: S | undefined;
  private checkedAt = 0;
  private invalidations = 0;
  private loadedAt = -1;
  private loading = false;
  private readonly rendered = new Map<string, R>();

  constructor(
    private readonly loader: SnapshotLoader<Source, S>,
    private readonly ttlMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(source: Source): Promise<S> {
    const snapshot = this.snapshot;
    if (!snapshot || this.loadedAt !== this.invalidations) return this.load(source);
    if (this.now() - this.checkedAt < this.ttlMs || this.loading) return snapshot;
    this.loading = true;
    try {
      return await this.load(source);
    } finally {
      this.loading = false;
    }
  }

  /** Called after every write through this isolate. */
  invalidate(): void {
    this.invalidations++;
  }

  /** A body rendered from this snapshot generation, rendered on first use. */
  async renderedFor(snapshot: S, key: string, render: () => Promise<R>): Promise<R> {
    const fullKey = `${snapshot.generation}|${key}`;
    const hit = this.rendered.get(fullKey);
    if (hit !== undefined) return hit;
    const value = await render();
    if (this.rendered.size >= MAX_RENDERED) this.rendered.delete(this.rendered.keys().next().value!);
    this.rendered.set(fullKey, value);
    return value;
  }

  private async load(source: Source): Promise<S> {
    const startedAt = this.invalidations;
    const previous = this.snapshot;
    const snapshot = await this.loader(source, previous);
    if (snapshot.generation !== previous?.generation) {
      for (const key of this.rendered.keys()) if (!key.startsWith(`${snapshot.generation}|`)) this.rendered.delete(key);
    }
    this.snapshot = snapshot;
    this.checkedAt = this.now();
    // A write that landed while this load ran may be missing from it: stay stale for the next read.
    this.loadedAt = startedAt;
    return snapshot;
  }
}

/** One cache per D1 binding per isolate (tests give each file its own database). */
export function perBinding<C>(create: () => C): (d1: D1Database) => C {
  const caches = new WeakMap<D1Database, C>();
  return (d1) => {
    let cache = caches.get(d1);
    if (!cache) {
      cache = create();
      caches.set(d1, cache);
    }
    return cache;
  };
}
