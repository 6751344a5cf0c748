import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, postJson } from "./helpers";
import { canonical, DAY_MS, PROPERTY_SEED, propertyUuid, windowShape, windowsAround, writtenInstant } from "./instant-arbitraries";

/*
 * Insights readings and usage windows over random instants: a reading reads
 * back at its instant (max_at), and is counted by exactly the windows that
 * contain it, in the totals and in the series. Storage is shared by the runs
 * of this file, so each run ingests under a fresh sensor.
 */
const RUNS = 30;

const BRAND = propertyUuid(0xb0000001);
const ORG = propertyUuid(0xb0000002);
const LOCATION = propertyUuid(0xb0000003);
let fresh = 0;

beforeAll(async () => {
  const response = await postJson("/v1/insights/metadata", {
    brands: [{ id: BRAND, name: "Property brand" }],
    organizations: [{ id: ORG, brand_id: BRAND, name: "Property org" }],
    locations: [{ id: LOCATION, organization_id: ORG, name: "Property site" }],
  });
  expect(response.status).toBe(200);
});

interface Figures {
  sample_count: number;
  expected_samples: number;
  coverage: number;
  max_watts: number | null;
  max_at: string | null;
}

/** A new sensor with one circuit; its circuit id. */
async function freshCircuit(duid: string): Promise<string> {
  const sensor = propertyUuid(++fresh);
  const response = await postJson("/v1/insights/metadata", {
    electric_sensors: [{ id: sensor, duid, name: `Panel ${fresh}`, location_id: LOCATION, sample_interval_seconds: 60 }],
    circuits: [{ sensor_id: sensor, circuit_number: 1, name: "C1" }],
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids[0]!.id;
}

describe("insights instants", () => {
  it("a reading reads back at its instant, counted only by the windows that contain it", async () => {
    await fc.assert(
      fc.asyncProperty(writtenInstant, fc.integer({ min: 0, max: 1_000_000 }), windowShape(6 * DAY_MS), async (instant, watts, shape) => {
        const duid = `PROP${fresh + 1}`;
        const circuit = await freshCircuit(duid);
        const ingest = await postJson("/v1/insights/readings", [{ duid, circuit_number: 1, timestamp: instant.text, power_watts: watts }]);
        expect(ingest.status, instant.text).toBe(200);

        for (const window of windowsAround(instant.ms, shape)) {
          const label = `${instant.text} in [${window.fromText}, ${window.toText}) ${window.name}`;
          const query = `start=${encodeURIComponent(window.fromText)}&end=${encodeURIComponent(window.toText)}&resolution=1h`;
          const response = await call(`/v1/circuits/${circuit}/usage?${query}`);
          expect(response.status, label).toBe(200);
          const body = (await response.json()) as { window: { start: string; end: string }; usage: Figures; series: Figures[] };
          expect(body.window, label).toEqual({ start: canonical(window.from), end: canonical(window.to) });
          expect(body.usage.sample_count, label).toBe(window.contains ? 1 : 0);
          if (window.contains) expect(body.usage, label).toMatchObject({ max_watts: watts, max_at: canonical(instant.ms) });
          expect(Number.isInteger(body.usage.expected_samples), label).toBe(true);
          expect(body.usage.coverage, label).toBeLessThanOrEqual(1);
          expect(
            body.series.reduce((sum, bucket) => sum + bucket.sample_count, 0),
            `${label}: series`,
          ).toBe(body.usage.sample_count);
          expect(
            body.series.reduce((sum, bucket) => sum + bucket.expected_samples, 0),
            `${label}: series`,
          ).toBe(body.usage.expected_samples);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: RUNS },
    );
  }, 120_000);
});
