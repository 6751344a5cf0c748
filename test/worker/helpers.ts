import { exports } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { TEST_INGEST_TOKEN } from "../test-token";

export { TEST_INGEST_TOKEN };

/** Sends a request to the Worker under test, as a client on the internet would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://energy-edge.test${path}`, init));
}

/** A JSON answer to a GET, which must be 200 (the path names the failure). */
export async function getJson<T>(path: string): Promise<T> {
  const response = await call(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

export function withToken(init: RequestInit = {}, token = TEST_INGEST_TOKEN): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  return { ...init, headers };
}

export function jsonInit(method: string, body: unknown, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  return { ...init, method, headers, body: JSON.stringify(body) };
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: Array<{ pointer: string; location: string; detail: string }>;
  [extension: string]: unknown;
}

/** Asserts an RFC 9457 answer with the given status and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<ProblemJson> {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const body = (await response.json()) as ProblemJson;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  expect(typeof body.detail).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
  return body;
}

/** A file of FIXTURES_DIR ("peaks/usage.csv"); a missing fixture fails the test, it never skips it. */
export function fixture(path: string): string {
  const text = inject("fixtures")[path];
  if (text === undefined) throw new Error(`fixture ${path} is missing from ${inject("fixturesDir")} (set FIXTURES_DIR)`);
  return text;
}

/** Header-keyed rows of a simple CSV (no quoted fields), parsed independently of the product's importer. */
export function simpleCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
}

export async function postJson(path: string, body: unknown, token = TEST_INGEST_TOKEN): Promise<Response> {
  return call(path, withToken(jsonInit("POST", body), token));
}
