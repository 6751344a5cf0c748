import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths";

/** The cron expressions of `[triggers] crons = [...]` in wrangler.toml. */
export function parseCrons(toml: string): string[] {
  const triggers = /^\[triggers\][^[]*?crons\s*=\s*\[([^\]]*)\]/ms.exec(toml);
  if (!triggers?.[1]) return [];
  return [...triggers[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

export function readCrons(path = join(ROOT, "wrangler.toml")): string[] {
  return parseCrons(readFileSync(path, "utf8"));
}
