/**
 * One version counter per data set in `data_versions`, bumped by every write
 * to it inside the write's own batch: read caches key on it, and writers
 * answer it so racing callers can tell which write came last.
 */
export function bumpDataVersion(d1: D1Database, dataSet: string): D1PreparedStatement {
  return d1
    .prepare("INSERT INTO data_versions (name, version) VALUES (?1, 1) ON CONFLICT (name) DO UPDATE SET version = version + 1 RETURNING version")
    .bind(dataSet);
}

/** The version a `bumpDataVersion` statement returned. */
export function bumpedVersion(result: D1Result | undefined): number {
  return (result?.results[0] as { version: number } | undefined)?.version ?? 0;
}
