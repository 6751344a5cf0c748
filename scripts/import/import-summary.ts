/** What an import did, as the ingest endpoints report it, plus rows refused with their reasons. */
export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RejectedRow {
  /** Where the row came from, e.g. "usage.csv line 12". */
  source: string;
  reason: string;
}

export class ImportSummary {
  inserted = 0;
  updated = 0;
  unchanged = 0;
  readonly rejected: RejectedRow[] = [];

  add(counts: Partial<IngestCounts>): void {
    this.inserted += counts.inserted ?? 0;
    this.updated += counts.updated ?? 0;
    this.unchanged += counts.unchanged ?? 0;
  }

  reject(source: string, reason: string): void {
    this.rejected.push({ source, reason });
  }

  get accepted(): number {
    return this.inserted + this.updated + this.unchanged;
  }

  /** Non-zero when any row was refused, so scripts and CI notice partial imports. */
  exitCode(): number {
    return this.rejected.length > 0 ? 1 : 0;
  }

  format(maxReasons = 20): string {
    const lines = [`inserted ${this.inserted}, updated ${this.updated}, unchanged ${this.unchanged}, rejected ${this.rejected.length}`];
    for (const row of this.rejected.slice(0, maxReasons)) lines.push(`  rejected ${row.source}: ${row.reason}`);
    if (this.rejected.length > maxReasons) lines.push(`  … and ${this.rejected.length - maxReasons} more rejected rows`);
    return lines.join("\n");
  }
}
