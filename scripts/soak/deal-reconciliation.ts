/** How the ids the feed stored compare with the ids the exchange sent as new deals. */
export interface DealReconciliation {
  sent: number;
  /** Rows the feed returned, repeats included. */
  stored: number;
  /** Sent but never stored: lost deals. */
  missing: string[];
  /** Stored but never sent as a deal: invented or mangled ids. */
  extra: string[];
  /** Stored more than once, with how many times: double-counted deals. */
  doubled: Array<{ id: string; times: number }>;
}

function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Compares two id multisets. Exactly once means: every sent id stored, no
 * stored id unsent, none stored twice. A sent id that appears twice in the
 * log counts as one deal, since the feed is right to store it once.
 */
export function reconcileDeals(sentIds: readonly string[], storedIds: readonly string[]): DealReconciliation {
  const sent = new Set(sentIds);
  const stored = countIds(storedIds);
  return {
    sent: sent.size,
    stored: storedIds.length,
    missing: [...sent].filter((id) => !stored.has(id)),
    extra: [...stored.keys()].filter((id) => !sent.has(id)),
    doubled: [...stored].filter(([, times]) => times > 1).map(([id, times]) => ({ id, times })),
  };
}
