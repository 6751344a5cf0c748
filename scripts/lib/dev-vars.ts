import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths";

export const DEV_VARS_PATH = join(ROOT, ".dev.vars");

/** Parses the dotenv-style .dev.vars file wrangler reads secrets from locally. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    vars[line.slice(0, eq).trim()] = value;
  }
  return vars;
}

export function readDevVars(path = DEV_VARS_PATH): Record<string, string> {
  return existsSync(path) ? parseDevVars(readFileSync(path, "utf8")) : {};
}

/**
 * Creates .dev.vars with a random ingest token when it is missing (or lacks
 * INGEST_TOKEN), so a fresh clone runs with real auth and no manual step.
 */
export function ensureDevVars(path = DEV_VARS_PATH): { token: string; created: boolean } {
  const vars = readDevVars(path);
  if (vars.INGEST_TOKEN) return { token: vars.INGEST_TOKEN, created: false };
  const token = `dev-${randomBytes(24).toString("hex")}`;
  const existing = existsSync(path) ? readFileSync(path, "utf8") : "";
  const prefix = existing && !existing.endsWith("\n") ? `${existing}\n` : existing;
  writeFileSync(path, `${prefix}# Created by npm start: the local ingest token (see .dev.vars.example)\nINGEST_TOKEN=${token}\n`);
  return { token, created: true };
}
