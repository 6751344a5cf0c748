import type { FuzzOutcome } from "./fuzz-types";

/** What a run did: requests per operation, statuses by class, and the failures that matter most. */
export class FuzzStats {
  readonly operations = new Map<string, { requests: number; classes: Record<string, number> }>();
  serverErrors = 0;
  hangs = 0;
  /** Failing cases (one per property) and concurrent trials where a caller was told something about storage that is not true. */
  lostWrites = 0;

  record(operation: string, outcome: FuzzOutcome): void {
    const entry = this.operations.get(operation) ?? { requests: 0, classes: {} };
    entry.requests++;
    const key = outcome.kind === "answer" ? `${Math.floor(outcome.status / 100)}xx` : outcome.kind;
    entry.classes[key] = (entry.classes[key] ?? 0) + 1;
    this.operations.set(operation, entry);
    if (outcome.kind === "answer" && outcome.status >= 500) this.serverErrors++;
    if (outcome.kind !== "answer") this.hangs++;
  }

  get requests(): number {
    return [...this.operations.values()].reduce((sum, entry) => sum + entry.requests, 0);
  }

  /** A fixed-width table, one line per operation, then the totals. */
  format(): string {
    const classes = ["2xx", "3xx", "4xx", "5xx", "hang", "network-error"];
    const width = Math.max(...[...this.operations.keys()].map((id) => id.length), 9);
    const lines = [`${"operation".padEnd(width)} ${"requests".padStart(8)} ${classes.map((c) => c.padStart(6)).join(" ")}`];
    for (const [id, entry] of [...this.operations].sort(([a], [b]) => a.localeCompare(b))) {
      const counts = classes.map((c) => String(entry.classes[c] ?? 0).padStart(6)).join(" ");
      lines.push(`${id.padEnd(width)} ${String(entry.requests).padStart(8)} ${counts}`);
    }
    lines.push(`total ${this.requests} requests; 5xx ${this.serverErrors}, hangs ${this.hangs}, lost writes ${this.lostWrites}`);
    return lines.join("\n");
  }
}
