/** What a batch that may name one key more than once holds: the first of each key wins. */
export interface BatchRepeats<T, K> {
  /** The first item of each key, in batch order. */
  unique: T[];
  /** Where each key first appears. */
  firstIndex: Map<K, number>;
  /** Later items with the same content as their key's first: dropped, counted. */
  repeats: number;
  /** Later items whose content differs from their key's first: the caller refuses the batch. */
  clashes: Array<{ index: number; first: number }>;
}

/**
 * Sorts a batch's repeated keys into harmless repeats and clashes, so every
 * ingest answers the same way: the same item twice is written once, one key
 * with two contents writes nothing.
 */
export function findRepeats<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
  sameContent: (first: T, later: T) => boolean,
): BatchRepeats<T, K> {
  const firstIndex = new Map<K, number>();
  const unique: T[] = [];
  const clashes: Array<{ index: number; first: number }> = [];
  let repeats = 0;
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      unique.push(item);
    } else if (sameContent(items[first]!, item)) {
      repeats++;
    } else {
      clashes.push({ index, first });
    }
  });
  return { unique, firstIndex, repeats, clashes };
}
