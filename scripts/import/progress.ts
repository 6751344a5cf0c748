/** On a terminal the line redraws in place; in a log it is one line per update. */
function writeStderr(line: string, final = false): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
  else process.stderr.write(`${line}\n`);
}

/** A progress line for long imports: rows done, rate and time left. */
export class Progress {
  private done = 0;
  private lastPrint = 0;
  private readonly started: number;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly write: ((line: string, final?: boolean) => void) | undefined = writeStderr,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = process.stderr.isTTY ? 500 : 5000,
  ) {
    this.started = now();
  }

  advance(rows: number): void {
    this.done += rows;
    const t = this.now();
    if (this.write && t - this.lastPrint >= this.intervalMs) {
      this.lastPrint = t;
      this.write(this.line());
    }
  }

  finish(): void {
    if (this.write) this.write(this.line(), true);
  }

  rowsPerSecond(): number {
    const seconds = (this.now() - this.started) / 1000;
    return seconds > 0 ? this.done / seconds : 0;
  }

  line(): string {
    const rate = this.rowsPerSecond();
    const pct = this.total > 0 ? ((100 * this.done) / this.total).toFixed(1) : "100.0";
    const left = this.total - this.done;
    const eta = rate > 0 && left > 0 ? ` · ETA ${formatDuration(left / rate)}` : "";
    const rows = `${this.done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} rows (${pct}%)`;
    return `${this.label}: ${rows} · ${Math.round(rate).toLocaleString("en-US")} rows/s${eta}`;
  }
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
