import { describe, expect, it } from "vitest";
import { fetchRanges, type PartRow, packTile, TileStore, tileIdOf, tilesOf } from "./usage-tiles";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const row = (t: number): PartRow => ({ k: 1, t, n: 1, s: 1, m: 1, at: t });
const rows = (...ts: number[]) => packTile(ts.map(row));

describe("usage tiles", () => {
  it("cover a segment with whole hours of raw readings, days of hourly rollups and months of daily rollups", () => {
    const raw = tilesOf({ source: "raw", from: 10 * HOUR + 7 * 60_000, to: 11 * HOUR + 5 * 60_000 }, 3, 10)!;
    expect(raw.map((t) => [t.from, t.to])).toEqual([
      [10 * HOUR, 11 * HOUR],
      [11 * HOUR, 12 * HOUR],
    ]);
    const hours = tilesOf({ source: "hour", from: DAY + HOUR, to: 3 * DAY }, 3, 10)!;
    expect(hours.map((t) => t.from)).toEqual([DAY, 2 * DAY]);
    const days = tilesOf({ source: "day", from: Date.UTC(2024, 0, 31), to: Date.UTC(2024, 2, 2) }, 3, 10)!;
    expect(days.map((t) => new Date(t.from).toISOString().slice(0, 10))).toEqual(["2024-01-01", "2024-02-01", "2024-03-01"]);
    expect(days.at(-1)!.to).toBe(Date.UTC(2024, 3, 1));
    expect(tilesOf({ source: "raw", from: 0, to: 5 * HOUR }, 3, 4)).toBeUndefined();
    const yearZero = Date.parse("0000-02-29T00:00:00Z");
    expect(tilesOf({ source: "day", from: yearZero, to: yearZero + DAY }, 3, 10)![0]!.from).toBe(Date.parse("0000-02-01T00:00:00Z"));
  });

  it("reads neighbouring tiles of one source and circuit as one range, and files each row under its tile", () => {
    const tiles = [
      ...tilesOf({ source: "raw", from: 2 * HOUR, to: 3 * HOUR }, 1, 9)!,
      ...tilesOf({ source: "raw", from: 0, to: 2 * HOUR }, 1, 9)!,
      ...tilesOf({ source: "raw", from: 0, to: HOUR }, 2, 9)!,
    ];
    expect(fetchRanges(tiles)).toEqual([
      { source: "raw", key: 1, from: 0, to: 3 * HOUR },
      { source: "raw", key: 2, from: 0, to: HOUR },
    ]);
    expect(tileIdOf("raw", row(HOUR + 5))).toBe(`raw|1|${HOUR}`);
    expect(tileIdOf("day", row(Date.UTC(2024, 1, 29)))).toBe(`day|1|${Date.UTC(2024, 1, 1)}`);
  });

  it("packs a tile's rows as the exact same numbers, five a row", () => {
    const packed = packTile([row(1), { k: 7, t: 3, n: 60, s: 0.1 + 0.2, m: 9.75, at: 5 }]);
    expect(packed.length).toBe(2);
    expect([...packed.values]).toEqual([1, 1, 1, 1, 1, 3, 60, 0.1 + 0.2, 9.75, 5]);
  });

  it("keeps tiles of one generation only, and drops the oldest past its row budget", () => {
    const store = new TileStore(3);
    store.put(1, "a", rows(1, 2));
    store.put(1, "b", rows(3));
    expect(store.get(1, "a")?.length).toBe(2);
    expect(store.get(2, "a")).toBeUndefined();
    store.put(1, "c", rows(4));
    expect(store.get(1, "a")).toBeUndefined();
    expect(store.get(1, "b")?.length).toBe(1);
    store.put(2, "d", rows(5));
    expect(store.get(1, "b")).toBeUndefined();
    // A read that began before the write keeps nothing of the older generation.
    store.put(1, "e", rows(6));
    expect(store.get(1, "e")).toBeUndefined();
    expect(store.get(2, "d")?.length).toBe(1);
  });
});
