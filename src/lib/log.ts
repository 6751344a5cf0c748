export type LogLevel = "info" | "warn" | "error";

/**
 * Writes one JSON line, `{level, ...fields}`, through the console method of that level: Workers Logs and
 * `wrangler tail` keep the level, and log search can filter on any field.
 */
export function log(level: LogLevel, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === "info") console.log(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}
