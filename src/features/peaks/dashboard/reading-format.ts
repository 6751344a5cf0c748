/** How the peaks pages print readings: every digit of a usage, and market-local timestamps as they were stored. */

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 1234.5678 → `1,234.5678`: the usage exactly as stored, its whole part grouped. */
export function formatKw(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return `${match[1]}${grouped.format(Number(match[2]))}${match[3] ?? ""}`;
}

/** `2024-06-01T00:04:53` → `2024-06-01 00:04:53`: a zone-less market-local time, never shifted. */
export const formatNaive = (naive: string): string => naive.replace("T", " ");
