/** Number and date formatting shared by every page: one way to print a figure across the product. */

const pad = (value: number) => String(value).padStart(2, "0");

/** `2024-04-29T02:08:29.375Z` → `29-04-2024 02:08`, in UTC (the credits origin's display format). */
export function formatDayMonthYearTime(instant: string | number): string {
  const date = new Date(instant);
  const day = `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${String(date.getUTCFullYear()).padStart(4, "0")}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** `YYYY-MM-DD HH:mm UTC`: when a page says when something happened. */
export function formatUtcMinute(instant: string | number): string {
  return `${new Date(instant).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Always two decimals, as credits are billed: 79 → `79.00`, 5.2 → `5.20`. */
export function formatCredits(value: number): string {
  return value.toFixed(2);
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const grouped = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234567 → `1,234,567`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 1234.5 → `1,234.50`: totals, where grouping helps the eye. */
export function formatAmount(value: number): string {
  return grouped.format(value);
}

/** `YYYY-MM-DD HH:mm:ss UTC`: when a live figure changed, to the second. */
export function formatUtcSecond(instant: string | number): string {
  return `${new Date(instant).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `HH:mm:ss UTC`: a time of today on a page that says which day it is. */
export function formatUtcClock(instant: string | number): string {
  return `${new Date(instant).toISOString().slice(11, 19)} UTC`;
}
