import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { circuitId } from "../../../src/features/insights/circuit-id";
import { createInsightsCache } from "../../../src/features/insights/insights-cache";
import { findCircuit, organizationTree } from "../../../src/features/insights/metadata-index";
import { circuitUsage, organizationUsage } from "../../../src/features/insights/usage-answers";
import { database } from "../../../src/lib/db";
import { call, postJson } from "../helpers";

const id = (n: number) => `cccccccc-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const ORG = id(0xc1);
const SENSORS = [
  { id: id(1), duid: "CACHEPROP01", location: id(0xd1) },
  { id: id(2), duid: "CACHEPROP02", location: id(0xd2) },
];
const BASE = Date.parse("2024-03-30T00:00:00Z");
const SPAN_MINUTES = 3 * 24 * 60;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

async function createTree(): Promise<string[]> {
  const response = await postJson("/v1/insights/metadata", {
    brands: [{ id: id(0xb1), name: "Cache brand" }],
    organizations: [{ id: ORG, brand_id: id(0xb1), name: "Cache org" }],
    locations: SENSORS.map((s, i) => ({ id: s.location, organization_id: ORG, name: `Site ${i}` })),
    electric_sensors: SENSORS.map((s) => ({ id: s.id, duid: s.duid, name: "Panel", location_id: s.location })),
    circuits: SENSORS.flatMap((s) => [1, 2].map((n) => ({ sensor_id: s.id, circuit_number: n, name: `C${n}` }))),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids.map((c) => c.id);
}

const reading = fc.record({
  sensor: fc.integer({ min: 0, max: SENSORS.length - 1 }),
  circuit: fc.integer({ min: 1, max: 2 }),
  minute: fc.integer({ min: 0, max: SPAN_MINUTES - 1 }),
  watts: fc.integer({ min: 0, max: 50 }),
});
const window = fc
  .tuple(fc.integer({ min: -60, max: SPAN_MINUTES + 60 }), fc.integer({ min: 1, max: SPAN_MINUTES }))
  .map(([start, length]) => ({ from: BASE + start * 60_000, to: BASE + (start + length) * 60_000 }));
const step = fc.oneof(
  fc.record({ ingest: fc.array(reading, { minLength: 1, maxLength: 30 }) }),
  fc.record({ read: window, circuit: fc.integer({ min: -1, max: 3 }), resolution: fc.constantFrom(undefined, "1h" as const) }),
);

/** The answer built from D1 directly, with no cache anywhere: what a cached answer must equal. */
async function uncached(circuitIds: string[], read: { from: number; to: number }, circuit: number, resolution?: "1h") {
  const snapshot = await createInsightsCache().get(database(env.DB));
  if (circuit < 0) return (await organizationUsage(env.DB, organizationTree(snapshot.metadata, ORG)!, read)).body;
  return (await circuitUsage(env.DB, findCircuit(snapshot.metadata, circuitIds[circuit]!)!, read, resolution)).body;
}

describe("insights usage cache", () => {
  it("answers every read, first or repeated, as an uncached read of the same data does, across random ingests", async () => {
    const circuitIds = await createTree();
    let hits = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          if ("ingest" in s) {
            const batch = s.ingest.map((r) => ({
              duid: SENSORS[r.sensor]!.duid,
              circuit_number: r.circuit,
              timestamp: iso(BASE + r.minute * 60_000),
              power_watts: r.watts,
            }));
            // One instant given two values is refused whole: keep the last of each.
            const unique = [...new Map(batch.map((r) => [`${r.duid}|${r.circuit_number}|${r.timestamp}`, r])).values()];
            expect((await postJson("/v1/insights/readings", unique)).status).toBe(200);
            continue;
          }
          const query = `start=${iso(s.read.from)}&end=${iso(s.read.to)}`;
          const path =
            s.circuit < 0
              ? `/v1/organizations/${ORG}/usage?${query}`
              : `/v1/circuits/${circuitIds[s.circuit]}/usage?${query}${s.resolution ? `&resolution=${s.resolution}` : ""}`;
          const expected = await uncached(circuitIds, s.read, s.circuit, s.circuit < 0 ? undefined : s.resolution);
          for (let repeat = 0; repeat < 2; repeat++) {
            const response = await call(path);
            expect(response.status).toBe(200);
            if (response.headers.get("X-Rows-Read") === "0") hits++;
            expect(await response.json()).toEqual(expected);
          }
        }
      }),
      { numRuns: 25, seed: 20261205 },
    );
    // The repeats were served from the cache (X-Rows-Read 0), so the equality above tested cached answers.
    expect(hits).toBeGreaterThan(10);
  });

  it("answers 304 to the ETag of an unchanged answer, and a new body after an ingest through this isolate", async () => {
    const [circuit] = await createTree();
    const path = `/v1/circuits/${circuit}/usage?start=2024-05-01T00:00:00Z&end=2024-05-02T00:00:00Z`;
    const first = await call(path);
    const etag = first.headers.get("ETag")!;
    expect(((await first.json()) as { usage: { sample_count: number } }).usage.sample_count).toBe(0);
    const again = await call(path, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("X-Rows-Read")).toBe("0");

    const ingest = [{ duid: SENSORS[0]!.duid, circuit_number: 1, timestamp: "2024-05-01T10:00:00Z", power_watts: 7 }];
    expect((await postJson("/v1/insights/readings", ingest)).status).toBe(200);
    const after = await call(path, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    expect(((await after.json()) as { usage: { sample_count: number } }).usage.sample_count).toBe(1);
  });

  it("reads from D1 only the tiles no earlier window of the same data read: a window a minute later reads none", async () => {
    await createTree();
    const readings = [1, 2].flatMap((circuit_number) =>
      Array.from({ length: 240 }, (_, i) => ({
        duid: SENSORS[1]!.duid,
        circuit_number,
        timestamp: iso(Date.parse("2024-06-01T09:00:00Z") + i * 60_000),
        power_watts: i % 17,
      })),
    );
    expect((await postJson("/v1/insights/readings", readings)).status).toBe(200);
    const [circuitB, otherCircuit] = await Promise.all([circuitId(SENSORS[1]!.id, 1), circuitId(SENSORS[1]!.id, 2)]);
    const read = async (id: string, start: string, end: string) => {
      const response = await call(`/v1/circuits/${id}/usage?start=${start}&end=${end}`);
      return {
        rowsRead: Number(response.headers.get("X-Rows-Read")),
        body: (await response.json()) as { usage: { sample_count: number } },
      };
    };
    const first = await read(circuitB, "2024-06-01T10:07:00Z", "2024-06-01T12:07:00Z");
    expect(first.body.usage.sample_count).toBe(120);
    expect(first.rowsRead).toBeGreaterThan(0);
    const later = await read(circuitB, "2024-06-01T10:08:00Z", "2024-06-01T12:08:00Z");
    expect(later.body.usage.sample_count).toBe(120);
    expect(later.rowsRead).toBe(0);
    // Another circuit's tiles are its own.
    expect((await read(otherCircuit, "2024-06-01T10:09:00Z", "2024-06-01T12:09:00Z")).rowsRead).toBeGreaterThan(0);
  });

  it("sees another isolate's ingest once its TTL has run out, and not a moment before it needs to", async () => {
    const [circuit] = await createTree();
    const db = database(env.DB);
    let now = 0;
    // A cache on the same D1 that this isolate's writes never invalidate: another isolate's.
    const other = createInsightsCache(1000, () => now);
    const before = await other.get(db);
    const ingest = [{ duid: SENSORS[0]!.duid, circuit_number: 1, timestamp: "2024-03-30T11:00:00Z", power_watts: 9 }];
    expect((await postJson("/v1/insights/readings", ingest)).status).toBe(200);
    expect(await other.get(db)).toBe(before);
    now += 1000;
    const after = await other.get(db);
    expect(after.generation).toBe(before.generation + 1);
    // Readings moved, metadata did not: the tree is kept, not reloaded.
    expect(after.metadata).toBe(before.metadata);
    expect(findCircuit(after.metadata, circuit!)).toBeDefined();
  });
});
