import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportSummary } from "../import/import-summary";
import { METADATA_FILES, METADATA_KINDS, parseMetadataCsvs } from "../import/importers/insights-metadata";
import { parseReadingsJson } from "../import/importers/insights-readings";
import { fixturesDir, ROOT } from "../lib/paths";
import { seededRandom } from "../lib/random";
import {
  generateInsightsSample,
  metadataCsvs,
  readingsJson,
  SAMPLE_END,
  SAMPLE_INTERVAL_SECONDS,
  SAMPLE_READINGS_FILE,
  SAMPLE_START,
  sampleOutage,
  seededDuid,
  seededUuid,
} from "./insights-generator";
import { loadShare } from "./load-curve";

const sample = generateInsightsSample();
const SLOTS = (Date.parse(SAMPLE_END) - Date.parse(SAMPLE_START)) / (SAMPLE_INTERVAL_SECONDS * 1000);

describe("insights sample generator", () => {
  it("is deterministic: the same seed gives the same sample, another seed another", () => {
    expect(generateInsightsSample()).toEqual(sample);
    expect(generateInsightsSample(7).brands[0]?.id).not.toBe(sample.brands[0]?.id);
  });

  it("has the tree the sample promises: 1 brand, 2 organisations, 3 locations, 6 sensors, 18 circuits", () => {
    expect(
      [sample.brands, sample.organizations, sample.locations, sample.electric_sensors, sample.circuits].map((rows) => rows.length),
    ).toEqual([1, 2, 3, 6, 18]);
    expect(sample.electric_sensors.every((s) => s.sample_interval_seconds === 300)).toBe(true);
    for (const sensor of sample.electric_sensors) {
      expect(sample.circuits.filter((c) => c.sensor_id === sensor.id).map((c) => c.circuit_number)).toEqual([1, 2, 3]);
    }
    expect(new Set(sample.electric_sensors.map((s) => s.duid)).size).toBe(6);
  });

  it("names locations with U+2011 non-breaking hyphens, like the source", () => {
    expect(sample.locations.every((l) => l.name.includes("\u2011"))).toBe(true);
  });

  it("shares no id or duid with the fixture", () => {
    const fixtureText = ["brands", "organizations", "locations", "electric_sensors"]
      .map((name) => readFileSync(join(fixturesDir(), "insights", `${name}.csv`), "utf8"))
      .join("\n")
      .toLowerCase();
    const ours = [...sample.brands, ...sample.organizations, ...sample.locations, ...sample.electric_sensors].map((row) => row.id);
    for (const id of [...ours, ...sample.electric_sensors.map((s) => s.duid.toLowerCase())]) expect(fixtureText).not.toContain(id);
  });

  it("covers two days every 300 s for every circuit except one two-hour outage", () => {
    const outage = sampleOutage(sample);
    const missing = (Date.parse(outage.to) - Date.parse(outage.from)) / (SAMPLE_INTERVAL_SECONDS * 1000);
    expect(missing).toBe(24);
    expect(sample.readings).toHaveLength(18 * SLOTS - missing);
    const silent = sample.readings.filter(
      (r) => r.duid === outage.duid && r.circuit_number === outage.circuit_number && r.timestamp >= outage.from && r.timestamp < outage.to,
    );
    expect(silent).toEqual([]);
    const perCircuit = new Map<string, number>();
    for (const r of sample.readings)
      perCircuit.set(`${r.duid}:${r.circuit_number}`, (perCircuit.get(`${r.duid}:${r.circuit_number}`) ?? 0) + 1);
    expect([...perCircuit.values()].sort((a, b) => a - b)).toEqual([SLOTS - missing, ...Array<number>(17).fill(SLOTS)]);
    expect(sample.readings.every((r) => r.timestamp >= "2024-06-01T00:00:00Z" && r.timestamp < "2024-06-03T00:00:00Z")).toBe(true);
    expect(sample.readings.every((r) => Number.isInteger(r.power_watts) && r.power_watts >= 0)).toBe(true);
  });

  it("follows a daily load curve: ovens bake before opening, lights are off at night", () => {
    const ovens = sample.circuits.find((c) => c.name === "Ovens")!;
    const duid = sample.electric_sensors.find((s) => s.id === ovens.sensor_id)!.duid;
    const at = (time: string) =>
      sample.readings.find((r) => r.duid === duid && r.circuit_number === 1 && r.timestamp === `2024-06-01T${time}Z`)!.power_watts;
    expect(at("06:00:00")).toBeGreaterThan(5 * at("01:00:00"));
    expect(loadShare("lighting", 3)).toBeLessThan(loadShare("lighting", 12) / 5);
    expect(loadShare("refrigeration", 3)).toBeGreaterThan(0.3);
  });

  it("writes files the importer reads back to the same sample, with no rejected row", () => {
    const summary = new ImportSummary();
    const { document } = parseMetadataCsvs(metadataCsvs(sample), summary);
    const { readings } = parseReadingsJson(readingsJson(sample), "timeseries.json", summary);
    expect(summary.rejected).toEqual([]);
    const { readings: _readings, ...metadata } = sample;
    expect(document).toEqual(metadata);
    expect(readings).toEqual(sample.readings);
    expect(metadataCsvs(sample).electric_sensors.split("\n")[0]).toBe("id,duid,name,location_id,sample_interval_seconds");
    expect(readingsJson(sample)).not.toContain("\n ");
  });

  it("is what data/insights holds (npm run generate:sample rewrites it)", () => {
    const dir = join(ROOT, "data", "insights");
    const csvs = metadataCsvs(sample);
    for (const kind of METADATA_KINDS) expect(readFileSync(join(dir, METADATA_FILES[kind]), "utf8")).toBe(csvs[kind]);
    expect(readFileSync(join(dir, SAMPLE_READINGS_FILE), "utf8")).toBe(readingsJson(sample));
  });

  it("makes well-formed ids", () => {
    const random = seededRandom(1);
    expect(seededUuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededDuid(random)).toMatch(/^[0-9A-F]{16}$/);
  });
});
