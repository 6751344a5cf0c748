import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, postJson } from "./helpers";
import { DAY_MS, naiveInstant, PROPERTY_SEED, writeNaive } from "./instant-arbitraries";

/*
 * Peaks naive (zone-less, whole-second) timestamps over random instants: a
 * reading reads back as written (in the `T` form) and is listed by exactly
 * the windows that contain it; one ending at it, or starting a second after
 * it, does not. Each run writes to a fresh market.
 */
const SECOND = 1000;
let fresh = 0;

describe("peaks instants", () => {
  it("a naive reading reads back as written, in exactly the windows that contain it", async () => {
    const span = fc.integer({ min: 1, max: 3 * DAY_MS }).map((ms) => Math.ceil(ms / SECOND) * SECOND);
    await fc.assert(
      fc.asyncProperty(naiveInstant, fc.nat({ max: 3 * DAY_MS }), span, fc.boolean(), async (instant, beforeMs, after, dateOnly) => {
        const market = `prop${++fresh}`;
        expect((await postJson("/v1/markets", { name: market })).status).toBe(201);
        const ingest = await postJson(`/v1/markets/${market}/readings`, { readings: [{ timestamp: instant.text, usage_kw: 1 }] });
        expect(ingest.status, instant.text).toBe(200);
        expect(await (await call(`/v1/markets/${market}`)).json()).toMatchObject({
          first_reading_at: instant.normalized,
          last_reading_at: instant.normalized,
        });

        const before = Math.floor(beforeMs / SECOND) * SECOND;
        const day = Math.floor(instant.ms / DAY_MS) * DAY_MS;
        const windows = [
          { name: "contains it", from: instant.ms - before, to: instant.ms + after, contains: true },
          { name: "its day", from: day, to: day + DAY_MS, contains: true },
          { name: "ends at it", from: instant.ms - Math.max(SECOND, before), to: instant.ms, contains: false },
          { name: "starts a second after it", from: instant.ms + SECOND, to: instant.ms + SECOND + after, contains: false },
        ];
        for (const window of windows) {
          const fromText = writeNaive(window.from, dateOnly);
          const toText = writeNaive(window.to, dateOnly);
          if (!fromText || !toText) continue;
          const label = `${instant.text} in [${fromText}, ${toText}) ${window.name}`;
          const response = await call(
            `/v1/markets/${market}/peaks?limit=100&from=${encodeURIComponent(fromText)}&to=${encodeURIComponent(toText)}`,
          );
          expect(response.status, label).toBe(200);
          const body = (await response.json()) as { from: string; to: string; peaks: Array<{ timestamp: string }> };
          const normalized = (ms: number) => writeNaive(ms, false)!.replace(" ", "T");
          expect({ from: body.from, to: body.to }, label).toEqual({ from: normalized(window.from), to: normalized(window.to) });
          expect(
            body.peaks.map((peak) => peak.timestamp),
            label,
          ).toEqual(window.contains ? [instant.normalized] : []);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 30 },
    );
  }, 120_000);

  it("refuses fractional seconds and offsets in a naive timestamp, naming the field", async () => {
    expect((await postJson("/v1/markets", { name: "strict" })).status).toBe(201);
    for (const timestamp of ["2024-01-01 00:00:00.5", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00+02:00"]) {
      const response = await postJson("/v1/markets/strict/readings", { readings: [{ timestamp, usage_kw: 1 }] });
      expect(response.status, timestamp).toBe(422);
      expect(((await response.json()) as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer)).toEqual([
        "/readings/0/timestamp",
      ]);
    }
  });
});
