import type { InsightsMetadata, MetadataKind, SensorInput } from "../import/importers/insights-metadata";
import type { TimeseriesReading } from "../import/importers/insights-readings";
import { seededRandom } from "../lib/random";
import { type CircuitProfile, powerWatts } from "./load-curve";

/** U+2011 NON-BREAKING HYPHEN: the source's location names use it, so the sample keeps it in the path. */
const NB_HYPHEN = "\u2011";

/** Not the source's mock_timeseries.json: the importer takes a folder's only *.json. */
export const SAMPLE_READINGS_FILE = "timeseries.json";

export const SAMPLE_START = "2024-06-01T00:00:00Z";
export const SAMPLE_END = "2024-06-03T00:00:00Z";
/** Five-minute sensors, where the source's sample every minute: the interval is data, not a constant. */
export const SAMPLE_INTERVAL_SECONDS = 300;
/** Every location is in the UK: the load curve follows British Summer Time, UTC+1 in June. */
const LOCAL_OFFSET_HOURS = 1;

export interface InsightsSample extends InsightsMetadata {
  electric_sensors: Array<SensorInput & { sample_interval_seconds: number }>;
  readings: TimeseriesReading[];
}

/** Where the sample's one gap is: a sensor that lost its uplink for two hours, as real meters do. */
export interface Outage {
  duid: string;
  circuit_number: number;
  from: string;
  to: string;
}

/** An 8-4-4-4-12 version-4 UUID from the seeded stream. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)]!;
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Sixteen upper-case hex digits, the shape of the source's device ids. */
export function seededDuid(random: () => number): string {
  return Array.from({ length: 16 }, () =>
    Math.floor(random() * 16)
      .toString(16)
      .toUpperCase(),
  ).join("");
}

interface CircuitPlan {
  name: string;
  profile: CircuitProfile;
  ratedWatts: number;
}

const PANELS: Array<{ name: string; circuits: CircuitPlan[] }> = [
  {
    name: "Bakehouse panel",
    circuits: [
      { name: "Ovens", profile: "ovens", ratedWatts: 18_000 },
      { name: "Cold room", profile: "refrigeration", ratedWatts: 4_000 },
      { name: "Bakehouse lighting", profile: "lighting", ratedWatts: 1_500 },
    ],
  },
  {
    name: "Shop panel",
    circuits: [
      { name: "HVAC", profile: "hvac", ratedWatts: 9_000 },
      { name: "Display fridges", profile: "refrigeration", ratedWatts: 3_000 },
      { name: "Shop lighting", profile: "lighting", ratedWatts: 2_200 },
    ],
  },
];

const ORGANIZATIONS = [
  {
    name: "Copperleaf North",
    locations: [
      { name: `North${NB_HYPHEN}Leeds`, scale: 1 },
      { name: `North${NB_HYPHEN}York`, scale: 0.8 },
    ],
  },
  { name: "Copperleaf South", locations: [{ name: `South${NB_HYPHEN}Bristol`, scale: 1.2 }] },
];

/** The outage is on the Bristol shop's display fridges (sensor 6, circuit 2), one afternoon. */
const OUTAGE_SENSOR = 5;
const OUTAGE_CIRCUIT = 2;
const OUTAGE_WINDOW = { from: "2024-06-02T13:00:00Z", to: "2024-06-02T15:00:00Z" };

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/**
 * The project's own insights sample: 1 brand, 2 organisations, 3 locations,
 * 6 sensors of 3 circuits, and two days of five-minute readings following a
 * bakery's daily load, with one circuit silent for two hours. Same seed, same
 * sample.
 */
export function generateInsightsSample(seed = 2024): InsightsSample {
  const random = seededRandom(seed);
  const brand = { id: seededUuid(random), name: "Copperleaf Bakehouse" };
  const sample: InsightsSample = { brands: [brand], organizations: [], locations: [], electric_sensors: [], circuits: [], readings: [] };
  const meters: Array<{ duid: string; number: number; plan: CircuitPlan; scale: number }> = [];
  for (const org of ORGANIZATIONS) {
    const organization = { id: seededUuid(random), brand_id: brand.id, name: org.name };
    sample.organizations.push(organization);
    for (const place of org.locations) {
      const location = { id: seededUuid(random), organization_id: organization.id, name: place.name };
      sample.locations.push(location);
      for (const panel of PANELS) {
        const sensor = {
          id: seededUuid(random),
          duid: seededDuid(random),
          name: panel.name,
          location_id: location.id,
          sample_interval_seconds: SAMPLE_INTERVAL_SECONDS,
        };
        sample.electric_sensors.push(sensor);
        panel.circuits.forEach((plan, i) => {
          sample.circuits.push({ sensor_id: sensor.id, circuit_number: i + 1, name: plan.name });
          meters.push({ duid: sensor.duid, number: i + 1, plan, scale: place.scale });
        });
      }
    }
  }

  const outage = sampleOutage(sample);
  const outageFrom = Date.parse(outage.from);
  const outageTo = Date.parse(outage.to);
  for (let t = Date.parse(SAMPLE_START); t < Date.parse(SAMPLE_END); t += SAMPLE_INTERVAL_SECONDS * 1000) {
    const localHour = (((t / 3_600_000 + LOCAL_OFFSET_HOURS) % 24) + 24) % 24;
    for (const meter of meters) {
      const silent = meter.duid === outage.duid && meter.number === outage.circuit_number && t >= outageFrom && t < outageTo;
      const watts = powerWatts(meter.plan.profile, localHour, meter.plan.ratedWatts * meter.scale, random);
      if (!silent) sample.readings.push({ duid: meter.duid, circuit_number: meter.number, timestamp: iso(t), power_watts: watts });
    }
  }
  return sample;
}

export function sampleOutage(sample: InsightsMetadata): Outage {
  return { duid: sample.electric_sensors[OUTAGE_SENSOR]!.duid, circuit_number: OUTAGE_CIRCUIT, ...OUTAGE_WINDOW };
}

/** One RFC 4180 field: quoted only when it must be. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv<Row>(columns: ReadonlyArray<keyof Row & string>, rows: readonly Row[]): string {
  const lines = rows.map((row) => columns.map((column) => csvField(row[column] as string | number)).join(","));
  return `${columns.join(",")}\n${lines.map((line) => `${line}\n`).join("")}`;
}

/** The five CSV files in the source's column order, electric_sensors.csv with its extra sample_interval_seconds. */
export function metadataCsvs(sample: InsightsSample): Record<MetadataKind, string> {
  return {
    brands: csv(["id", "name"], sample.brands),
    organizations: csv(["id", "brand_id", "name"], sample.organizations),
    locations: csv(["id", "organization_id", "name"], sample.locations),
    electric_sensors: csv(["id", "duid", "name", "location_id", "sample_interval_seconds"], sample.electric_sensors),
    circuits: csv(["sensor_id", "name", "circuit_number"], sample.circuits),
  };
}

/** Compact on purpose: the file is loaded at every start, not read by people. */
export function readingsJson(sample: InsightsSample): string {
  return `${JSON.stringify(sample.readings)}\n`;
}
