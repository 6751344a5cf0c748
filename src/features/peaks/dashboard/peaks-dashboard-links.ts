import type { ReadingsWindow } from "../peaks.repository";
import { DEFAULT_PEAKS_SHOWN } from "./peaks-dashboard.schemas";

export const BOARD_PATH = "/dashboards/peaks";

/** What a market page shows: how many peaks, over which window. */
export interface MarketView extends ReadingsWindow {
  n: number;
}

export const ALL_DATA: MarketView = { n: DEFAULT_PEAKS_SHOWN };

/** The board, or its CSV. */
export const boardHref = (format?: "csv"): string => (format ? `${BOARD_PATH}?format=${format}` : BOARD_PATH);

/** A market page's URL: only what differs from the defaults is written, bounds in the stored `T` form. */
export function marketHref(market: string, view: MarketView = ALL_DATA, format?: "csv"): string {
  const params = new URLSearchParams();
  if (view.n !== DEFAULT_PEAKS_SHOWN) params.set("n", String(view.n));
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  if (format) params.set("format", format);
  const query = params.toString();
  const path = `${BOARD_PATH}/${encodeURIComponent(market)}`;
  return query ? `${path}?${query}` : path;
}
