/**
 * Pagination cursors are opaque to clients (base64url), so the order they walk (arrival sequence) can change
 * without breaking anyone. Keyset rather than offset: a page never repeats or skips a deal while new ones arrive.
 */
const PREFIX = "d1:";

export function encodeDealsCursor(lastSeq: number): string {
  return btoa(`${PREFIX}${lastSeq}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The sequence number after which the next page starts, or null when the text is not a cursor of ours. */
export function decodeDealsCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  if (!text.startsWith(PREFIX)) return null;
  const digits = text.slice(PREFIX.length);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}
