import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, postJson } from "../helpers";

const SENSOR = { id: "aaaaaaaa-0000-4000-8000-000000000001", duid: "PROPDUID0001" };
const BASE = Date.parse("2024-02-27T00:00:00Z");
const SPAN_MINUTES = 5 * 24 * 60;

/** Raw truth: the model of stored readings, queried directly. */
function truth(model: Map<number, number>, from: number, to: number) {
  const rows = [...model].filter(([ts]) => ts >= from && ts < to);
  const total = rows.reduce((sum, [, w]) => sum + w, 0);
  const max = rows.length ? Math.max(...rows.map(([, w]) => w)) : null;
  const maxAt = rows
    .filter(([, w]) => w === max)
    .map(([ts]) => ts)
    .sort((a, b) => a - b)[0];
  return {
    sample_count: rows.length,
    total_watts: total,
    max_watts: max,
    max_at: maxAt === undefined ? null : new Date(maxAt).toISOString().replace(".000Z", "Z"),
  };
}

describe("rollups property", () => {
  it("random data and random windows give the same figures from rollups as from raw readings", async () => {
    const meta = await postJson("/v1/insights/metadata", {
      brands: [{ id: "aaaaaaaa-0000-4000-8000-0000000000b1", name: "Prop" }],
      organizations: [{ id: "aaaaaaaa-0000-4000-8000-0000000000c1", brand_id: "aaaaaaaa-0000-4000-8000-0000000000b1", name: "Prop org" }],
      locations: [
        { id: "aaaaaaaa-0000-4000-8000-0000000000d1", organization_id: "aaaaaaaa-0000-4000-8000-0000000000c1", name: "Prop site" },
      ],
      electric_sensors: [{ ...SENSOR, name: "Prop panel", location_id: "aaaaaaaa-0000-4000-8000-0000000000d1" }],
      circuits: [{ sensor_id: SENSOR.id, circuit_number: 1, name: "C1" }],
    });
    const circuitId = ((await meta.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids[0]!.id;
    const model = new Map<number, number>();

    // Irregular readings (any second of the span), small integer watts (many tied maxima), and corrections of earlier ones.
    const reading = fc.record({ second: fc.nat(SPAN_MINUTES * 60 - 1), watts: fc.nat(20) });
    const window = fc.tuple(fc.nat(SPAN_MINUTES * 60 + 3600), fc.nat(SPAN_MINUTES * 60 + 3600)).filter(([a, b]) => a !== b);

    await fc.assert(
      fc.asyncProperty(
        fc.array(reading, { minLength: 1, maxLength: 300 }),
        fc.array(window, { minLength: 1, maxLength: 6 }),
        async (batch, windows) => {
          const unique = new Map(batch.map((r) => [BASE + r.second * 1000, r.watts]));
          const body = [...unique].map(([ts, watts]) => ({
            duid: SENSOR.duid,
            circuit_number: 1,
            timestamp: new Date(ts).toISOString(),
            power_watts: watts,
          }));
          expect((await postJson("/v1/insights/readings", body)).status).toBe(200);
          for (const [ts, watts] of unique) model.set(ts, watts);
          for (const [a, b] of windows) {
            const from = BASE - 1800_000 + Math.min(a, b) * 1000;
            const to = BASE - 1800_000 + Math.max(a, b) * 1000;
            const query = `start=${new Date(from).toISOString()}&end=${new Date(to).toISOString()}`;
            const usage = ((await (await call(`/v1/circuits/${circuitId}/usage?${query}`)).json()) as { usage: Record<string, unknown> })
              .usage;
            const expected = truth(model, from, to);
            expect({
              sample_count: usage.sample_count,
              total_watts: usage.total_watts,
              max_watts: usage.max_watts,
              max_at: usage.max_at,
            }).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
