import type { RankedPeak } from "../peak-order";
import { formatKw, formatNaive } from "./reading-format";

/** Ranked readings as a table: rank, usage in kW as stored, market-local timestamp. */
export function PeaksTable({ id, caption, peaks }: { id: string; caption: string; peaks: RankedPeak[] }) {
  return (
    <div class="table-wrap">
      <table id={id} class="peaks-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num peaks-cell peaks-head">
              Rank
            </th>
            <th scope="col" class="num peaks-cell peaks-head">
              Usage <span class="unit">(kW)</span>
            </th>
            <th scope="col" class="peaks-cell peaks-head">
              Timestamp <span class="unit">(market-local)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {peaks.map((peak) => (
            <tr data-rank={String(peak.rank)}>
              <td class="num peaks-cell">{peak.rank}</td>
              <td class="num peaks-cell">{formatKw(peak.usage_kw)}</td>
              <td class="peaks-cell">
                <time datetime={peak.timestamp}>{formatNaive(peak.timestamp)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
