import { formatAmount } from "../../../web/format";
import type { TraderReportRow, TraderReportView } from "../trader-report";

/** MW with one decimal, as the exchange deals them. */
const mw = (value: number) => value.toFixed(1);
const money = (value: number) => formatAmount(value);

/** A figure that may be undefined: "—" with a title saying why, never an empty cell or a 0. */
function Maybe({ value, why, format = money }: { value: number | null; why: string; format?: (value: number) => string }) {
  return value === null ? <span title={why}>—</span> : <>{format(value)}</>;
}

/**
 * A comparison with the reference price: green ahead, red behind, and never colour alone, so the sign and a word go
 * with it. `ahead` says which sign is good for the figure.
 */
function Versus({ value, why }: { value: number | null; why: string }) {
  if (value === null) {
    return (
      <span class="versus" title={why}>
        —
      </span>
    );
  }
  const state = value > 0 ? "ahead" : value < 0 ? "behind" : "level";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return (
    <span class={`versus versus-${state}`} data-state={state}>
      {sign}
      {money(Math.abs(value))} <span class="versus-word">{state}</span>
    </span>
  );
}

const NO_PRICE = "No reference price for this hour yet";

/** One delivery hour: the same cells in the page and in the rows the live board pushes. */
export function ReportRow({ row }: { row: TraderReportRow }) {
  return (
    // What a pushed row is newer by: more deals, or a later reference price (deals and prices only move forward).
    <tr data-hour={row.delivery_hour} data-trades={String(row.trades)} data-reference-updated={row.reference_last_update ?? ""}>
      <th scope="row">{row.delivery_period}</th>
      <td class="num">{row.trades}</td>
      <td class="num">{mw(row.bought_mw)}</td>
      <td class="num">{mw(row.sold_mw)}</td>
      <td class="num">{mw(row.net_mw)}</td>
      <td class="num">
        <Maybe value={row.buy_vwap} why="No buys in this hour" />
      </td>
      <td class="num">
        <Maybe value={row.sell_vwap} why="No sells in this hour" />
      </td>
      <td class="num">{money(row.avg_price)}</td>
      <td class="num">
        <Maybe value={row.reference_price} why={NO_PRICE} />
        {row.reference_last_update && (
          <span class="figure-sub" data-updated={row.reference_last_update}>
            updated {row.reference_last_update.slice(11, 16)} UTC
          </span>
        )}
      </td>
      <td class="num">
        <Versus value={row.delta_vs_reference} why={NO_PRICE} />
      </td>
      <td class="num">{money(row.pnl_eur)}</td>
      <td class="num">
        <Versus value={row.vs_reference_eur} why={NO_PRICE} />
      </td>
    </tr>
  );
}

export function ReportTotalsRow({ totals }: { totals: TraderReportView["totals"] }) {
  const why =
    totals.hours_without_reference > 0 ? `${totals.hours_without_reference} hour(s) without a reference price are left out` : undefined;
  return (
    <tr data-totals data-trades={String(totals.trades)}>
      <th scope="row">Day total</th>
      <td class="num">{totals.trades}</td>
      <td class="num">{mw(totals.bought_mw)}</td>
      <td class="num">{mw(totals.sold_mw)}</td>
      <td class="num">{mw(totals.net_mw)}</td>
      <td />
      <td />
      <td />
      <td />
      <td />
      <td class="num">{money(totals.pnl_eur)}</td>
      <td class="num" title={why}>
        <Versus value={totals.vs_reference_eur} why="No hour has a reference price yet" />
      </td>
    </tr>
  );
}

/** The row as HTML text, for the live board's pushes. */
export const reportRowHtml = (row: TraderReportRow): string => String(<ReportRow row={row} />);

export const reportTotalsHtml = (totals: TraderReportView["totals"]): string => String(<ReportTotalsRow totals={totals} />);
