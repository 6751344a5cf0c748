import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Bindings } from "./env";
import { ProblemError } from "./problem";

const REALM = 'Bearer realm="energy-edge"';
const encoder = new TextEncoder();

/**
 * Paths anyone may read even when READ_TOKEN is set: liveness, the API's own documentation, the sign-in form and
 * the built scripts and styles it needs (code, never data).
 */
const PUBLIC_PATHS = new Set(["/health", "/openapi.json", "/docs", "/favicon.ico", "/login", "/logout"]);
const PUBLIC_PREFIXES = ["/docs-ui/", "/assets/"];

/** The cookie a browser keeps after signing in at /login; it stands in for the bearer header on reads. */
export const PAGE_SESSION_COOKIE = "__Host-energy_edge_session";
const PAGE_SESSION_LABEL = "energy-edge page session v1";

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

/**
 * What the session cookie holds for a secret: an HMAC of a fixed label keyed by the secret. The cookie never carries
 * the token itself (one signed in with the ingest token cannot write with the cookie), and a rotated secret ends
 * every session made with the old one.
 */
export function pageSessionValue(secret: string): Promise<string> {
  let value = sessionValues.get(secret);
  if (!value) {
    value = hmacLabel(secret);
    sessionValues.set(secret, value);
  }
  return value;
}

/** Per isolate: the HMAC of a secret never changes, so it is computed once, not on every request. */
const sessionValues = new Map<string, Promise<string>>();

async function hmacLabel(secret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(PAGE_SESSION_LABEL)));
  return btoa(String.fromCharCode(...mac))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The first of `secrets` that `given` equals, if any. */
async function matchingSecret(given: string, secrets: Array<string | undefined>): Promise<string | undefined> {
  let matched: string | undefined;
  // Every configured secret is compared, so timing does not tell which one matched.
  for (const secret of secrets) {
    if (secret && (await constantTimeEqual(given, secret)) && matched === undefined) matched = secret;
  }
  return matched;
}

async function matchesAny(given: string, secrets: Array<string | undefined>): Promise<boolean> {
  return (await matchingSecret(given, secrets)) !== undefined;
}

function readSecrets(env: Bindings): Array<string | undefined> {
  return [env.READ_TOKEN, env.INGEST_TOKEN];
}

/** The configured read secret (the read or the ingest token) a token typed into the sign-in form equals, if any. */
export function matchingReadSecret(env: Bindings, token: string): Promise<string | undefined> {
  return matchingSecret(token, readSecrets(env));
}

/** The request carries a session cookie made from one of the configured read secrets. */
export async function hasPageSession(c: Context<AppEnv>): Promise<boolean> {
  const cookie = getCookie(c, PAGE_SESSION_COOKIE);
  if (!cookie) return false;
  const expected = await Promise.all(readSecrets(c.env).map((secret) => secret && pageSessionValue(secret)));
  return matchesAny(cookie, expected);
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

/**
 * Global middleware: when READ_TOKEN is set, every non-public request needs the read or the ingest token, as a
 * bearer header or, from a browser signed in at /login, as the session cookie. A request with an Authorization
 * header is judged by that header alone, exactly as before pages existed.
 */
export const readTokenGuard = createMiddleware<AppEnv>(async (c, next) => {
  const path = c.req.path;
  const isPublic = PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
  if (c.env.READ_TOKEN && !isPublic && c.req.method !== "OPTIONS") {
    const header = c.req.header("Authorization");
    if (header !== undefined || !(await hasPageSession(c))) await demand(header, readSecrets(c.env), "read");
  }
  await next();
});
