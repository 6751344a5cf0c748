import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env";
import { ProblemError } from "./problem";

const REALM = 'Bearer realm="energy-edge"';
const encoder = new TextEncoder();

/** Paths anyone may read even when READ_TOKEN is set: liveness and the API's own documentation. */
const PUBLIC_PATHS = new Set(["/health", "/openapi.json", "/docs", "/favicon.ico"]);
const PUBLIC_PREFIXES = ["/docs-ui/"];

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Compares two secrets in time independent of where they differ: both are
 * hashed first so the comparison also hides the expected token's length.
 */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

async function matchesAny(token: string, secrets: Array<string | undefined>): Promise<boolean> {
  let matched = false;
  // Every configured secret is compared, so timing does not tell which one matched.
  for (const secret of secrets) {
    if (secret && (await constantTimeEqual(token, secret))) matched = true;
  }
  return matched;
}

function unauthorized(detail: string, invalid: boolean): ProblemError {
  const challenge = invalid ? `${REALM}, error="invalid_token"` : REALM;
  return new ProblemError("unauthorized", { detail, headers: { "WWW-Authenticate": challenge } });
}

async function demand(header: string | undefined, secrets: Array<string | undefined>, what: string): Promise<void> {
  if (!secrets.some(Boolean)) {
    throw unauthorized(`No ${what} token is configured on this server, so this request cannot be authorised`, false);
  }
  const token = bearerToken(header);
  if (!token) throw unauthorized(`This request needs an 'Authorization: Bearer <${what} token>' header`, false);
  if (!(await matchesAny(token, secrets))) throw unauthorized(`The bearer token is not a valid ${what} token`, true);
}

/** Route middleware for anything that changes stored data. */
export const requireIngestToken = createMiddleware<AppEnv>(async (c, next) => {
  await demand(c.req.header("Authorization"), [c.env.INGEST_TOKEN], "ingest");
  await next();
});

/** Global middleware: when READ_TOKEN is set, every non-public request needs the read or the ingest token. */
export const readTokenGuard = createMiddleware<AppEnv>(async (c, next) => {
  const path = c.req.path;
  const isPublic = PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
  if (c.env.READ_TOKEN && !isPublic && c.req.method !== "OPTIONS") {
    await demand(c.req.header("Authorization"), [c.env.READ_TOKEN, c.env.INGEST_TOKEN], "read");
  }
  await next();
});
