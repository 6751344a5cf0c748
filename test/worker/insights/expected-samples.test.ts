import { beforeAll, describe, expect, it } from "vitest";
import { call, postJson } from "../helpers";

const BRAND = "cccccccc-0000-4000-8000-000000000001";
const ORG = "cccccccc-0000-4000-8000-000000000002";
const LOCATION = "cccccccc-0000-4000-8000-000000000003";
const MINUTE_SENSOR = "cccccccc-0000-4000-8000-000000000004";
const QUARTER_SENSOR = "cccccccc-0000-4000-8000-000000000005";
const circuits = new Map<string, string>();

/** Every grid instant of a sensor from `start` (on its grid) for `count` samples. */
function everySample(duid: string, start: string, intervalMs: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    duid,
    circuit_number: 1,
    timestamp: new Date(Date.parse(start) + i * intervalMs).toISOString(),
    power_watts: 100,
  }));
}

beforeAll(async () => {
  const response = await postJson("/v1/insights/metadata", {
    brands: [{ id: BRAND, name: "Grid brand" }],
    organizations: [{ id: ORG, brand_id: BRAND, name: "Grid org" }],
    locations: [{ id: LOCATION, organization_id: ORG, name: "Grid site" }],
    electric_sensors: [
      { id: MINUTE_SENSOR, duid: "GRID60", name: "Minute panel", location_id: LOCATION, sample_interval_seconds: 60 },
      { id: QUARTER_SENSOR, duid: "GRID900", name: "Quarter panel", location_id: LOCATION, sample_interval_seconds: 900 },
    ],
    circuits: [
      { sensor_id: MINUTE_SENSOR, circuit_number: 1, name: "Minute circuit" },
      { sensor_id: QUARTER_SENSOR, circuit_number: 1, name: "Quarter circuit" },
    ],
  });
  expect(response.status).toBe(200);
  for (const c of ((await response.json()) as { circuit_ids: Array<{ sensor_id: string; id: string }> }).circuit_ids)
    circuits.set(c.sensor_id, c.id);
  const readings = [
    ...everySample("GRID60", "2024-04-01T00:00:00Z", 60_000, 1440),
    ...everySample("GRID900", "2024-04-01T00:00:00Z", 900_000, 96),
  ];
  expect((await postJson("/v1/insights/readings", readings)).status).toBe(200);
});

interface Figures {
  sample_count: number;
  expected_samples: number;
  coverage: number;
}

const circuitUsage = async (sensor: string, query: string) =>
  (await (await call(`/v1/circuits/${circuits.get(sensor)}/usage?${query}`)).json()) as {
    usage: Figures;
    series?: Array<Figures & { start: string }>;
  };

describe("expected samples", () => {
  it("count the grid instants of a window off the grid, so a circuit with every sample is covered exactly once", async () => {
    // Grid instants 10:31:00 … 13:15:00: 165 of them, every one stored.
    const { usage } = await circuitUsage(MINUTE_SENSOR, "start=2024-04-01T10:30:30Z&end=2024-04-01T13:15:10Z");
    expect(usage).toMatchObject({ sample_count: 165, expected_samples: 165, coverage: 1 });
    expect(Number.isInteger(usage.expected_samples)).toBe(true);
  });

  it("follow each sensor's own interval, and groups sum their circuits'", async () => {
    const query = "start=2024-04-01T10:07:00Z&end=2024-04-01T12:00:00Z";
    expect((await circuitUsage(QUARTER_SENSOR, query)).usage).toMatchObject({ sample_count: 7, expected_samples: 7, coverage: 1 });
    const org = (await (await call(`/v1/organizations/${ORG}/usage?${query}`)).json()) as {
      usage: Figures & { circuit_count: number };
      locations: Array<{ usage: Figures }>;
    };
    expect(org.usage).toMatchObject({ circuit_count: 2, sample_count: 113 + 7, expected_samples: 113 + 7, coverage: 1 });
    expect(org.locations[0]!.usage).toMatchObject({ expected_samples: 120, coverage: 1 });
    const summary = (await (await call(`/v1/locations/${LOCATION}/circuit-summary?${query}`)).json()) as { usage: Figures };
    expect(summary.usage).toMatchObject({ expected_samples: 120, coverage: 1 });
  });

  it("count the grid instants inside each series bucket, adding up to the window's", async () => {
    const body = await circuitUsage(QUARTER_SENSOR, "start=2024-04-01T10:07:00Z&end=2024-04-01T12:00:00Z&resolution=1h");
    expect(body.series!.map((b) => [b.start, b.expected_samples, b.sample_count, b.coverage])).toEqual([
      ["2024-04-01T10:07:00Z", 4, 4, 1],
      ["2024-04-01T11:07:00Z", 3, 3, 1],
    ]);
  });

  it("show a gap as coverage below 1 with an integer count", async () => {
    const { usage } = await circuitUsage(MINUTE_SENSOR, "start=2024-04-01T23:30:30Z&end=2024-04-02T00:30:30Z");
    expect(usage).toMatchObject({ sample_count: 29, expected_samples: 60, coverage: 0.483333 });
  });
});
