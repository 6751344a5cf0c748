import { describe, expect, it } from "vitest";
import { scenarios } from "../fuzz/concurrent-scenarios";
import type { FuzzOutcome, FuzzRequest } from "../fuzz/fuzz-types";
import { instantMs } from "../fuzz/instants";
import { checkAnswer } from "../fuzz/oracle";
import { sameNumber } from "../fuzz/read-back";
import { violates, violatesParam } from "../fuzz/schema-check";
import { differences } from "../fuzz/state-digest";
import { emptyWorld } from "../fuzz/world";

const request: FuzzRequest = { method: "POST", path: "/v1/messages", headers: {} };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): FuzzOutcome => ({
  kind: "answer",
  status,
  headers: new Headers({ "X-Request-Id": "rid", ...headers }),
  text: JSON.stringify(body),
});
const problem = (status: number, extra: Record<string, unknown> = {}) =>
  answer(
    status,
    { type: "https://x/problems/p", title: "t", status, request_id: "rid", ...extra },
    { "Content-Type": "application/problem+json" },
  );
const checks = (outcome: FuzzOutcome, expect = {}) => checkAnswer(request, outcome, expect).map((violation) => violation.check);

/** The fuzz is only as good as its oracle: each check must fire on the answer it exists for, and only then. */
describe("fuzz oracle", () => {
  it("accepts a well-formed problem and a success", () => {
    expect(checks(problem(409))).toEqual([]);
    expect(checks(problem(422, { errors: [{ pointer: "/messages/0/id", location: "body", detail: "x" }] }))).toEqual([]);
    expect(checks(answer(200, { ok: true }))).toEqual([]);
  });

  it("flags a 5xx, a hang, a 4xx that is not problem+json and a request_id unlike the header", () => {
    expect(checks(problem(500))).toContain("5xx");
    expect(checks({ kind: "hang", afterMs: 10 })).toEqual(["hang"]);
    expect(checks(answer(404, { error: "nope" }))).toContain("problem-json");
    expect(checks(answer(400, {}, { "Content-Type": "application/problem+json" }))).toContain("problem-json");
    expect(checks(problem(404, { request_id: "other" }))).toContain("problem-request-id");
  });

  it("flags a 422 without pointers, or with a malformed one", () => {
    expect(checks(problem(422))).toContain("validation-pointers");
    expect(checks(problem(422, { errors: [{ pointer: "messages/0", location: "body", detail: "x" }] }))).toContain("validation-pointers");
    expect(checks(problem(422, { errors: [{ pointer: "/a~2b", location: "body", detail: "x" }] }))).toContain("validation-pointers");
  });

  it("holds a mutation to what it guarantees", () => {
    const named = problem(422, { errors: [{ pointer: "/readings", location: "body", detail: "x" }] });
    expect(checks(problem(409), { statuses: [401] })).toContain("expected-status");
    expect(checks(named, { namesField: { location: "body", pointer: "/readings/0" } })).toContain("names-field");
    expect(checks(named, { namesField: { location: "body", pointer: "/readings" } })).toEqual([]);
    expect(checks(named, { doesNotNameField: { location: "body", pointer: "/readings" } })).toContain("limit-exact");
    expect(checks(problem(413), { notStatus: 413 })).toContain("expected-status");
  });

  it("checks the echo of a request id the app promises to echo", () => {
    const withId = { ...request, headers: { "X-Request-Id": "mine" } };
    expect(checkAnswer(withId, problem(404), {}).map((v) => v.check)).toContain("request-id-echo");
    expect(checkAnswer({ ...request, headers: { "X-Request-Id": "has spaces" } }, problem(404), {})).toEqual([]);
  });
});

describe("fuzz helpers", () => {
  it("tells from the schema alone when a value must be refused", () => {
    expect(violates({ type: "integer", minimum: 0, maximum: 10 }, 11)).toBe(true);
    expect(violates({ type: "integer" }, 1.5)).toBe(true);
    expect(violates({ type: ["integer", "null"] }, null)).toBe(false);
    expect(violates({ type: "string", pattern: "^[a-z]+$" }, "A")).toBe(true);
    expect(violates({ type: "array", maxItems: 2 }, [1, 2, 3])).toBe(true);
    expect(violatesParam({ type: "integer", minimum: 1, maximum: 100 }, "NaN")).toBe(true);
    expect(violatesParam({ type: "integer", minimum: 1, maximum: 100 }, "")).toBeUndefined();
  });

  it("reads years 0000–0099 as themselves, not as 19xx", () => {
    expect(new Date(instantMs("0050-06-01T00:00:00Z")!).getUTCFullYear()).toBe(50);
    expect(instantMs("2024-02-29T23:00:00-01:00")).toBe(Date.parse("2024-03-01T00:00:00Z"));
    expect(instantMs("2024-02-29 00:00:00")).toBeUndefined();
  });

  it("sees a refused write's trace in a digest, and nothing when the state is the same", () => {
    const before = new Map([["/v1/markets", "200 []"]]);
    expect(differences(before, new Map(before))).toEqual([]);
    expect(differences(before, new Map([["/v1/markets", '200 [{"id":1}]']]))).toHaveLength(1);
  });

  it("compares stored numbers to a relative 1e-9, so a value rounded away is caught", () => {
    expect(sameNumber(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameNumber(1.6e-44, 0)).toBe(false);
  });

  it("judges concurrent conflicting messages: two 200s for one id is a lie", async () => {
    const world = emptyWorld();
    const scenario = scenarios(world).find((s) => s.route === "POST /v1/messages" && s.kind === "conflicting")!;
    const requests = scenario.requests(1, 2);
    const get = async () => ({ status: 200, body: { text: "text 0" } });
    const told = [
      { status: 200, body: { inserted: 1 } },
      { status: 200, body: { inserted: 0, unchanged: 1 } },
    ];
    expect(await scenario.judge(1, told, requests, get)).not.toEqual([]);
    expect(await scenario.judge(1, [told[0]!, { status: 409, body: {} }], requests, get)).toEqual([]);
  });
});
