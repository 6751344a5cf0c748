import { beforeAll, describe, expect, it } from "vitest";
import { call, fixture, postJson, simpleCsv } from "../helpers";

interface Reading {
  duid: string;
  circuit_number: number;
  timestamp: string;
  power_watts: number;
}

const sensors = simpleCsv(fixture("insights/electric_sensors.csv"));
const circuitsCsv = simpleCsv(fixture("insights/circuits.csv"));
const locationsCsv = simpleCsv(fixture("insights/locations.csv"));
const organizationsCsv = simpleCsv(fixture("insights/organizations.csv"));
const brandsCsv = simpleCsv(fixture("insights/brands.csv"));
const series = JSON.parse(fixture("insights/mock_timeseries.json")) as Reading[];

const OUTAGE = { duid: "5A09555751350906", circuit_number: 3 };
const circuitIds = new Map<string, string>();
const sensorOf = (duid: string) => sensors.find((s) => s.duid === duid)!;
const idOf = (duid: string, n: number) => circuitIds.get(`${sensorOf(duid).id}:${n}`)!;

/** The independent answer, straight from mock_timeseries.json. */
function expected(duid: string, n: number, start: string, end: string) {
  const from = Date.parse(start);
  const to = Date.parse(end);
  const rows = series.filter(
    (r) => r.duid === duid && r.circuit_number === n && Date.parse(r.timestamp) >= from && Date.parse(r.timestamp) < to,
  );
  const total = rows.reduce((sum, r) => sum + r.power_watts, 0);
  const max = rows.length ? Math.max(...rows.map((r) => r.power_watts)) : null;
  const maxAt = rows
    .filter((r) => r.power_watts === max)
    .map((r) => Date.parse(r.timestamp))
    .sort((a, b) => a - b)[0];
  // The 60 s grid anchored at the epoch: minutes k with from ≤ k·60 s < to.
  const expectedSamples = Math.ceil(to / 60_000) - Math.ceil(from / 60_000);
  return {
    sample_count: rows.length,
    expected_samples: expectedSamples,
    coverage: Math.round((Math.min(rows.length, expectedSamples) / expectedSamples) * 1e6) / 1e6,
    total_watts: total,
    avg_watts: rows.length ? Math.round((total / rows.length) * 1000) / 1000 : null,
    max_watts: max,
    max_at: maxAt === undefined ? null : new Date(maxAt).toISOString().replace(".000Z", "Z"),
    energy_wh: Math.round(((total * 60) / 3600) * 1000) / 1000,
  };
}

beforeAll(async () => {
  const doc = {
    brands: brandsCsv,
    organizations: organizationsCsv,
    locations: locationsCsv,
    electric_sensors: sensors,
    circuits: circuitsCsv.map((c) => ({ sensor_id: c.sensor_id, name: c.name, circuit_number: Number(c.circuit_number) })),
  };
  const response = await postJson("/v1/insights/metadata", doc);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { circuit_ids: Array<{ sensor_id: string; circuit_number: number; id: string }> };
  for (const c of body.circuit_ids) circuitIds.set(`${c.sensor_id}:${c.circuit_number}`, c.id);
  for (let i = 0; i < series.length; i += 50_000) {
    const ingest = await postJson("/v1/insights/readings", series.slice(i, i + 50_000));
    expect(ingest.status).toBe(200);
  }
});

const WINDOWS: Array<[string, string, string]> = [
  ["full day", "2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z"],
  ["one hour", "2024-04-01T10:00:00Z", "2024-04-01T11:00:00Z"],
  ["minute-misaligned", "2024-04-01T03:17:30Z", "2024-04-01T21:42:10Z"],
  ["outage-crossing", "2024-04-01T09:30:00Z", "2024-04-01T12:15:00Z"],
  ["offset +02:00 over several days", "2024-03-31T00:00:00+02:00", "2024-04-03T00:00:00+02:00"],
];

describe("insights over the fixture", () => {
  it("derives circuit ids as UUIDv5 of sensor id and circuit number, stable across imports", async () => {
    // Reference values computed with Python's uuid.uuid5 in the documented namespace.
    expect(circuitIds.get("785097c8-2b34-410a-a8ea-bcaf10791c45:1")).toBe("470d206c-b732-53fd-861e-984e41761150");
    expect(circuitIds.get("785097c8-2b34-410a-a8ea-bcaf10791c45:2")).toBe("fa35b3e0-b620-5a25-adc1-e680dd46d7b6");
    expect(circuitIds.size).toBe(36);
    const again = await postJson("/v1/insights/metadata", {
      circuits: circuitsCsv.map((c) => ({ sensor_id: c.sensor_id, name: c.name, circuit_number: Number(c.circuit_number) })),
    });
    const body = (await again.json()) as { circuits: unknown; circuit_ids: Array<{ id: string }> };
    expect(body.circuits).toEqual({ inserted: 0, updated: 0, unchanged: 36 });
    expect(new Set(body.circuit_ids.map((c) => c.id))).toEqual(new Set(circuitIds.values()));
  });

  it.each(WINDOWS)("answers circuit usage over a %s window as computed from the raw series", async (_name, start, end) => {
    for (const [duid, n] of [
      ["6D12E310B371FCB1", 1],
      ["3E1C019A462D5B3C", 2],
      [OUTAGE.duid, OUTAGE.circuit_number],
      [OUTAGE.duid, 1],
    ] as const) {
      const response = await call(`/v1/circuits/${idOf(duid, n)}/usage?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { usage: unknown; window: unknown; sensor: { duid: string } };
      expect(body.usage, `${duid}/${n}`).toEqual(expected(duid, n, start, end));
      expect(body.window).toEqual({
        start: new Date(Date.parse(start)).toISOString().replace(".000Z", "Z"),
        end: new Date(Date.parse(end)).toISOString().replace(".000Z", "Z"),
      });
      expect(body.sensor.duid).toBe(duid);
    }
  });

  it("names the circuit's sensor, location and organisation, keeping U+2011 in names", async () => {
    const sensor = sensorOf("6D12E310B371FCB1");
    const location = locationsCsv.find((l) => l.id === sensor.location_id)!;
    const org = organizationsCsv.find((o) => o.id === location.organization_id)!;
    const body = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 2)}/usage?start=2024-04-01T00:00:00Z&end=2024-04-01T01:00:00Z`)
    ).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      circuit: { id: idOf("6D12E310B371FCB1", 2), name: "Circuit 2", number: 2 },
      sensor: { id: sensor.id, duid: "6D12E310B371FCB1", name: sensor.name, sample_interval_seconds: 60 },
      location: { id: location.id, name: location.name },
      organization: { id: org.id, name: org.name },
    });
    expect(location.name).toContain("\u2011");
  });

  it("shows the outage as coverage below 1", async () => {
    const body = (await (
      await call(`/v1/circuits/${idOf(OUTAGE.duid, OUTAGE.circuit_number)}/usage?start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z`)
    ).json()) as { usage: { coverage: number; sample_count: number } };
    expect(body.usage.sample_count).toBe(1380);
    expect(body.usage.coverage).toBeCloseTo(1380 / 1440, 6);
  });

  it("adds a series of buckets at the requested resolution", async () => {
    const [duid, n] = [OUTAGE.duid, OUTAGE.circuit_number];
    const start = "2024-04-01T08:00:00Z";
    const end = "2024-04-01T12:30:00Z";
    const body = (await (await call(`/v1/circuits/${idOf(duid, n)}/usage?start=${start}&end=${end}&resolution=1h`)).json()) as {
      series: Array<{ start: string; end: string; sample_count: number }>;
    };
    expect(body.series.map((b) => b.start)).toEqual([
      "2024-04-01T08:00:00Z",
      "2024-04-01T09:00:00Z",
      "2024-04-01T10:00:00Z",
      "2024-04-01T11:00:00Z",
      "2024-04-01T12:00:00Z",
    ]);
    for (const bucket of body.series)
      expect(bucket).toEqual({ start: bucket.start, end: bucket.end, ...expected(duid, n, bucket.start, bucket.end) });
    expect(body.series[2]!.sample_count).toBe(0);
    const quarter = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-04-01T23:10:00Z&end=2024-04-02T00:10:00Z&resolution=15m`)
    ).json()) as { series: Array<{ start: string; end: string }> };
    expect(quarter.series).toHaveLength(4);
    for (const bucket of quarter.series)
      expect(bucket).toEqual({ start: bucket.start, end: bucket.end, ...expected("6D12E310B371FCB1", 1, bucket.start, bucket.end) });
    const daily = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-03-31T00:00:00Z&end=2024-04-03T00:00:00Z&resolution=1d`)
    ).json()) as { series: Array<{ start: string; end: string; sample_count: number }> };
    expect(daily.series.map((b) => b.sample_count)).toEqual([0, 1440, 0]);
    const minutes = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-04-01T05:00:00Z&end=2024-04-01T05:03:00Z&resolution=1m`)
    ).json()) as { series: Array<{ start: string; end: string }> };
    for (const bucket of minutes.series)
      expect(bucket).toEqual({ start: bucket.start, end: bucket.end, ...expected("6D12E310B371FCB1", 1, bucket.start, bucket.end) });
  });

  it.each(WINDOWS)("answers organisation usage over a %s window as computed from the raw series", async (_name, start, end) => {
    for (const org of organizationsCsv) {
      const orgLocations = locationsCsv.filter((l) => l.organization_id === org.id);
      const orgSensors = sensors.filter((s) => orgLocations.some((l) => l.id === s.location_id));
      const orgCircuits = circuitsCsv.filter((c) => orgSensors.some((s) => s.id === c.sensor_id));
      const figures = orgCircuits.map((c) =>
        expected(sensors.find((s) => s.id === c.sensor_id)!.duid!, Number(c.circuit_number), start, end),
      );
      const avg = figures.reduce((sum, f) => sum + (f.avg_watts ?? 0), 0);
      const body = (await (
        await call(`/v1/organizations/${org.id}/usage?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`)
      ).json()) as {
        organization: { id: string; name: string; brand: { id: string } };
        usage: Record<string, number>;
        locations: Array<{
          location: { name: string };
          usage: { circuit_count: number };
          circuits: Array<{ usage: { sample_count: number } }>;
        }>;
      };
      expect(body.organization).toMatchObject({ id: org.id, name: org.name, brand: { id: org.brand_id } });
      const sampleCount = figures.reduce((sum, f) => sum + f.sample_count, 0);
      const expectedSamples = figures.reduce((sum, f) => sum + f.expected_samples, 0);
      expect(body.usage.circuit_count).toBe(orgCircuits.length);
      expect(body.usage.sample_count).toBe(sampleCount);
      expect(body.usage.total_watts).toBe(figures.reduce((sum, f) => sum + f.total_watts, 0));
      expect(body.usage.avg_watts).toBeCloseTo(avg, 2);
      expect(body.usage.avg_watts_per_circuit).toBeCloseTo(avg / orgCircuits.length, 2);
      expect(body.usage.energy_wh).toBeCloseTo(
        figures.reduce((sum, f) => sum + f.energy_wh, 0),
        2,
      );
      expect(body.usage.coverage).toBeCloseTo(sampleCount / expectedSamples, 6);
      expect(body.locations.map((l) => l.location.name).sort()).toEqual(orgLocations.map((l) => l.name).sort());
      expect(body.locations.reduce((sum, l) => sum + l.usage.circuit_count, 0)).toBe(orgCircuits.length);
    }
  });

  it("lists a location's circuits, with usage when given a window", async () => {
    const location = locationsCsv[0]!;
    const plain = (await (await call(`/v1/locations/${location.id}/circuit-summary`)).json()) as {
      location: { name: string };
      circuits: Array<{ usage?: unknown }>;
    };
    expect(plain.location.name).toBe(location.name);
    expect(plain.circuits.length).toBe(
      circuitsCsv.filter((c) => sensors.some((s) => s.id === c.sensor_id && s.location_id === location.id)).length,
    );
    expect(plain.circuits.every((c) => c.usage === undefined)).toBe(true);
    const withUsage = (await (
      await call(`/v1/locations/${location.id}/circuit-summary?start=2024-04-01T00:00:00Z&end=2024-04-01T06:00:00Z`)
    ).json()) as {
      circuits: Array<{ number: number; sensor: { duid: string }; usage: unknown }>;
    };
    for (const circuit of withUsage.circuits)
      expect(circuit.usage).toEqual(expected(circuit.sensor.duid, circuit.number, "2024-04-01T00:00:00Z", "2024-04-01T06:00:00Z"));
  });

  it("serves the brand tree and the sensor detail", async () => {
    const brand = (await (await call(`/v1/brands/${brandsCsv[0]!.id}/metadata`)).json()) as {
      name: string;
      organizations: Array<{ locations: Array<{ electric_sensors: Array<{ circuits: unknown[] }> }> }>;
    };
    expect(brand.name).toBe(brandsCsv[0]!.name);
    expect(brand.organizations).toHaveLength(3);
    const locations = brand.organizations.flatMap((o) => o.locations);
    expect(locations).toHaveLength(6);
    expect(locations.flatMap((l) => l.electric_sensors)).toHaveLength(12);
    expect(locations.flatMap((l) => l.electric_sensors).flatMap((s) => s.circuits)).toHaveLength(36);
    const sensor = (await (await call(`/v1/electric_sensors/${sensors[0]!.id}`)).json()) as Record<string, unknown>;
    expect(sensor).toMatchObject({ id: sensors[0]!.id, duid: sensors[0]!.duid, brand: { id: brandsCsv[0]!.id } });
    expect((sensor.circuits as unknown[]).length).toBe(3);
  });

  it("reports the rows D1 read, a handful for a one-hour window", async () => {
    const response = await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z`);
    expect(Number(response.headers.get("X-Rows-Read"))).toBeLessThan(20);
  });

  it("is idempotent and follows corrections into the rollups", async () => {
    const rows = series.filter((r) => r.duid === "6D12E310B371FCB1" && r.circuit_number === 1).slice(0, 120);
    const again = (await (await postJson("/v1/insights/readings", rows)).json()) as Record<string, number>;
    expect(again).toEqual({ received: 120, inserted: 0, updated: 0, unchanged: 120, circuits: 1, version: expect.any(Number) });
    const corrected = { ...rows[5]!, power_watts: 999_999 };
    const result = (await (await postJson("/v1/insights/readings", [corrected])).json()) as Record<string, number>;
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    const day = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z`)
    ).json()) as { usage: { max_watts: number; max_at: string; total_watts: number } };
    const before = expected("6D12E310B371FCB1", 1, "2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z");
    expect(day.usage.max_watts).toBe(999_999);
    expect(day.usage.max_at).toBe(corrected.timestamp);
    expect(day.usage.total_watts).toBe(before.total_watts - rows[5]!.power_watts + 999_999);
    await postJson("/v1/insights/readings", [rows[5]]);
    const restored = (await (
      await call(`/v1/circuits/${idOf("6D12E310B371FCB1", 1)}/usage?start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z`)
    ).json()) as { usage: unknown };
    expect(restored.usage).toEqual(before);
  });
});
