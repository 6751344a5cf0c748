import { ImportSummary } from "../import/import-summary";
import { createMarkets, type PeaksReadingRow, sendReadings } from "../import/importers/peaks";
import { generateReadings } from "../sample-data/peaks-generator";
import type { BenchDataset, HttpScenario } from "./registry";

const MARKETS = 100;
const READINGS_PER_MARKET = 10_000;
const marketName = (i: number) => `m${String(i).padStart(3, "0")}`;

/** 100 markets × 10,000 readings (1 M), loaded through the public ingest API in 10,000-row batches. */
export const peaksDataset: BenchDataset = {
  name: "peaks: 100 markets × 10,000 readings",
  service: "peaks",
  async load({ client }) {
    const summary = new ImportSummary();
    await createMarkets(
      client,
      Array.from({ length: MARKETS }, (_, i) => ({ id: 1000 + i, name: marketName(i), source: `market ${i}` })),
      summary,
    );
    const rows: PeaksReadingRow[] = [];
    for (let i = 0; i < MARKETS; i++) {
      for (const r of generateReadings(1000 + i, READINGS_PER_MARKET, { seed: i + 1, start: "2023-01-01", baseKw: 500 + i })) {
        rows.push({ marketId: r.marketId, timestamp: r.timestamp, usage_kw: r.usage_kw, source: `market ${i}` });
      }
    }
    const started = performance.now();
    await sendReadings(client, rows, summary, { concurrency: 2 });
    const seconds = (performance.now() - started) / 1000;
    if (summary.rejected.length > 0 || summary.inserted !== MARKETS + rows.length) {
      throw new Error(`peaks dataset did not load cleanly: ${summary.format(3)}`);
    }
    return { rows: rows.length, seconds, extra: { batches: rows.length / 10_000, target_rows_per_s: 20_000 } };
  },
};

const probe = marketName(42);

export const peaksScenarios: HttpScenario[] = [
  {
    name: "peaks: market top 5",
    service: "peaks",
    path: `/v1/markets/${probe}/peaks?limit=5`,
    target: { minRatioToHealth: 0.8, description: "≥ 80 % of /health with 1 M readings loaded" },
  },
  {
    name: "peaks: origin /peaks",
    service: "peaks",
    path: `/peaks?market_name=${probe}`,
    target: { minRatioToHealth: 0.8, description: "≥ 80 % of /health with 1 M readings loaded" },
  },
  {
    name: "peaks: all 100 markets top 5",
    service: "peaks",
    path: "/v1/peaks?limit=5",
    target: { minRatioToHealth: 0.5, description: "≥ 50 % of /health over 100 markets" },
  },
  {
    // 10,000 readings a few minutes apart span about 38 days: hourly buckets are the ~1,000-point view of all of them.
    name: "peaks: a market's 10,000 readings at 1 h (~900 buckets)",
    service: "peaks",
    path: `/v1/markets/${probe}/readings?resolution=1h`,
    loadGenerator: "wrk",
    target: { minRatioToHealth: 0.25, description: "issue 14: a market's whole 10,000 readings at ~1,000 buckets ≥ 25 % of /health" },
  },
];
