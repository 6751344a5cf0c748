import { DAY_MS, HOUR_MS } from "../../lib/instant";
import type { Segment, Source } from "./window-plan";

/** One stored row as a usage read folds it: a raw reading (n = 1) or a rollup bucket. */
export interface PartRow {
  k: number;
  t: number;
  n: number;
  s: number;
  m: number;
  at: number;
}

/**
 * A tile is every row of one source for one circuit over a fixed UTC span:
 * raw readings by hour, hourly rollups by day, daily rollups by month. A
 * window's edges and middle fall on tiles shared with the windows around it,
 * so a dashboard's moving or zoomed window reads from D1 only the tiles no
 * earlier window touched.
 */
export interface Tile {
  id: string;
  source: Source;
  key: number;
  from: number;
  to: number;
}

function tileSpan(source: Source, t: number): { from: number; to: number } {
  if (source === "raw") {
    const from = Math.floor(t / HOUR_MS) * HOUR_MS;
    return { from, to: from + HOUR_MS };
  }
  if (source === "hour") {
    const from = Math.floor(t / DAY_MS) * DAY_MS;
    return { from, to: from + DAY_MS };
  }
  // Through setters, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999, and instants go back to year 0.
  const month = new Date(t);
  month.setUTCDate(1);
  month.setUTCHours(0, 0, 0, 0);
  const next = new Date(month);
  next.setUTCMonth(month.getUTCMonth() + 1);
  return { from: month.getTime(), to: next.getTime() };
}

/** The tiles holding a segment's rows for one circuit, in time order; undefined past `limit` tiles. */
export function tilesOf(segment: Segment, key: number, limit: number): Tile[] | undefined {
  const tiles: Tile[] = [];
  for (let t = segment.from; t < segment.to; ) {
    if (tiles.length >= limit) return undefined;
    const span = tileSpan(segment.source, t);
    tiles.push({ id: `${segment.source}|${key}|${span.from}`, source: segment.source, key, ...span });
    t = span.to;
  }
  return tiles;
}

/** Tiles of one source and circuit that follow each other, as the fewest ranges to read. */
export function fetchRanges(tiles: readonly Tile[]): Array<{ source: Source; key: number; from: number; to: number }> {
  const sorted = [...tiles].sort((a, b) => a.source.localeCompare(b.source) || a.key - b.key || a.from - b.from);
  const ranges: Array<{ source: Source; key: number; from: number; to: number }> = [];
  for (const tile of sorted) {
    const last = ranges.at(-1);
    if (last && last.source === tile.source && last.key === tile.key && last.to === tile.from) last.to = tile.to;
    else ranges.push({ source: tile.source, key: tile.key, from: tile.from, to: tile.to });
  }
  return ranges;
}

/** The tile a fetched row belongs to. */
export function tileIdOf(source: Source, row: PartRow): string {
  return `${source}|${row.k}|${tileSpan(source, row.t).from}`;
}

/**
 * A tile's rows as columns of doubles (every field is a number, so nothing is
 * lost): hundreds of thousands of held rows are a few flat buffers the
 * garbage collector never walks, not as many small objects it must trace at
 * every collection of the isolate.
 */
export interface TileColumns {
  length: number;
  t: Float64Array;
  n: Float64Array;
  s: Float64Array;
  m: Float64Array;
  at: Float64Array;
}

export function tileColumns(rows: readonly PartRow[]): TileColumns {
  const column = (field: keyof PartRow) => Float64Array.from(rows, (row) => row[field]);
  return { length: rows.length, t: column("t"), n: column("n"), s: column("s"), m: column("m"), at: column("at") };
}

/**
 * Tiles of one data generation, in isolate memory: a write moves the
 * generation and drops them all. Bounded by rows (40 bytes each), oldest
 * tiles first out.
 */
export class TileStore {
  private generation: number | undefined;
  private readonly tiles = new Map<string, TileColumns>();
  private rows = 0;

  constructor(private readonly maxRows = 250_000) {}

  get(generation: number, id: string): TileColumns | undefined {
    return generation === this.generation ? this.tiles.get(id) : undefined;
  }

  put(generation: number, id: string, rows: TileColumns): void {
    // A read that began under an older generation answers its caller, but keeps nothing.
    if (this.generation !== undefined && generation < this.generation) return;
    if (generation !== this.generation) {
      this.tiles.clear();
      this.rows = 0;
      this.generation = generation;
    }
    this.rows -= this.tiles.get(id)?.length ?? 0;
    this.tiles.delete(id);
    this.tiles.set(id, rows);
    this.rows += rows.length;
    for (const [oldest, kept] of this.tiles) {
      if (this.rows <= this.maxRows || oldest === id) break;
      this.tiles.delete(oldest);
      this.rows -= kept.length;
    }
  }
}
