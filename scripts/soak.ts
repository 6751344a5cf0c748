/**
 * `npm run soak -- trading [flags]`: a long run of the local system under a
 * faulty upstream, judged against the upstream's own log. Writes
 * .wrangler/soak/result.json; exits 1 when a check fails.
 */
import { stopChildrenOnSignals } from "./lib/child-processes";
import { parseSoakArgs } from "./soak/soak-args";
import { tradingSoakSummary } from "./soak/soak-summary";
import { runTradingSoak, SOAK_RESULT_PATH } from "./soak/trading-soak";

async function main(): Promise<void> {
  const { settings } = parseSoakArgs(process.argv.slice(2));
  stopChildrenOnSignals();
  const result = await runTradingSoak(settings);
  console.log(tradingSoakSummary(result));
  console.log(`Result written to ${SOAK_RESULT_PATH}`);
  process.exit(result.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
