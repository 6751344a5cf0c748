import type { z } from "@hono/zod-openapi";
import { toWholeUnits } from "./exchange-feed/deal-units";
import type { ExactSums, TraderReport } from "./exchange-feed/feed-types";
import type { DayPrices } from "./reference-prices/reference-price-store";
import type { ReportRowSchema, TraderReportSchema } from "./trading.schemas";

/** Rounded to the cent, never -0 (it would print as "-0" in a page). */
const cents = (value: number) => Math.round(value * 100) / 100 + 0;

/** Reference prices are held exactly to this many decimals (the provider sends two). */
const REFERENCE_DECIMALS = 6;
const REFERENCE_SCALE = 10n ** BigInt(REFERENCE_DECIMALS);

/** The reference in millionths of a euro, or null when it has more decimals than that. */
function referenceUnits(reference: number): bigint | null {
  const units = toWholeUnits(reference, 10 ** REFERENCE_DECIMALS);
  return units === null ? null : BigInt(units);
}

/** n / d rounded half away from zero, d > 0, as euros with two decimals (n and d in the same unit, d a cent). */
function roundedEuros(n: bigint, centUnits: bigint): number {
  const magnitude = n < 0n ? -n : n;
  let quotient = magnitude / centUnits;
  if (2n * (magnitude - quotient * centUnits) >= centUnits) quotient += 1n;
  const signed = n < 0n ? -quotient : quotient;
  return Number(signed) / 100 + 0;
}

/**
 * What the trader's deals of an hour earned against dealing at the reference price, in ten-millionths of a euro:
 * Σ over sells q·(p − ref) − Σ over buys q·(p − ref) = pnl + ref·(bought − sold), exact for any reference with up to
 * six decimals (the provider's have two); null for one with more.
 */
export function vsReferenceUnits(sums: ExactSums, reference: number): bigint | null {
  const units = referenceUnits(reference);
  // pnl in tenth-cents (10⁻³ €) and ref·net in 10⁻⁶ € × 10⁻¹ MW: both in 10⁻⁷ €.
  return units === null ? null : BigInt(sums.pnl_tenth_cents) * 10_000n + units * BigInt(sums.net_tenths);
}

/** One cent in ten-millionths of a euro. */
const CENT_IN_UNITS = 100_000n;

function vsReferenceEur(sums: ExactSums, reference: number): number {
  const exact = vsReferenceUnits(sums, reference);
  return exact === null ? cents(sums.pnl_tenth_cents / 1000 + (reference * sums.net_tenths) / 10) : roundedEuros(exact, CENT_IN_UNITS);
}

/** avg − ref, rounded to the cent once, from the average's cents and the exact reference. */
function deltaVsReference(averagePrice: number, reference: number): number {
  const units = referenceUnits(reference);
  const averageCents = toWholeUnits(averagePrice, 100);
  if (units === null || averageCents === null) return cents(averagePrice - reference);
  return roundedEuros(BigInt(averageCents) * (REFERENCE_SCALE / 100n) - units, REFERENCE_SCALE / 100n);
}

/** A delivery hour of the report, as GET …/report documents it. */
export type TraderReportRow = z.infer<typeof ReportRowSchema>;
/** The whole report: its rows and the day's totals, as GET …/report documents it. */
export type TraderReportView = z.infer<typeof TraderReportSchema>;

/**
 * A trader's day as the API and the dashboards show it: the feed's per-hour figures with the reference price of each
 * hour, how the average compares with it (avg − ref, the origin's figure) and what the deals earned against it
 * (direction-aware). One function, so the report, the pages and the live pushes never disagree.
 */
export function traderReportView(report: TraderReport, prices: DayPrices): TraderReportView {
  let exactTotal: bigint | null = 0n;
  let priced = 0;
  const rows = report.hours.map((hour): TraderReportRow => {
    const price = prices[hour.delivery_hour];
    if (price) {
      priced++;
      const exact = vsReferenceUnits(hour.sums, price.value);
      exactTotal = exact === null || exactTotal === null ? null : exactTotal + exact;
    }
    return {
      delivery_period: `${report.delivery_day} ${hour.delivery_hour}`,
      delivery_hour: hour.delivery_hour,
      trades: hour.trades,
      bought_mw: hour.bought_mw,
      sold_mw: hour.sold_mw,
      net_mw: hour.net_mw,
      buy_vwap: hour.buy_vwap,
      sell_vwap: hour.sell_vwap,
      avg_price: hour.avg_price,
      reference_price: price?.value ?? null,
      reference_last_update: price?.last_update ?? null,
      delta_vs_reference: price ? deltaVsReference(hour.avg_price, price.value) : null,
      vs_reference_eur: price ? vsReferenceEur(hour.sums, price.value) : null,
      pnl_eur: hour.pnl_eur,
    };
  });
  // Exact when every reference is (always, from the provider); otherwise the sum of the rounded rows.
  const total =
    exactTotal === null ? cents(rows.reduce((sum, row) => sum + (row.vs_reference_eur ?? 0), 0)) : roundedEuros(exactTotal, CENT_IN_UNITS);
  return {
    trader_id: report.trader_id,
    delivery_day: report.delivery_day,
    rows,
    totals: { ...report.totals, vs_reference_eur: priced === 0 ? null : total, hours_without_reference: rows.length - priced },
  };
}
