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
 * A tile's rows packed into one array of doubles, five a row (t, n, s, m, at; every field is a number, so nothing
 * is lost): held rows are one flat buffer per tile that the garbage collector never walks, not a small object per
 * row it must trace at every collection of the isolate, nor five buffers per tile for it to track.
 */
export interface PackedTile {
  length: number;
  values: Float64Array;
}

export const TILE_STRIDE = 5;

export function packTile(rows: readonly PartRow[]): PackedTile {
  const values = new Float64Array(rows.length * TILE_STRIDE);
  rows.forEach((row, i) => {
    values.set([row.t, row.n, row.s, row.m, row.at], i * TILE_STRIDE);
  });
  return { length: rows.length, values };
}

/**
 * Tiles of one data generation, in isolate memory: a write moves the
 * generation and drops them all. Bounded by rows (40 bytes each, 4 MB in
 * all), oldest tiles first out: a dashboard's windows need a few dozen tiles.
 */
export class TileStore {
  private generation: number | undefined;
  private readonly tiles = new Map<string, PackedTile>();
  private rows = 0;

  constructor(private readonly maxRows = 100_000) {}

  get(generation: number, id: string): PackedTile | undefined {
    return generation === this.generation ? this.tiles.get(id) : undefined;
  }

  put(generation: number, id: string, rows: PackedTile): void {
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
