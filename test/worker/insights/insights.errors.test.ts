import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, jsonInit, postJson } from "../helpers";

const BRAND = "bbbbbbbb-0000-4000-8000-000000000001";
const ORG = "bbbbbbbb-0000-4000-8000-000000000002";
const LOCATION = "bbbbbbbb-0000-4000-8000-000000000003";
const SENSOR = "bbbbbbbb-0000-4000-8000-000000000004";
const UNKNOWN = "bbbbbbbb-0000-4000-8000-00000000ffff";
let circuit = "";

const doc = {
  brands: [{ id: BRAND, name: "Err brand" }],
  organizations: [{ id: ORG, brand_id: BRAND, name: "Err org" }],
  locations: [{ id: LOCATION, organization_id: ORG, name: "Err site" }],
  electric_sensors: [{ id: SENSOR, duid: "ERRDUID", name: "Err panel", location_id: LOCATION }],
  circuits: [{ sensor_id: SENSOR, circuit_number: 1, name: "C1" }],
};

beforeAll(async () => {
  const response = await postJson("/v1/insights/metadata", doc);
  circuit = ((await response.json()) as { circuit_ids: Array<{ id: string }> }).circuit_ids[0]!.id;
  await postJson("/v1/insights/readings", [{ duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T00:00:00Z", power_watts: 5 }]);
});

const pointers = (body: { errors?: Array<{ pointer: string }> }) => body.errors?.map((e) => e.pointer).sort();
const usage = (query: string) => call(`/v1/circuits/${circuit}/usage?${query}`);

describe("insights error paths", () => {
  it("rejects missing, malformed, reversed and too-long windows, naming the parameter", async () => {
    expect(pointers(await expectProblem(await usage(""), 422))).toEqual(["/end", "/start"]);
    expect(pointers(await expectProblem(await usage("start=2024-04-01T00:00:00Z"), 422))).toEqual(["/end"]);
    expect(pointers(await expectProblem(await usage("start=2024-04-01T00:00:00&end=2024-04-02T00:00:00Z"), 422))).toEqual(["/start"]);
    expect(pointers(await expectProblem(await usage("start=2024-04-02T00:00:00Z&end=2024-04-01T00:00:00Z"), 422))).toEqual(["/start"]);
    expect(pointers(await expectProblem(await usage("start=2024-04-01T00:00:00Z&end=2024-04-01T00:00:00Z"), 422))).toEqual(["/start"]);
    const long = await expectProblem(await usage("start=2024-01-01T00:00:00Z&end=2025-01-02T00:00:01Z"), 422);
    expect(long.errors?.[0]).toMatchObject({ pointer: "/end", detail: "the window may span at most 366 days" });
    expect((await usage("start=2024-01-01T00:00:00Z&end=2025-01-01T00:00:00Z")).status).toBe(200);
    expect(pointers(await expectProblem(await usage("start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z&resolution=5m"), 422))).toEqual([
      "/resolution",
    ]);
    const tooManyBuckets = await expectProblem(await usage("start=2024-01-01T00:00:00Z&end=2024-03-01T00:00:00Z&resolution=1m"), 422);
    expect(pointers(tooManyBuckets)).toEqual(["/resolution"]);
    expect(pointers(await expectProblem(await call(`/v1/organizations/${ORG}/usage?start=x&end=y`), 422))).toEqual(["/end", "/start"]);
    const half = await expectProblem(await call(`/v1/locations/${LOCATION}/circuit-summary?start=2024-04-01T00:00:00Z`), 422);
    expect(pointers(half)).toEqual(["/end"]);
  });

  it("answers unknown ids with 404 and malformed ids with 422", async () => {
    const window = "start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z";
    for (const path of [
      `/v1/circuits/${UNKNOWN}/usage?${window}`,
      `/v1/organizations/${UNKNOWN}/usage?${window}`,
      `/v1/brands/${UNKNOWN}/metadata`,
      `/v1/electric_sensors/${UNKNOWN}`,
      `/v1/locations/${UNKNOWN}/circuit-summary`,
    ]) {
      const body = await expectProblem(await call(path), 404);
      expect(body.detail, path).toContain(UNKNOWN);
    }
    expect(pointers(await expectProblem(await call(`/v1/circuits/not-a-uuid/usage?${window}`), 422))).toEqual(["/circuit_id"]);
    expect(pointers(await expectProblem(await call("/v1/brands/123/metadata"), 422))).toEqual(["/brand_id"]);
  });

  it("rejects a readings batch with unknown circuits or bad values whole, listing each, and writes nothing", async () => {
    const response = await postJson("/v1/insights/readings", [
      { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T00:01:00Z", power_watts: 7 },
      { duid: "NOPE", circuit_number: 1, timestamp: "2024-04-01T00:01:00Z", power_watts: 7 },
      { duid: "ERRDUID", circuit_number: 9, timestamp: "2024-04-01T00:01:00Z", power_watts: 7 },
    ]);
    const unknown = await expectProblem(response, 422);
    expect(unknown.errors).toEqual([
      { pointer: "/1/duid", location: "body", detail: "no electric sensor has duid NOPE" },
      { pointer: "/2/circuit_number", location: "body", detail: "sensor ERRDUID has no circuit 9" },
    ]);
    const bad = await expectProblem(
      await postJson("/v1/insights/readings", [
        { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T00:02:00Z", power_watts: -1 },
        { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01 00:03:00", power_watts: 1 },
        { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T00:04:00Z", power_watts: "high" },
        { duid: "ERRDUID", circuit_number: 1.5, timestamp: "2024-04-01T00:05:00Z", power_watts: 1 },
      ]),
      422,
    );
    expect(pointers(bad)).toEqual(["/0/power_watts", "/1/timestamp", "/2/power_watts", "/3/circuit_number"]);
    const conflicting = await expectProblem(
      await postJson("/v1/insights/readings", [
        { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T00:06:00Z", power_watts: 1 },
        { duid: "ERRDUID", circuit_number: 1, timestamp: "2024-04-01T02:06:00+02:00", power_watts: 2 },
      ]),
      422,
    );
    expect(pointers(conflicting)).toEqual(["/1/power_watts"]);
    await expectProblem(await postJson("/v1/insights/readings", []), 422);
    const stored = (await (await usage("start=2024-04-01T00:00:00Z&end=2024-04-02T00:00:00Z")).json()) as {
      usage: { sample_count: number };
    };
    expect(stored.usage.sample_count).toBe(1);
  });

  it("rejects oversized readings batches", async () => {
    const many = Array.from({ length: 50_001 }, (_, i) => ({
      duid: "ERRDUID",
      circuit_number: 1,
      timestamp: new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString(),
      power_watts: 1,
    }));
    expect(pointers(await expectProblem(await postJson("/v1/insights/readings", many), 422))).toEqual([""]);
  });

  it("rejects metadata with dangling references, repeated rows and taken duids, writing nothing", async () => {
    const dangling = await expectProblem(
      await postJson("/v1/insights/metadata", {
        locations: [{ id: "bbbbbbbb-0000-4000-8000-000000000010", organization_id: UNKNOWN, name: "Nowhere" }],
        electric_sensors: [
          { id: "bbbbbbbb-0000-4000-8000-000000000011", duid: "NEWDUID", name: "P", location_id: "bbbbbbbb-0000-4000-8000-000000000010" },
        ],
        circuits: [{ sensor_id: UNKNOWN, circuit_number: 1, name: "C" }],
      }),
      422,
    );
    expect(pointers(dangling)).toEqual(["/circuits/0/sensor_id", "/locations/0/organization_id"]);
    expect((await call("/v1/locations/bbbbbbbb-0000-4000-8000-000000000010/circuit-summary")).status).toBe(404);
    const repeated = await expectProblem(
      await postJson("/v1/insights/metadata", {
        brands: [
          { id: BRAND, name: "A" },
          { id: BRAND, name: "B" },
        ],
      }),
      422,
    );
    expect(pointers(repeated)).toEqual(["/brands/1/id"]);
    const taken = await expectProblem(
      await postJson("/v1/insights/metadata", {
        electric_sensors: [{ id: "bbbbbbbb-0000-4000-8000-000000000012", duid: "ERRDUID", name: "Dup", location_id: LOCATION }],
      }),
      409,
    );
    expect(taken).toMatchObject({ duid: "ERRDUID", sensor_id: SENSOR });
    const malformed = await expectProblem(
      await postJson("/v1/insights/metadata", {
        brands: [{ id: "x", name: "" }],
        electric_sensors: [{ id: SENSOR, duid: "D", name: "n", location_id: LOCATION, sample_interval_seconds: 0 }],
      }),
      422,
    );
    expect(pointers(malformed)).toEqual(["/brands/0/id", "/brands/0/name", "/electric_sensors/0/sample_interval_seconds"]);
  });

  it("requires the ingest token for writes", async () => {
    await expectProblem(await call("/v1/insights/metadata", jsonInit("POST", doc)), 401);
    await expectProblem(await postJson("/v1/insights/readings", [], "wrong"), 401);
  });

  it("counts an identical metadata document as unchanged", async () => {
    const body = (await (await postJson("/v1/insights/metadata", doc)).json()) as Record<string, unknown>;
    for (const kind of ["brands", "organizations", "locations", "electric_sensors", "circuits"]) {
      expect(body[kind], kind).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    }
    const renamed = (await (await postJson("/v1/insights/metadata", { brands: [{ id: BRAND, name: "Renamed" }] })).json()) as Record<
      string,
      unknown
    >;
    expect(renamed.brands).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });
});
