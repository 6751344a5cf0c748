import { describe, expect, it } from "vitest";
import { call, expectProblem, postJson, TEST_INGEST_TOKEN } from "./helpers";

const LONE = "\ud800x";
const put = (path: string, body: unknown) =>
  call(path, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TEST_INGEST_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

/** The one field error of a 422, which must name the field and say why. */
async function expectLoneSurrogate(response: Response, pointer: string): Promise<void> {
  const body = await expectProblem(response, 422);
  expect(body.errors).toEqual([{ pointer, location: "body", detail: expect.stringMatching(/not valid Unicode.*lone surrogate/) }]);
}

describe("text with a lone surrogate", () => {
  it("is refused in a message, naming the field, and nothing is stored", async () => {
    // JSON.stringify writes the lone surrogate as the escape \ud800, exactly as a client would send it.
    await expectLoneSurrogate(
      await postJson("/v1/messages", {
        messages: [
          { id: 1, timestamp: "2024-04-29T00:00:00Z", text: "fine" },
          { id: 2, timestamp: "2024-04-29T00:00:01Z", text: LONE },
        ],
      }),
      "/messages/1/text",
    );
    await expectLoneSurrogate(
      await postJson("/v1/messages", { messages: [{ id: 3, timestamp: "2024-04-29T00:00:00Z", text: LONE }] }),
      "/messages/0/text",
    );
    await expectProblem(await call("/v1/messages/1"), 404);
    await expectProblem(await call("/v1/messages/3"), 404);
    await expectLoneSurrogate(await postJson("/v1/credits/quote", { text: "\udfffy" }), "/text");
  });

  it("is refused in every stored name and id", async () => {
    await expectLoneSurrogate(
      await postJson("/v1/reports", { reports: [{ id: 1, name: `Report ${LONE}`, credit_cost: 1 }] }),
      "/reports/0/name",
    );
    await expectLoneSurrogate(await put("/v1/reports/1", { name: LONE, credit_cost: 1 }), "/name");
    await expectLoneSurrogate(await postJson("/v1/markets", { name: `m${LONE}` }), "/name");
    const brand = "eeeeeeee-0000-4000-8000-000000000001";
    await expectLoneSurrogate(await postJson("/v1/insights/metadata", { brands: [{ id: brand, name: LONE }] }), "/brands/0/name");
    await expectLoneSurrogate(await postJson("/v1/insights/metadata", { brands: [{ id: `${brand}${LONE}`, name: "B" }] }), "/brands/0/id");
    await expectLoneSurrogate(
      await postJson("/v1/insights/metadata", {
        electric_sensors: [
          { id: "eeeeeeee-0000-4000-8000-000000000004", duid: `D${LONE}`, name: "P", location_id: "eeeeeeee-0000-4000-8000-000000000003" },
        ],
      }),
      "/electric_sensors/0/duid",
    );
    await expectLoneSurrogate(
      await postJson("/v1/insights/readings", [{ duid: LONE, circuit_number: 1, timestamp: "2024-04-01T00:00:00Z", power_watts: 1 }]),
      "/0/duid",
    );
    await expectProblem(await call(`/v1/brands/${brand}/metadata`), 404);
  });

  it("does not stop well-formed text outside the BMP, kept exactly", async () => {
    const text = "emoji 😀 \u05e9\u05dc\u05d5\u05dd \u2028 end";
    expect((await postJson("/v1/messages", { messages: [{ id: 4, timestamp: "2024-04-29T00:00:00Z", text }] })).status).toBe(200);
    expect(((await (await call("/v1/messages/4")).json()) as { text: string }).text).toBe(text);
  });
});
