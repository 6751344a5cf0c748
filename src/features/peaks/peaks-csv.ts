import { csvDocument } from "../../lib/csv";
import type { RankedPeak } from "./peak-order";

/** CSV export of peak lists: one row per peak, grouped by market in the order given. */
export function peaksCsv(groups: ReadonlyArray<{ market: string; peaks: readonly RankedPeak[] }>): string {
  const rows = groups.flatMap((group) => group.peaks.map((peak) => [group.market, peak.rank, peak.timestamp, peak.usage_kw]));
  return csvDocument(["market_name", "rank", "timestamp", "usage_kw"], rows);
}
