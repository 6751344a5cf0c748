import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** An append-only JSON Lines file: one record per line, so a soak script can stream and count it. */
export interface JsonlLog {
  readonly path: string | undefined;
  write(record: object): void;
  /** Flushes and closes the file; resolves once every line is on disk. */
  close(): Promise<void>;
}

/** Opens (truncating) a per-run log, or a no-op log when no path is given. */
export function openJsonlLog(path: string | undefined): JsonlLog {
  if (!path) return { path: undefined, write: () => {}, close: async () => {} };
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: "w" });
  let closed: Promise<void> | undefined;
  return {
    path,
    write(record) {
      // A stream buffers in memory when the disk lags, so a burst of 1,000 frames/s never blocks the sender.
      if (!closed) stream.write(`${JSON.stringify(record)}\n`);
    },
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        stream.once("error", reject);
        stream.end(() => resolve());
      });
      return closed;
    },
  };
}
