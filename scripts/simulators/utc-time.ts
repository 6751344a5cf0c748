export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** "2023-02-21T06:13:43+00:00": the origin's timestamp format (whole seconds, explicit UTC offset). */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** "2023-02-21": the UTC calendar day of an instant. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "15-16" for hour 15; the last hour of a day is "23-24". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}-${String(hour + 1).padStart(2, "0")}`;
}

/** The start (UTC ms) of a delivery day, or undefined when the text is not a real YYYY-MM-DD date. */
export function parseIsoDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2023-02-30 over to March; the round trip catches it.
  return Number.isNaN(ms) || isoDay(ms) !== text ? undefined : ms;
}

/** The hour (0–23) of a "HH-HH" delivery hour label, or undefined when it is not one of "00-01" … "23-24". */
export function parseHourLabel(text: string): number | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start <= 23 && end === start + 1 ? start : undefined;
}
