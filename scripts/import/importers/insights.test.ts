import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient } from "../../lib/api-client";
import { ImportSummary } from "../import-summary";
import { indexUnder } from "../send-batches";
import { findReadingsFile, importInsightsDir } from "./insights";
import { type MetadataKind, metadataRefusal, parseMetadataCsvs, postMetadata, sourceOfPointer } from "./insights-metadata";
import { itemDescriber, parseReadingsJson, sendReadings, type TimeseriesReading, toReading } from "./insights-readings";

const BRAND = "aaaaaaaa-0000-4000-8000-000000000001";
const ORG = "aaaaaaaa-0000-4000-8000-000000000002";
const LOC = "aaaaaaaa-0000-4000-8000-000000000003";
const SENSOR = "aaaaaaaa-0000-4000-8000-000000000004";
const SENSOR_B = "aaaaaaaa-0000-4000-8000-000000000005";

function texts(overrides: Partial<Record<MetadataKind, string>> = {}): Record<MetadataKind, string> {
  return {
    brands: `id,name\n${BRAND},Brand\n`,
    organizations: `id,brand_id,name\n${ORG},${BRAND},Org\n`,
    locations: `id,organization_id,name\n${LOC},${ORG},East\u2011Side\n`,
    electric_sensors: `id,duid,name,location_id\n${SENSOR},D1,Panel 1,${LOC}\n`,
    circuits: `sensor_id,name,circuit_number\n${SENSOR},Circuit 1,1\n${SENSOR},"Lights, hall",2\n`,
    ...overrides,
  };
}

const reading = (i: number, duid = "D1"): TimeseriesReading => ({
  duid,
  circuit_number: 1,
  timestamp: new Date(Date.UTC(2024, 3, 1, 0, i)).toISOString().replace(".000Z", "Z"),
  power_watts: 100 + i,
});

describe("insights metadata CSVs", () => {
  it("builds one document, keeping U+2011 and quoted commas, lower-casing ids", () => {
    const summary = new ImportSummary();
    const { document, sources } = parseMetadataCsvs(texts({ brands: `\uFEFFid,name\n${BRAND.toUpperCase()},Brand\n` }), summary);
    expect(summary.rejected).toEqual([]);
    expect(document.brands).toEqual([{ id: BRAND, name: "Brand" }]);
    expect(document.locations[0]?.name).toBe("East\u2011Side");
    expect(document.electric_sensors).toEqual([{ id: SENSOR, duid: "D1", name: "Panel 1", location_id: LOC }]);
    expect(document.circuits).toEqual([
      { sensor_id: SENSOR, circuit_number: 1, name: "Circuit 1" },
      { sensor_id: SENSOR, circuit_number: 2, name: "Lights, hall" },
    ]);
    expect(sources.circuits).toEqual(["circuits.csv line 2", "circuits.csv line 3"]);
  });

  it("reads the optional sample_interval_seconds column", () => {
    const summary = new ImportSummary();
    const sensors = `id,duid,name,location_id,sample_interval_seconds\n${SENSOR},D1,Panel 1,${LOC},300\n${SENSOR_B},D2,Panel 2,${LOC},\n`;
    const { document } = parseMetadataCsvs(texts({ electric_sensors: sensors }), summary);
    expect(document.electric_sensors.map((s) => s.sample_interval_seconds)).toEqual([300, undefined]);
    expect("sample_interval_seconds" in document.electric_sensors[1]!).toBe(false);
  });

  it("rejects malformed rows with their file and line, and the rows below them in the tree", () => {
    const summary = new ImportSummary();
    const sensors = [
      "id,duid,name,location_id,sample_interval_seconds",
      `${SENSOR},D1,Panel 1,${LOC},0`,
      `${SENSOR_B},D2,Panel 2,not-a-uuid,60`,
      "",
    ].join("\n");
    const circuits = `sensor_id,name,circuit_number\n${SENSOR},Circuit 1,1\n${SENSOR},,2\n${SENSOR},Circuit 3\n${SENSOR},Circuit 4,-4\n`;
    const { document, rejectedDuids } = parseMetadataCsvs(texts({ electric_sensors: sensors, circuits }), summary);
    expect(document.electric_sensors).toEqual([]);
    expect(document.circuits).toEqual([]);
    expect(rejectedDuids).toEqual(new Set(["D1", "D2"]));
    expect(summary.rejected).toEqual([
      { source: "electric_sensors.csv line 2", reason: "sample_interval_seconds '0' is not an integer from 1 to 86400" },
      { source: "electric_sensors.csv line 3", reason: "location_id 'not-a-uuid' is not a UUID" },
      { source: "circuits.csv line 4", reason: "expected 3 fields (sensor_id,name,circuit_number), found 2" },
      { source: "circuits.csv line 2", reason: `its sensor ${SENSOR} was rejected (electric_sensors.csv line 2)` },
      { source: "circuits.csv line 3", reason: "name is empty" },
      { source: "circuits.csv line 5", reason: "circuit_number '-4' is not an integer from 0 to 1000000" },
    ]);
  });

  it("refuses a file without a required column rather than reject every row", () => {
    expect(() => parseMetadataCsvs(texts({ circuits: `sensor_id,name\n${SENSOR},Circuit 1\n` }), new ImportSummary())).toThrow(
      /circuits\.csv has no circuit_number column/,
    );
  });

  it("names the file line of each error of a refused document", () => {
    const sources = { brands: [], organizations: [], locations: [], electric_sensors: ["electric_sensors.csv line 2"], circuits: [] };
    expect(sourceOfPointer("/electric_sensors/0/duid", sources)).toBe("electric_sensors.csv line 2");
    expect(sourceOfPointer("/electric_sensors/7/duid", sources)).toBeUndefined();
    expect(sourceOfPointer("/nope/0", sources)).toBeUndefined();
    const message = metadataRefusal(
      409,
      {
        detail: "duid D1 belongs to another sensor",
        errors: [
          { pointer: "/electric_sensors/0/duid", detail: "taken" },
          { pointer: "", detail: "whole" },
        ],
      },
      sources,
    );
    expect(message).toBe(
      "the metadata was refused (409): duid D1 belongs to another sensor\n" +
        "  electric_sensors.csv line 2 (/electric_sensors/0/duid): taken\n" +
        "  (document): whole",
    );
  });
});

describe("insights readings JSON", () => {
  it("keeps valid items and rejects the others by their index in the file", () => {
    const summary = new ImportSummary();
    const items = [
      reading(0),
      { ...reading(1), power_watts: -1 },
      { ...reading(2), timestamp: "2024-04-01 00:02:00" },
      7,
      reading(4, "GONE"),
      reading(5),
    ];
    const { readings, describe } = parseReadingsJson(JSON.stringify(items), "mock_timeseries.json", summary, new Set(["GONE"]));
    expect(readings).toEqual([reading(0), reading(5)]);
    expect(describe(readings[1]!)).toBe("mock_timeseries.json item 5");
    expect(summary.rejected.map((r) => r.source)).toEqual([
      "mock_timeseries.json item 1",
      "mock_timeseries.json item 2",
      "mock_timeseries.json item 3",
      "mock_timeseries.json item 4",
    ]);
    expect(summary.rejected[3]?.reason).toBe("sensor GONE was rejected with the metadata");
  });

  it("checks each field of an item", () => {
    expect(toReading(reading(0))).toEqual(reading(0));
    expect(toReading({ ...reading(0), extra: 1 })).toEqual(reading(0));
    expect(toReading([])).toBe("is not an object");
    expect(toReading({ ...reading(0), duid: " " })).toMatch(/duid/);
    expect(toReading({ ...reading(0), circuit_number: 1.5 })).toMatch(/circuit_number 1.5/);
    expect(toReading({ ...reading(0), timestamp: "2024-04-01T00:00:00" })).toMatch(/offset/);
    expect(toReading({ ...reading(0), power_watts: "12" })).toMatch(/power_watts "12"/);
  });

  it("refuses a file that is not one JSON array", () => {
    expect(() => parseReadingsJson("{", "t.json", new ImportSummary())).toThrow(/t\.json is not JSON/);
    expect(() => parseReadingsJson('{"readings":[]}', "t.json", new ImportSummary())).toThrow(/one JSON array/);
  });

  it("names rows by position even when the batch holds copies of equal values", () => {
    const rows = [reading(0), reading(0)];
    const describe = itemDescriber(rows, "r.json");
    expect([describe(rows[0]!), describe(rows[1]!)]).toEqual(["r.json item 0", "r.json item 1"]);
  });

  it("maps the server's /<index>/<field> pointers to the batch index", () => {
    const index = indexUnder("");
    expect(index("/17/duid")).toBe(17);
    expect(index("/0")).toBe(0);
    expect(index("")).toBeUndefined();
    expect(index("/x/duid")).toBeUndefined();
  });

  it("takes mock_timeseries.json first, else the folder's only JSON file", () => {
    expect(findReadingsFile(["brands.csv", "x.json", "mock_timeseries.json"])).toBe("mock_timeseries.json");
    expect(findReadingsFile(["brands.csv", "timeseries.json"])).toBe("timeseries.json");
    expect(findReadingsFile(["brands.csv"])).toBeUndefined();
    expect(() => findReadingsFile(["a.json", "b.json"])).toThrow(/several JSON files/);
  });
});

/** A fake Energy Edge: records each request, answers with `answer`. */
function fakeClient(answer: (path: string, body: unknown) => { status: number; body: unknown }) {
  const requests: Array<{ path: string; body: unknown }> = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const body: unknown = JSON.parse(String(init?.body));
    requests.push({ path, body });
    const { status, body: reply } = answer(path, body);
    return new Response(JSON.stringify(reply), { status, headers: { "Content-Type": "application/json" } });
  };
  const client = new ApiClient({
    baseUrl: "http://edge.test",
    token: "t",
    fetch: fetch as typeof globalThis.fetch,
    sleep: async () => undefined,
  });
  return { client, requests };
}

const counts = (inserted: number) => ({ inserted, updated: 0, unchanged: 0 });
const metadataAnswer = {
  brands: counts(1),
  organizations: counts(1),
  locations: counts(1),
  electric_sensors: counts(1),
  circuits: counts(2),
  circuit_ids: [],
};

describe("insights import against a fake API", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("posts the metadata once, then the readings in batches, rejecting the items the server names", async () => {
    dir = mkdtempSync(join(tmpdir(), "insights-import-"));
    const t = texts();
    writeFileSync(join(dir, "brands.csv"), t.brands);
    writeFileSync(join(dir, "organizations.csv"), t.organizations);
    writeFileSync(join(dir, "locations.csv"), t.locations);
    writeFileSync(join(dir, "electric_sensors.csv"), t.electric_sensors);
    writeFileSync(join(dir, "circuits.csv"), t.circuits);
    writeFileSync(join(dir, "mock_timeseries.json"), JSON.stringify([reading(0), reading(1), reading(2, "NOPE"), reading(3), reading(4)]));
    const { client, requests } = fakeClient((path, body) => {
      if (path === "/v1/insights/metadata") return { status: 200, body: metadataAnswer };
      const batch = body as TimeseriesReading[];
      const bad = batch.findIndex((r) => r.duid === "NOPE");
      if (bad >= 0)
        return {
          status: 422,
          body: { detail: "1 reading", errors: [{ pointer: `/${bad}/duid`, detail: "no electric sensor has duid NOPE" }] },
        };
      return { status: 200, body: { received: batch.length, inserted: batch.length, updated: 0, unchanged: 0, circuits: 1 } };
    });
    const summary = new ImportSummary();
    await importInsightsDir(client, dir, summary, { batchSize: 3 });

    expect(requests.map((r) => r.path)).toEqual([
      "/v1/insights/metadata",
      "/v1/insights/readings",
      "/v1/insights/readings",
      "/v1/insights/readings",
    ]);
    expect(requests.filter((r) => r.path === "/v1/insights/readings").map((r) => (r.body as unknown[]).length)).toEqual([3, 2, 2]);
    expect(summary.inserted).toBe(6 + 4);
    expect(summary.rejected).toEqual([{ source: "mock_timeseries.json item 2", reason: "/2/duid: no electric sensor has duid NOPE" }]);
  });

  it("stops with the file lines of the errors when the metadata is refused", async () => {
    const { client } = fakeClient(() => ({
      status: 422,
      body: { detail: "1 field is invalid", errors: [{ pointer: "/circuits/1/sensor_id", detail: "unknown electric sensor" }] },
    }));
    const { document, sources } = parseMetadataCsvs(texts(), new ImportSummary());
    await expect(postMetadata(client, document, new ImportSummary(), sources)).rejects.toThrow(
      "the metadata was refused (422): 1 field is invalid\n  circuits.csv line 3 (/circuits/1/sensor_id): unknown electric sensor",
    );
  });

  it("never sends more than the server's 50,000 readings per request", async () => {
    const { client, requests } = fakeClient((_path, body) => ({
      status: 200,
      body: { received: (body as unknown[]).length, inserted: (body as unknown[]).length, updated: 0, unchanged: 0, circuits: 1 },
    }));
    const rows = Array.from({ length: 50_001 }, (_, i) => reading(i % 1000));
    await sendReadings(client, rows, new ImportSummary(), { batchSize: 80_000 });
    expect(requests.map((r) => (r.body as unknown[]).length)).toEqual([50_000, 1]);
  });
});
