import type { RankedPeak } from "./peak-order";

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV export of peak lists: one row per peak, grouped by market in the order given. */
export function peaksCsv(groups: ReadonlyArray<{ market: string; peaks: readonly RankedPeak[] }>): string {
  const lines = ["market_name,rank,timestamp,usage_kw"];
  for (const group of groups) {
    for (const peak of group.peaks) {
      lines.push([group.market, peak.rank, peak.timestamp, peak.usage_kw].map(csvField).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
