import { describe, expect, it } from "vitest";
import { call, expectProblem, postJson } from "../helpers";

/**
 * A message or report id in the path is decimal digits only: a number-like
 * segment that is not one (hex, exponent, blank, unsafe) is a 422 naming the
 * path parameter, never silently read as another id.
 */
describe("credits path ids", () => {
  it("reads a message by its decimal id", async () => {
    await postJson("/v1/messages", { messages: [{ id: 16, timestamp: "2024-04-29T00:00:00Z", text: "hello" }] });
    expect(((await (await call("/v1/messages/16")).json()) as { id: number }).id).toBe(16);
  });

  it.each(["0x10", "1e1", "%20", "16.0", "-1", "9007199254740993"])("refuses /v1/messages/%s with a path pointer", async (segment) => {
    const body = await expectProblem(await call(`/v1/messages/${segment}`), 422);
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) expect([error.location, error.pointer]).toEqual(["path", "/id"]);
  });
});
