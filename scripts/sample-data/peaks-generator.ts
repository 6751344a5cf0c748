import { seededRandom } from "../lib/random";

export interface GeneratedMarket {
  id: number;
  name: string;
}

export interface GeneratedReading {
  marketId: number;
  /** Naive market-local `YYYY-MM-DD HH:MM:SS`, as the source system writes it. */
  timestamp: string;
  usage_kw: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

function naive(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time}`;
}

/**
 * Usage readings with the shape of real load: a daily curve peaking in the
 * late afternoon, a weekday bump, noise, and whole-kW values (so ties
 * happen, as in the source data). Readings are spaced irregularly, a few
 * minutes apart, like the source's.
 */
export function generateReadings(
  marketId: number,
  count: number,
  options: { seed: number; start: string; baseKw: number },
): GeneratedReading[] {
  const random = seededRandom(options.seed);
  const rows: GeneratedReading[] = [];
  let t = Date.parse(`${options.start}T00:00:00Z`);
  for (let i = 0; i < count; i++) {
    t += 60_000 + Math.floor(random() * 540_000);
    const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    const daily = 0.55 + 0.45 * Math.sin(((hour - 11) / 24) * 2 * Math.PI);
    const weekday = [0, 6].includes(new Date(t).getUTCDay()) ? 0.85 : 1;
    const usage = Math.round(options.baseKw * daily * weekday * (0.9 + 0.2 * random()));
    rows.push({ marketId, timestamp: naive(t), usage_kw: usage });
  }
  return rows;
}

/** The project's own sample: six markets whose names and ids the fixture does not use, so both load side by side. */
export const SAMPLE_MARKETS: GeneratedMarket[] = [
  { id: 10, name: "bpa" },
  { id: 11, name: "nem" },
  { id: 12, name: "nordpool" },
  { id: 13, name: "epex" },
  { id: 14, name: "jepx" },
  { id: 15, name: "omie" },
];

export function generateSample(readingsPerMarket = 1500): { markets: GeneratedMarket[]; readings: GeneratedReading[] } {
  const readings = SAMPLE_MARKETS.flatMap((market, i) =>
    generateReadings(market.id, readingsPerMarket, { seed: 1000 + market.id, start: "2024-06-01", baseKw: 400 + 150 * i }),
  );
  return { markets: SAMPLE_MARKETS, readings };
}

export function marketsCsv(markets: readonly GeneratedMarket[]): string {
  return `id,name\n${markets.map((m) => `${m.id},${m.name}`).join("\n")}\n`;
}

export function usageCsv(readings: readonly GeneratedReading[]): string {
  return `market_id,timestamp,usage_kw\n${readings.map((r) => `${r.marketId},${r.timestamp},${r.usage_kw}`).join("\n")}\n`;
}
