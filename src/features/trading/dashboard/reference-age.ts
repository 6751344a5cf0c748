/**
 * How old a reference price is, as the trader page prints it beside the price; shared by the server (the age when
 * the page was rendered) and the page's script (which keeps it current). Plain TypeScript, so both can import it.
 */

/** `2023-02-06T11:50:00+00:00` → `11:50 UTC`; the text as given when it is not a time. */
export function updatedAtText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** `12 min old` / `1 h 05 min old` / `3 days old`; empty when the time cannot be read. */
export function ageText(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const minutes = Math.floor((now - ms) / 60_000);
  // A clock ahead of this one: no age rather than a wrong one.
  if (minutes < -1) return "";
  if (minutes < 1) return "under a minute old";
  if (minutes < 60) return `${minutes} min old`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min old`;
  return `${Math.floor(hours / 24)} days old`;
}
