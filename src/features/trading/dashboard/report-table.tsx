import { formatAmount } from "../../../web/format";
import type { TraderReportRow, TraderReportView } from "../trader-report";
import { ageText, updatedAtText } from "./reference-age";

/** MW with one decimal, as the exchange deals them. */
const mw = (value: number) => value.toFixed(1);
const money = (value: number) => formatAmount(value);

/** The report's columns in order, with their units: the page's header row, and what the cells of a row mean. */
export const REPORT_COLUMNS = [
  { key: "period", label: "Delivery period", unit: "UTC" },
  { key: "trades", label: "Trades", numeric: true },
  { key: "bought", label: "Bought", unit: "MW", numeric: true },
  { key: "sold", label: "Sold", unit: "MW", numeric: true },
  { key: "net", label: "Net", unit: "MW", numeric: true },
  { key: "buy-vwap", label: "Buy VWAP", unit: "€/MWh", numeric: true },
  { key: "sell-vwap", label: "Sell VWAP", unit: "€/MWh", numeric: true },
  { key: "avg", label: "Our average", unit: "€/MWh", numeric: true },
  { key: "reference", label: "Reference", unit: "€/MWh", numeric: true },
  { key: "delta", label: "Avg − ref", unit: "€/MWh", numeric: true },
  { key: "pnl", label: "PnL", unit: "€", numeric: true },
  { key: "vs-reference", label: "vs reference", unit: "€", numeric: true },
] as const;

/** The header row of the report table. */
export function ReportHeaderRow() {
  return (
    <tr>
      {REPORT_COLUMNS.map((column) => (
        <th scope="col" class={"numeric" in column ? "num" : undefined} data-column={column.key}>
          {column.label}
          {"unit" in column && <span class="unit"> ({column.unit})</span>}
        </th>
      ))}
    </tr>
  );
}

/** A figure that may be undefined: "—" with a title saying why, never an empty cell or a 0. */
function Maybe({ value, why, format = money }: { value: number | null; why: string; format?: (value: number) => string }) {
  return value === null ? (
    <span class="undefined-figure" title={why}>
      —
    </span>
  ) : (
    format(value)
  );
}

/**
 * A comparison with the reference price: green ahead, red behind, and never colour alone, so the sign and a word go
 * with it. Positive reads "ahead" for both figures; the legend says how avg − ref reads for a buyer and a seller.
 */
export function Versus({ value, why }: { value: number | null; why: string }) {
  if (value === null) {
    return (
      <span class="versus undefined-figure" title={why}>
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

/** `2023-02-06 12-13`, which a narrow screen may break between the day and the hour, never inside either. */
function Period({ period }: { period: string }) {
  const space = period.indexOf(" ");
  if (space < 0) return <span class="nowrap">{period}</span>;
  return (
    <>
      <span class="nowrap">{period.slice(0, space)}</span> <span class="nowrap">{period.slice(space + 1)}</span>
    </>
  );
}

/**
 * One delivery hour: the same cells in the page and in the rows the live board pushes. With `now` (the page) the
 * reference price's age is written as of then; without it (a push) the page's script fills it in.
 */
export function ReportRow({ row, now }: { row: TraderReportRow; now?: number }) {
  return (
    // What a pushed row is newer by: more deals, or a later reference price (deals and prices only move forward).
    <tr data-hour={row.delivery_hour} data-trades={String(row.trades)} data-reference-updated={row.reference_last_update ?? ""}>
      <th scope="row">
        <Period period={row.delivery_period} />
      </th>
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
            updated {updatedAtText(row.reference_last_update)}
            <span class="visually-hidden">, </span>
            <span class="age" data-age>
              {now === undefined ? "" : ageText(row.reference_last_update, now)}
            </span>
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
        {why && (
          <span class="figure-sub" data-unpriced={String(totals.hours_without_reference)}>
            {totals.hours_without_reference} unpriced hour{totals.hours_without_reference === 1 ? "" : "s"} left out
          </span>
        )}
      </td>
    </tr>
  );
}

/** The row as HTML text, for the live board's pushes. */
export const reportRowHtml = (row: TraderReportRow): string => String(<ReportRow row={row} />);

export const reportTotalsHtml = (totals: TraderReportView["totals"]): string => String(<ReportTotalsRow totals={totals} />);
