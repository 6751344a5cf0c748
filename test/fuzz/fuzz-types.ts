/**
 * The vocabulary of the fuzz engine. Everything under test/fuzz/ is plain
 * TypeScript with no Node or Workers import, so the same engine runs inside
 * workerd (vitest, through the app's fetch) and in Node (scripts/fuzz.ts,
 * over HTTP against wrangler dev or a deployment).
 */

/** One request as the fuzz sends it: `path` carries the query string, already encoded. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends a request to the system under test; the engine bounds its time, the transport need not. */
export type Transport = (request: FuzzRequest) => Promise<Response>;

/** A response read whole, or the fact that none came within the time bound. */
export type FuzzOutcome =
  | { kind: "answer"; status: number; headers: Headers; text: string }
  | { kind: "hang"; afterMs: number }
  | { kind: "network-error"; message: string };

/** One broken promise: which check, on which request, and what came back. */
export interface Finding {
  operation: string;
  family: string;
  check: string;
  detail: string;
  request: FuzzRequest;
  status?: number;
  responseExcerpt?: string;
}

/** What a case's mutation guarantees about the answer, beyond the checks every answer gets. */
export interface CaseExpectation {
  /** The answer must have one of these statuses. */
  statuses?: number[];
  /** A 422 must name this field. */
  namesField?: { location: string; pointer: string };
  /** A 422 must not name this field (a value exactly at a declared limit is within it). */
  doesNotNameField?: { location: string; pointer: string };
  /** The answer must not have this status (at the body limit: never 413). */
  notStatus?: number;
}

/** One generated request with what it must provoke. */
export interface FuzzCase {
  request: FuzzRequest;
  expect: CaseExpectation;
  /** What the mutation did, for the report ("dropped /readings/0/usage_kw"). */
  note: string;
}

export interface FuzzConfig {
  transport: Transport;
  /** The bearer token writes need (INGEST_TOKEN of the system under test). */
  token: string;
  /** Longest a request may take before it counts as a hang. */
  timeoutMs: number;
}
