import { IMPORT_USAGE, type ImportArgs, parseImportArgs, UsageError } from "./import/import-args";
import { ImportSummary } from "./import/import-summary";
import { findImporter, IMPORTERS, type Importer } from "./import/importers";
import { Progress } from "./import/progress";
import { ApiClient } from "./lib/api-client";
import { readDevVars } from "./lib/dev-vars";

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/** A local target gets the dev token from .dev.vars, so `npm start` then `npm run import` needs no flags. */
function resolveToken(args: ImportArgs): string | undefined {
  return args.token ?? (isLocal(args.url) ? readDevVars().INGEST_TOKEN : undefined);
}

function usage(): string {
  const services = IMPORTERS.map((importer) => `  ${importer.service} ${importer.usage}`).join("\n");
  return `${IMPORT_USAGE}\n\nservices:\n${services || "  (none yet)"}`;
}

export async function runImport(argv: string[], importers: Importer[] = IMPORTERS): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return 2;
  }
  const importer = findImporter(args.service, importers);
  if (!importer) {
    console.error(`unknown service '${args.service}'\n\n${usage()}`);
    return 2;
  }
  const client = new ApiClient({
    baseUrl: args.url,
    token: resolveToken(args),
    onRetry: ({ attempt, delayMs, reason }) => console.error(`\n  retry ${attempt} in ${delayMs} ms (${reason})`),
  });
  const summary = new ImportSummary();
  const started = Date.now();
  try {
    await importer.run({
      args,
      client,
      summary,
      progress: (label, total) => (args.quiet ? undefined : new Progress(label, total)),
    });
  } catch (error) {
    console.error(`\nimport into ${args.url} failed: ${(error as Error).message}`);
    console.error(summary.format());
    return 2;
  }
  console.log(`${args.service} import into ${args.url} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summary.format());
  return summary.exitCode();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runImport(process.argv.slice(2)).then((code) => process.exit(code));
}
