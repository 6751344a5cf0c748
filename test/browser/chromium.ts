import { existsSync } from "node:fs";

/** Debian's chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere on other systems. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Why the browser tests cannot run here, or undefined when they can. Never a reason to skip: a missing browser
 * fails the browser tests, locally and in CI (where .ci/run installs it), so a green run always means they ran.
 */
export function missingChromium(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return (
    `Chromium is missing at ${CHROMIUM_PATH}, so the browser tests cannot run: install Debian's chromium ` +
    "(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary; .ci/run installs it in CI"
  );
}
