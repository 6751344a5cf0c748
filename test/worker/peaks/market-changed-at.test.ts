import { describe, expect, it } from "vitest";
import { call, postJson } from "../helpers";

const changedAt = async (market: string) =>
  ((await (await call(`/v1/markets/${market}`)).json()) as { changed_at: string | null }).changed_at;
const ingest = (market: string, usage_kw: number) =>
  postJson(`/v1/markets/${market}/readings`, { readings: [{ timestamp: "2024-06-01 00:00:00", usage_kw }] });

describe("a market's changed_at", () => {
  it("is null before any reading, set by an ingest that stores something, and kept by one that changes nothing", async () => {
    expect((await postJson("/v1/markets", { name: "changes" })).status).toBe(201);
    expect(await changedAt("changes")).toBeNull();

    const before = new Date().toISOString();
    expect((await ingest("changes", 10)).status).toBe(200);
    const first = await changedAt("changes");
    expect(first! >= before.slice(0, 19)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await ingest("changes", 10)).status).toBe(200);
    expect(await changedAt("changes")).toBe(first);

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await ingest("changes", 11)).status).toBe(200);
    expect((await changedAt("changes"))! > first!).toBe(true);
  });
});
