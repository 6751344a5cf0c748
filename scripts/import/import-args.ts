/** Command line of `npm run import -- <service> <files…> [--url URL] [--token T] [--batch-size N]`. */
export interface ImportArgs {
  service: string;
  files: string[];
  url: string;
  token?: string;
  batchSize?: number;
  quiet: boolean;
}

export const DEFAULT_URL = `http://127.0.0.1:${process.env.PORT ?? 8787}`;

export const IMPORT_USAGE = `usage: npm run import -- <service> <files…> [--url URL] [--token TOKEN] [--batch-size N] [--quiet]

  --url         the Energy Edge to load into (default ${DEFAULT_URL}, or ENERGY_EDGE_URL)
  --token       its ingest token (default ENERGY_EDGE_TOKEN, or INGEST_TOKEN from .dev.vars)
  --batch-size  rows per request (default: the service's own)
  --quiet       no progress line, only the summary`;

export class UsageError extends Error {}

export function parseImportArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): ImportArgs {
  const positional: string[] = [];
  let url = env.ENERGY_EDGE_URL ?? DEFAULT_URL;
  let token = env.ENERGY_EDGE_TOKEN;
  let batchSize: number | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") ? (arg.split(/=(.*)/s, 2) as [string, string | undefined]) : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--url":
        url = value();
        break;
      case "--token":
        token = value();
        break;
      case "--batch-size": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError("--batch-size must be a positive integer");
        batchSize = n;
        break;
      }
      case "--quiet":
        quiet = true;
        break;
      default:
        if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  const [service, ...files] = positional;
  if (!service) throw new UsageError("name the service to import into");
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be an http(s) URL, got '${url}'`);
  return { service, files, url, token, batchSize, quiet };
}
