import type { CaseExpectation, FuzzOutcome, FuzzRequest } from "./fuzz-types";
import { ECHOED_REQUEST_ID } from "./mutations-request";

/** One failed check on one answer. */
export interface Violation {
  check: string;
  detail: string;
}

interface ProblemBody {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  request_id?: unknown;
  errors?: Array<{ pointer?: unknown; location?: unknown; detail?: unknown }>;
}

const LOCATIONS = new Set(["body", "query", "path", "header", "cookie", "form"]);
/** RFC 6901: "" or a sequence of "/"-led tokens where "~" only starts "~0" or "~1". */
const JSON_POINTER = /^(\/([^~/]|~[01])*)*$/s;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The promises every answer keeps (README, "Conventions every route
 * follows"): never a 5xx or a hang, an X-Request-Id on every response,
 * every 4xx a problem+json carrying that id, every 422 a list of JSON
 * pointers; plus what the case's mutation guarantees.
 */
export function checkAnswer(request: FuzzRequest, outcome: FuzzOutcome, expect: CaseExpectation): Violation[] {
  if (outcome.kind === "hang") return [{ check: "hang", detail: `no answer within ${outcome.afterMs} ms` }];
  if (outcome.kind === "network-error") return [{ check: "network-error", detail: outcome.message }];
  const violations: Violation[] = [];
  const fail = (check: string, detail: string) => violations.push({ check, detail });
  const { status, headers, text } = outcome;
  if (status >= 500) fail("5xx", `answered ${status}`);
  const id = headers.get("X-Request-Id");
  if (!id) fail("request-id-header", "no X-Request-Id on the response");
  const sent = request.headers["X-Request-Id"];
  if (sent !== undefined && ECHOED_REQUEST_ID.test(sent) && id !== sent)
    fail("request-id-echo", `sent ${JSON.stringify(sent.slice(0, 40))}, got ${JSON.stringify(id?.slice(0, 40))}`);

  if (status >= 400) {
    const type = headers.get("Content-Type") ?? "";
    if (type.split(";")[0]!.trim() !== "application/problem+json")
      fail("problem-json", `${status} with Content-Type ${JSON.stringify(type)}`);
    const body = parse(text) as ProblemBody | undefined;
    if (!body || typeof body !== "object") fail("problem-json", `${status} body is not JSON: ${text.slice(0, 120)}`);
    else {
      if (typeof body.type !== "string" || typeof body.title !== "string") fail("problem-json", "problem without type or title");
      if (body.status !== status) fail("problem-json", `problem status ${String(body.status)} on a ${status}`);
      if (body.request_id !== id)
        fail("problem-request-id", `request_id ${JSON.stringify(body.request_id)} but X-Request-Id ${JSON.stringify(id)}`);
      if (status === 422) checkPointers(body, fail);
    }
  }
  if (status === 401 && !headers.get("WWW-Authenticate")) fail("www-authenticate", "401 without WWW-Authenticate");
  if (status === 405 && !headers.get("Allow")) fail("allow-header", "405 without Allow");
  checkExpectation(outcome.status, parse(text) as ProblemBody | undefined, expect, fail);
  return violations;
}

function checkPointers(body: ProblemBody, fail: (check: string, detail: string) => void): void {
  if (!Array.isArray(body.errors) || body.errors.length === 0) {
    fail("validation-pointers", "422 without errors[]");
    return;
  }
  for (const error of body.errors) {
    if (typeof error.pointer !== "string" || !JSON_POINTER.test(error.pointer))
      fail("validation-pointers", `bad pointer ${JSON.stringify(error.pointer)}`);
    if (typeof error.location !== "string" || !LOCATIONS.has(error.location))
      fail("validation-pointers", `bad location ${JSON.stringify(error.location)}`);
    if (typeof error.detail !== "string") fail("validation-pointers", "error without detail");
  }
}

const names = (body: ProblemBody | undefined, field: { location: string; pointer: string }) =>
  (body?.errors ?? []).some((error) => error.location === field.location && error.pointer === field.pointer);

function checkExpectation(
  status: number,
  body: ProblemBody | undefined,
  expect: CaseExpectation,
  fail: (check: string, detail: string) => void,
): void {
  if (expect.statuses && !expect.statuses.includes(status))
    fail("expected-status", `answered ${status}, expected ${expect.statuses.join(" or ")}`);
  if (expect.notStatus === status) fail("expected-status", `answered ${status} for a request within the limit`);
  if (status !== 422) return;
  // The app validates path, query and body one after another and answers for the first that fails; a 422 for
  // another part says nothing about this field, but a 422 for its part must name it.
  const samePart = (body?.errors ?? []).some((error) => error.location === expect.namesField?.location);
  if (expect.namesField && samePart && !names(body, expect.namesField)) {
    const listed = (body?.errors ?? []).map((error) => `${String(error.location)}:${String(error.pointer)}`).slice(0, 5);
    fail(
      "names-field",
      `422 for the ${expect.namesField.location} does not name ` +
        `${expect.namesField.location}:${expect.namesField.pointer} (names ${listed.join(", ") || "nothing"})`,
    );
  }
  if (expect.doesNotNameField && names(body, expect.doesNotNameField)) {
    fail(
      "limit-exact",
      `422 names ${expect.doesNotNameField.location}:${expect.doesNotNameField.pointer}, which is at (not past) its limit`,
    );
  }
}
