import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** True when the module at `moduleUrl` is the script node (or tsx) was started with, not an import of it. */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(resolve(entry)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs a standalone simulator until Ctrl-C or SIGTERM, then stops it cleanly
 * (closing sockets and flushing its log) before exiting.
 */
export function stopOnSignals(stop: () => Promise<void>, onStopped?: () => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop()
      .then(() => {
        onStopped?.();
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(`${signal}: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
