import { circuitId } from "../../src/features/insights/circuit-id";
import { ImportSummary } from "../import/import-summary";
import { type InsightsMetadata, postMetadata } from "../import/importers/insights-metadata";
import { INSIGHTS_BATCH_SIZE, sendReadings, type TimeseriesReading } from "../import/importers/insights-readings";
import { seededRandom } from "../lib/random";
import { type CircuitProfile, powerWatts } from "../sample-data/load-curve";
import { insightsChartPages } from "./insights-pages";
import type { BenchDataset, HttpScenario, PageBenchmark } from "./registry";

const MINUTE_MS = 60_000;
const YEAR_FROM = Date.UTC(2025, 0, 1);
const YEAR_TO = Date.UTC(2026, 0, 1);
/** The one day the 36 short-lived circuits report, inside the year-long circuits' year. */
const DAY_FROM = Date.UTC(2025, 6, 1);
const DAY_TO = DAY_FROM + 86_400_000;

const YEAR_CIRCUITS: CircuitProfile[] = ["hvac", "refrigeration"];
/** Three organisations of 2 locations × 2 sensors × 3 circuits: 12 circuits each, 36 in all. */
const DAY_ORGANIZATIONS = 3;
const LOCATIONS_PER_ORG = 2;
const SENSORS_PER_LOCATION = 2;
const DAY_PROFILES: CircuitProfile[] = ["ovens", "refrigeration", "lighting"];

/** Fixed, readable ids: the kind in the first group, the ordinal in the last. */
const benchId = (kind: number, n: number) => `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const BRAND_ID = benchId(1, 1);
const orgId = (n: number) => benchId(2, n);
const locationId = (n: number) => benchId(3, n);
const sensorId = (n: number) => benchId(4, n);
const YEAR_SENSOR = 1;
/** Organisation 0 holds the year-long sensor; 1–3 hold the day sensors, 4 the month-long hourly ones. */
const PROBE_ORG = 1;
const MONTH_ORG = 4;
const MONTH_FROM = Date.UTC(2025, 8, 1);
const MONTH_HOURS = 30 * 24;
const FIRST_DAY_SENSOR = 2;

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** The tree: one brand, a year-long organisation with one 2-circuit sensor, three 12-circuit organisations. */
export function benchMetadata(): InsightsMetadata {
  const doc: InsightsMetadata = {
    brands: [{ id: BRAND_ID, name: "Bench brand" }],
    organizations: [{ id: orgId(0), brand_id: BRAND_ID, name: "Year\u2011long" }],
    locations: [{ id: locationId(0), organization_id: orgId(0), name: "Year\u2011site" }],
    electric_sensors: [
      { id: sensorId(YEAR_SENSOR), duid: "BENCH-YEAR", name: "Year panel", location_id: locationId(0), sample_interval_seconds: 60 },
    ],
    circuits: YEAR_CIRCUITS.map((profile, i) => ({ sensor_id: sensorId(YEAR_SENSOR), circuit_number: i + 1, name: profile })),
  };
  let location = 1;
  let sensor = FIRST_DAY_SENSOR;
  for (let org = 1; org <= DAY_ORGANIZATIONS; org++) {
    doc.organizations.push({ id: orgId(org), brand_id: BRAND_ID, name: `Day org ${org}` });
    for (let l = 0; l < LOCATIONS_PER_ORG; l++, location++) {
      doc.locations.push({ id: locationId(location), organization_id: orgId(org), name: `Day\u2011site ${location}` });
      for (let s = 0; s < SENSORS_PER_LOCATION; s++, sensor++) {
        doc.electric_sensors.push({
          id: sensorId(sensor),
          duid: `BENCH-DAY-${sensor}`,
          name: `Panel ${s + 1}`,
          location_id: locationId(location),
        });
        for (const [i, profile] of DAY_PROFILES.entries())
          doc.circuits.push({ sensor_id: sensorId(sensor), circuit_number: i + 1, name: profile });
      }
    }
  }
  // The month-long organisation: the same shape, sensors reporting hourly for 30 days (the chart benchmark's 8,640 points).
  doc.organizations.push({ id: orgId(MONTH_ORG), brand_id: BRAND_ID, name: "Month org" });
  for (let l = 0; l < LOCATIONS_PER_ORG; l++, location++) {
    doc.locations.push({ id: locationId(location), organization_id: orgId(MONTH_ORG), name: `Month\u2011site ${location}` });
    for (let s = 0; s < SENSORS_PER_LOCATION; s++, sensor++) {
      doc.electric_sensors.push({
        id: sensorId(sensor),
        duid: `BENCH-MONTH-${sensor}`,
        name: `Panel ${s + 1}`,
        location_id: locationId(location),
        sample_interval_seconds: 3600,
      });
      for (const [i, profile] of DAY_PROFILES.entries())
        doc.circuits.push({ sensor_id: sensorId(sensor), circuit_number: i + 1, name: profile });
    }
  }
  return doc;
}

function hourlyReadings(duid: string, profiles: readonly CircuitProfile[], seed: number): TimeseriesReading[] {
  const random = seededRandom(seed);
  return profiles.flatMap((profile, i) =>
    Array.from({ length: MONTH_HOURS }, (_, h) => ({
      duid,
      circuit_number: i + 1,
      timestamp: iso(MONTH_FROM + h * 3_600_000),
      power_watts: powerWatts(profile, h % 24, 10_000, random),
    })),
  );
}

function minuteReadings(duid: string, profiles: readonly CircuitProfile[], from: number, to: number, seed: number): TimeseriesReading[] {
  const random = seededRandom(seed);
  const readings: TimeseriesReading[] = [];
  // Grouped by circuit, as a backfill sends them: each batch touches few rollup buckets.
  profiles.forEach((profile, i) => {
    for (let t = from; t < to; t += MINUTE_MS) {
      const hour = (t % 86_400_000) / 3_600_000;
      readings.push({ duid, circuit_number: i + 1, timestamp: iso(t), power_watts: powerWatts(profile, hour, 10_000, random) });
    }
  });
  return readings;
}

/** 2 circuits × 525,600 minutes of 2025, 36 circuits × 1,440 minutes of one day, 12 circuits × 720 hours. */
export function benchReadings(metadata: InsightsMetadata): TimeseriesReading[] {
  const [yearSensor, ...others] = metadata.electric_sensors;
  const readings = minuteReadings(yearSensor!.duid, YEAR_CIRCUITS, YEAR_FROM, YEAR_TO, 1);
  others.forEach((sensor, i) => {
    const rows = sensor.sample_interval_seconds === 3600 ? hourlyReadings(sensor.duid, DAY_PROFILES, 200 + i) : [];
    if (rows.length === 0) rows.push(...minuteReadings(sensor.duid, DAY_PROFILES, DAY_FROM, DAY_TO, 100 + i));
    for (const reading of rows) readings.push(reading);
  });
  return readings;
}

// Circuit ids are derived (UUIDv5 of sensor and number), so the scenarios can name them before anything is loaded.
const YEAR_CIRCUIT = await circuitId(sensorId(YEAR_SENSOR), 1);
const YEAR_CIRCUIT_2 = await circuitId(sensorId(YEAR_SENSOR), 2);
const DAY_CIRCUIT = await circuitId(sensorId(FIRST_DAY_SENSOR), 1);
const ROWS_READ = ["X-Rows-Read"];
const window = (from: string, to: string) => `start=${from}&end=${to}`;
/** Unaligned on purpose: the hour and the year both need raw minutes at their edges, the year every rollup too. */
const HOUR_WINDOW = window("2025-07-01T12:30:00Z", "2025-07-01T13:30:00Z");
const YEAR_WINDOW = window("2025-01-01T00:30:00Z", "2026-01-01T00:30:00Z");
const DAY_WINDOW = window(iso(DAY_FROM), iso(DAY_TO));
const metadataRows = (doc: InsightsMetadata) => Object.values(doc).reduce((sum, rows: unknown[]) => sum + rows.length, 0);

export const insightsDataset: BenchDataset = {
  name: "insights: 2 circuits × 1 year of minutes + 36 circuits × 1 day + 12 circuits × 30 days of hours",
  service: "insights",
  async load({ client }) {
    const summary = new ImportSummary();
    const metadata = benchMetadata();
    const stored = await postMetadata(client, metadata, summary);
    const ids = new Set(stored.circuit_ids.map((c) => c.id));
    if (!ids.has(YEAR_CIRCUIT) || !ids.has(DAY_CIRCUIT))
      throw new Error("the server's circuit ids are not circuitId()'s: the scenarios would read nothing");
    const readings = benchReadings(metadata);
    const started = performance.now();
    await sendReadings(client, readings, summary, { concurrency: 2 });
    const seconds = (performance.now() - started) / 1000;
    if (summary.rejected.length > 0 || summary.inserted !== metadataRows(metadata) + readings.length) {
      throw new Error(`insights dataset did not load cleanly: ${summary.format(3)}`);
    }
    return {
      rows: readings.length,
      seconds,
      extra: { batches: Math.ceil(readings.length / INSIGHTS_BATCH_SIZE), target_rows_per_s: 20_000 },
    };
  },
};

const HOUR_NAME = "insights: circuit over 1 hour";
const DAY_NAME = "insights: circuit over 1 day";
const READ_AGAIN = { minRatioToHealth: 0.5, description: "issue 14: the same circuit window read again ≥ 50 % of /health" };

/** The i-th of a run of one-day windows of the year-long circuit, each a minute later: never read before. */
const coldDayPath = (i: number) => {
  const from = YEAR_FROM + (i + 1) * MINUTE_MS;
  return `/v1/circuits/${YEAR_CIRCUIT}/usage?${window(iso(from), iso(from + 86_400_000))}`;
};

/** A random one-day window of the year-long circuits each request: few tiles are shared, so nearly every read goes to D1. */
const randomDayPath = (() => {
  const random = seededRandom(14);
  const circuits = [YEAR_CIRCUIT, YEAR_CIRCUIT_2];
  return (i: number) => {
    const from = YEAR_FROM + Math.floor(random() * 364 * 1440) * MINUTE_MS;
    return `/v1/circuits/${circuits[Math.abs(i) % 2]}/usage?${window(iso(from), iso(from + 86_400_000))}`;
  };
})();

export const insightsScenarios: HttpScenario[] = [
  {
    name: HOUR_NAME,
    service: "insights",
    path: `/v1/circuits/${YEAR_CIRCUIT}/usage?${HOUR_WINDOW}`,
    recordHeaders: ROWS_READ,
    target: READ_AGAIN,
  },
  {
    name: "insights: circuit over 1 year",
    service: "insights",
    path: `/v1/circuits/${YEAR_CIRCUIT}/usage?${YEAR_WINDOW}`,
    recordHeaders: ROWS_READ,
    target: {
      maxLatencyRatio: { scenario: HOUR_NAME, ratio: 2 },
      maxRowsRead: 1000,
      description: "insights issue: a year of minutes within 2× the one-hour latency, ≤ 1,000 D1 rows read",
    },
  },
  {
    name: DAY_NAME,
    service: "insights",
    path: `/v1/circuits/${DAY_CIRCUIT}/usage?${DAY_WINDOW}`,
    recordHeaders: ROWS_READ,
    target: READ_AGAIN,
  },
  {
    name: "insights: organisation of 12 circuits over 1 day",
    service: "insights",
    path: `/v1/organizations/${orgId(PROBE_ORG)}/usage?${DAY_WINDOW}`,
    recordHeaders: ROWS_READ,
    target: {
      minRatioToHealth: 0.4,
      maxLatencyRatio: { scenario: DAY_NAME, ratio: 3 },
      description: "issue 14: read again ≥ 40 % of /health; insights issue: within 3× one circuit over the same day",
    },
  },
  {
    name: "insights: circuit, a new 1-day window each request",
    service: "insights",
    path: coldDayPath(-1),
    pathFor: coldDayPath,
    recordHeaders: ROWS_READ,
    target: {
      minRatioToHealth: 0.25,
      description: "issue 14: a cold window (never read before; a dashboard's moving window) ≥ 25 % of /health",
    },
  },
  {
    name: "insights: circuit, a random 1-day window of the year each request",
    service: "insights",
    path: randomDayPath(-1),
    pathFor: randomDayPath,
    recordHeaders: ROWS_READ,
  },
];

export const insightsPages: PageBenchmark[] = insightsChartPages(orgId(MONTH_ORG), YEAR_CIRCUIT);
