import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, jsonInit, postJson, withToken } from "../helpers";

beforeAll(async () => {
  expect((await postJson("/v1/markets", { id: 1, name: "spp" })).status).toBe(201);
  expect((await postJson("/v1/markets/spp/readings", { readings: [{ timestamp: "2022-07-01 00:00:00", usage_kw: 10 }] })).status).toBe(200);
});

const pointers = (body: { errors?: Array<{ pointer: string }> }) => body.errors?.map((e) => e.pointer).sort();

describe("peaks error paths", () => {
  it("answers unknown markets with 404", async () => {
    for (const path of ["/peaks?market_name=nope", "/v1/markets/nope/peaks", "/v1/markets/999/peaks", "/v1/markets/nope"]) {
      const body = await expectProblem(await call(path), 404);
      expect(body.detail, path).toMatch(/No market named or numbered '(nope|999)'/);
    }
    await expectProblem(
      await postJson("/v1/markets/nope/readings", { readings: [{ timestamp: "2022-07-01 00:00:00", usage_kw: 1 }] }),
      404,
    );
  });

  it("answers a missing market_name with 422", async () => {
    const body = await expectProblem(await call("/peaks"), 422);
    expect(pointers(body)).toEqual(["/market_name"]);
  });

  it("answers bad limits with 422", async () => {
    for (const limit of ["0", "101", "abc", "1.5", "-3"]) {
      for (const path of [`/v1/markets/spp/peaks?limit=${limit}`, `/v1/peaks?limit=${limit}`]) {
        const body = await expectProblem(await call(path), 422);
        expect(pointers(body), path).toEqual(["/limit"]);
      }
    }
  });

  it("answers bad windows with 422", async () => {
    const reversed = await expectProblem(await call("/v1/markets/spp/peaks?from=2022-07-10&to=2022-07-10"), 422);
    expect(reversed.errors?.[0]).toMatchObject({ pointer: "/from", location: "query", detail: "`from` must be before `to`" });
    await expectProblem(await call("/v1/markets/spp/peaks?from=2022-07-11&to=2022-07-10%2023:59:59"), 422);
    const malformed = await expectProblem(await call("/v1/markets/spp/peaks?from=2022-02-30&to=tomorrow"), 422);
    expect(pointers(malformed)).toEqual(["/from", "/to"]);
    await expectProblem(await call("/v1/markets/spp/peaks?format=xml"), 422);
  });

  it("rejects a batch with bad rows whole, naming each row and field, and writes nothing", async () => {
    const response = await postJson("/v1/markets/spp/readings", {
      readings: [
        { timestamp: "2022-07-02 00:00:00", usage_kw: 5 },
        { timestamp: "2022-07-32 00:00:00", usage_kw: 5 },
        { timestamp: "2022-07-03 00:00:00", usage_kw: "5" },
        { timestamp: "2022-07-04 00:00:00", usage_kw: -1 },
        { usage_kw: 3 },
        { timestamp: "2022-07-05 00:00:00", usage_kw: null },
      ],
    });
    const body = await expectProblem(response, 422);
    expect(pointers(body)).toEqual([
      "/readings/1/timestamp",
      "/readings/2/usage_kw",
      "/readings/3/usage_kw",
      "/readings/4/timestamp",
      "/readings/5/usage_kw",
    ]);
    const market = (await (await call("/v1/markets/spp")).json()) as { reading_count: number };
    expect(market.reading_count).toBe(1);
  });

  it("rejects conflicting values for one timestamp within a batch, writing nothing", async () => {
    const response = await postJson("/v1/markets/spp/readings", {
      readings: [
        { timestamp: "2022-07-06 00:00:00", usage_kw: 1 },
        { timestamp: "2022-07-06T00:00:00", usage_kw: 2 },
      ],
    });
    const body = await expectProblem(response, 422);
    expect(pointers(body)).toEqual(["/readings/1/timestamp"]);
    expect(((await (await call("/v1/markets/spp")).json()) as { reading_count: number }).reading_count).toBe(1);
  });

  it("rejects empty and oversized batches", async () => {
    await expectProblem(await postJson("/v1/markets/spp/readings", { readings: [] }), 422);
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      timestamp: `2023-01-01 00:00:${String(i % 60).padStart(2, "0")}`,
      usage_kw: 1,
    }));
    const body = await expectProblem(await postJson("/v1/markets/spp/readings", { readings: many }), 422);
    expect(pointers(body)).toEqual(["/readings"]);
  });

  it("requires the ingest token for writes", async () => {
    const batch = { readings: [{ timestamp: "2022-07-07 00:00:00", usage_kw: 1 }] };
    await expectProblem(await call("/v1/markets/spp/readings", jsonInit("POST", batch)), 401);
    await expectProblem(await postJson("/v1/markets/spp/readings", batch, "wrong-token"), 401);
    await expectProblem(await call("/v1/markets", jsonInit("POST", { name: "pjm" })), 401);
    await expectProblem(await call("/v1/markets", withToken(jsonInit("POST", { name: "pjm" }), "wrong")), 401);
  });

  it("validates and de-conflicts market creation", async () => {
    const bad = await expectProblem(await postJson("/v1/markets", { name: "1abc" }), 422);
    expect(pointers(bad)).toEqual(["/name"]);
    await expectProblem(await postJson("/v1/markets", { name: "ok", id: -1 }), 422);
    const sameName = await expectProblem(await postJson("/v1/markets", { id: 7, name: "spp" }), 409);
    expect(sameName.existing).toEqual({ id: 1, name: "spp" });
    await expectProblem(await postJson("/v1/markets", { id: 1, name: "other" }), 409);
    const again = await postJson("/v1/markets", { id: 1, name: "spp" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: 1, name: "spp", reading_count: 1 });
    const byNameOnly = await postJson("/v1/markets", { name: "spp" });
    expect(byNameOnly.status).toBe(200);
    const created = await postJson("/v1/markets", { name: "pjm" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "pjm", reading_count: 0, first_reading_at: null });
    expect(((await (await call("/peaks?market_name=pjm")).json()) as unknown[]).length).toBe(0);
  });
});
