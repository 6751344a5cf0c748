import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMarket, ingestReadings, loadPeakTable } from "../../../src/features/peaks/peaks.repository";
import { database } from "../../../src/lib/db";
import { call, postJson } from "../helpers";

type Model = Map<string, number>;

/** The reference: all readings sorted independently, cut at K. */
function topK(model: Model, k: number): Array<[string, number]> {
  return [...model].sort(([ta, va], [tb, vb]) => vb - va || (ta < tb ? -1 : 1)).slice(0, k);
}

const ts = (i: number) => `2022-07-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`;

/** Batches over a small pool of timestamps and values: many ties, and most later writes are corrections or repeats. */
const batches = (timestamps: number, values: number) =>
  fc.array(
    fc.uniqueArray(fc.record({ t: fc.nat(timestamps - 1), v: fc.nat(values) }), { selector: (r) => r.t, minLength: 1, maxLength: 25 }),
    { minLength: 1, maxLength: 8 },
  );

let nextMarket = 0;

describe("peak table property", () => {
  for (const k of [1, 3, 10]) {
    it(`stays equal to the top ${k} of a full recomputation under random ingests and corrections`, async () => {
      const db = database(env.DB);
      await fc.assert(
        fc.asyncProperty(batches(3 * k + 5, 4), async (ops) => {
          const { market } = await createMarket(db, { name: `prop${nextMarket++}` });
          const model: Model = new Map();
          let version = 0;
          for (const batch of ops) {
            const rows = batch.map((r) => ({ timestamp: ts(r.t), usage_kw: r.v }));
            const counts = await ingestReadings(db, market.id, rows, k);
            const expectedUpdated = rows.filter((r) => model.has(r.timestamp) && model.get(r.timestamp) !== r.usage_kw).length;
            const expectedInserted = rows.filter((r) => !model.has(r.timestamp)).length;
            expect(counts).toEqual({
              inserted: expectedInserted,
              updated: expectedUpdated,
              unchanged: rows.length - expectedInserted - expectedUpdated,
              version: ++version,
            });
            for (const r of rows) model.set(r.timestamp, r.usage_kw);
            const table = (await loadPeakTable(db, [market.id])).map((p): [string, number] => [p.timestamp, p.usage_kw]);
            expect(table).toEqual(topK(model, k));
          }
        }),
        { numRuns: 25 },
      );
    });
  }

  it("holds through the API at the real K of 100, with peaks lowered below the 100th reading", async () => {
    expect((await postJson("/v1/markets", { name: "apiprop" })).status).toBe(201);
    const model: Model = new Map();
    await fc.assert(
      fc.asyncProperty(batches(160, 6), async (ops) => {
        for (const batch of ops) {
          const readings = batch.map((r) => ({ timestamp: ts(r.t), usage_kw: r.v }));
          expect((await postJson("/v1/markets/apiprop/readings", { readings })).status).toBe(200);
          for (const r of readings) model.set(r.timestamp, r.usage_kw);
        }
        const body = (await (await call("/v1/markets/apiprop/peaks?limit=100")).json()) as {
          peaks: Array<{ timestamp: string; usage_kw: number }>;
        };
        expect(body.peaks.map((p): [string, number] => [p.timestamp, p.usage_kw])).toEqual(topK(model, 100));
      }),
      { numRuns: 15 },
    );
  });
});
