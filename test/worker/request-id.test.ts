import { describe, expect, it } from "vitest";
import { call, expectProblem } from "./helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const idOf = async (sent: string) => (await call("/health", { headers: { "X-Request-Id": sent } })).headers.get("X-Request-Id");

/**
 * What the README promises about X-Request-Id: a caller's id of 1–255 ASCII
 * letters, digits, `_`, `-` or `=` is echoed; any other id is replaced by a
 * generated UUID (hono's requestId middleware), in the header and in problems.
 */
describe("X-Request-Id", () => {
  it.each(["a", "A-z_0=9", "dGVzdA==", "x".repeat(255)])("echoes %s", async (sent) => {
    expect(await idOf(sent)).toBe(sent);
  });

  it.each(["x".repeat(256), "a.b", "a b", "a/b", "a+b", "a:b", "a@b"])("replaces %s with a generated UUID", async (sent) => {
    expect(await idOf(sent)).toMatch(UUID);
  });

  it("carries the replacement into a problem's request_id", async () => {
    const response = await call("/no-such-route", { headers: { "X-Request-Id": "not.accepted" } });
    const header = response.headers.get("X-Request-Id");
    expect(header).toMatch(UUID);
    expect((await expectProblem(response, 404)).request_id).toBe(header);
  });
});
