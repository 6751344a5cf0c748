import { describe, expect, it } from "vitest";
import { call, expectProblem, jsonInit, postJson, TEST_INGEST_TOKEN } from "../helpers";

const put = (path: string, body: unknown, token = TEST_INGEST_TOKEN) =>
  call(path, {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const pointers = (body: { errors?: Array<{ pointer: string }> }) => body.errors?.map((e) => e.pointer).sort();

describe("credits error paths", () => {
  it("answers /usage with 404 while no billing period is set", async () => {
    const body = await expectProblem(await call("/usage"), 404);
    expect(body.detail).toContain("PUT /v1/billing-periods/current");
    await expectProblem(await call("/v1/billing-periods/current"), 404);
  });

  it("rejects a message id re-sent with other content with 409, writing nothing", async () => {
    await postJson("/v1/messages", { messages: [{ id: 1, timestamp: "2024-04-29T00:00:00Z", text: "hello" }] });
    const response = await postJson("/v1/messages", {
      messages: [
        { id: 2, timestamp: "2024-04-29T00:00:01Z", text: "new" },
        { id: 1, timestamp: "2024-04-29T00:00:00Z", text: "changed" },
      ],
    });
    const body = await expectProblem(response, 409);
    expect(pointers(body)).toEqual(["/messages/1/id"]);
    await expectProblem(await call("/v1/messages/2"), 404);
  });

  it("rejects invalid messages with a pointer each", async () => {
    const body = await expectProblem(
      await postJson("/v1/messages", {
        messages: [
          { id: -1, timestamp: "2024-04-29T00:00:00Z", text: "x" },
          { id: 3, timestamp: "2024-04-29 00:00:00", text: "x" },
          { id: 4, timestamp: "2024-04-29T00:00:00Z", text: 5 },
          { id: 5, timestamp: "2024-04-29T00:00:00Z", text: "x", report_id: "r" },
        ],
      }),
      422,
    );
    expect(pointers(body)).toEqual(["/messages/0/id", "/messages/1/timestamp", "/messages/2/text", "/messages/3/report_id"]);
    const repeated = await expectProblem(
      await postJson("/v1/messages", {
        messages: [
          { id: 9, timestamp: "2024-04-29T00:00:00Z", text: "a" },
          { id: 9, timestamp: "2024-04-29T00:00:00Z", text: "b" },
        ],
      }),
      422,
    );
    expect(pointers(repeated)).toEqual(["/messages/1/id"]);
    await expectProblem(await postJson("/v1/messages", { messages: [] }), 422);
  });

  it("rejects invalid reports and periods", async () => {
    const reports = await expectProblem(
      await postJson("/v1/reports", {
        reports: [
          { id: 1, name: "", credit_cost: 1.234 },
          { id: 2, name: "ok", credit_cost: -1 },
        ],
      }),
      422,
    );
    expect(pointers(reports)).toEqual(["/reports/0/credit_cost", "/reports/0/name", "/reports/1/credit_cost"]);
    await expectProblem(await put("/v1/reports/abc", { name: "x", credit_cost: 1 }), 422);
    // A tolerance would store this as 0: refused, never changed.
    expect(pointers(await expectProblem(await put("/v1/reports/828", { name: "x", credit_cost: 4.969409011758058e-23 }), 422))).toEqual([
      "/credit_cost",
    ]);
    expect(((await (await call("/v1/reports")).json()) as { reports: Array<{ id: number }> }).reports.some((r) => r.id === 828)).toBe(
      false,
    );
    const reversed = await expectProblem(
      await put("/v1/billing-periods/current", { start: "2024-05-01T00:00:00Z", end: "2024-04-01T00:00:00Z" }),
      422,
    );
    expect(pointers(reversed)).toEqual(["/start"]);
    expect(pointers(await expectProblem(await put("/v1/billing-periods/current", { start: "2024-05-01", end: "x" }), 422))).toEqual([
      "/end",
      "/start",
    ]);
  });

  it("rejects bad windows and quotes", async () => {
    expect(pointers(await expectProblem(await call("/v1/usage?from=2024-05-01T00:00:00Z&to=2024-04-01T00:00:00Z"), 422))).toEqual([
      "/from",
    ]);
    expect(pointers(await expectProblem(await call("/v1/usage/daily?from=2024-05-01T00:00:00Z"), 422))).toEqual(["/to"]);
    expect(pointers(await expectProblem(await call("/v1/usage/daily?from=2000-01-01T00:00:00Z&to=2024-01-01T00:00:00Z"), 422))).toEqual([
      "/to",
    ]);
    expect(pointers(await expectProblem(await postJson("/v1/credits/quote", {}), 422))).toEqual(["/text"]);
    await expectProblem(await postJson("/v1/credits/quote", { report_id: 424242 }), 404);
    await expectProblem(await call("/v1/messages/999999"), 404);
  });

  it("needs the ingest token for writes, but not for quotes", async () => {
    await expectProblem(
      await call("/v1/messages", jsonInit("POST", { messages: [{ id: 7, timestamp: "2024-04-29T00:00:00Z", text: "x" }] })),
      401,
    );
    await expectProblem(await call("/v1/reports", jsonInit("POST", { reports: [{ id: 1, name: "x", credit_cost: 1 }] })), 401);
    await expectProblem(
      await put("/v1/billing-periods/current", { start: "2024-04-01T00:00:00Z", end: "2024-05-01T00:00:00Z" }, "wrong"),
      401,
    );
    expect((await call("/v1/credits/quote", jsonInit("POST", { text: "a" }))).status).toBe(200);
  });
});
