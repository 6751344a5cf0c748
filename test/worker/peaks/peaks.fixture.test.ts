import { beforeAll, describe, expect, it } from "vitest";
import { call, fixture, postJson, simpleCsv } from "../helpers";

interface Row {
  market: string;
  timestamp: string;
  usage_kw: number;
}

const markets = simpleCsv(fixture("peaks/markets.csv"));
const nameOf = new Map(markets.map((m) => [m.id!, m.name!]));
const usage: Row[] = simpleCsv(fixture("peaks/usage.csv")).map((r) => ({
  market: nameOf.get(r.market_id!)!,
  timestamp: r.timestamp!.replace(" ", "T"),
  usage_kw: Number(r.usage_kw),
}));

/** The independent answer: sort the CSV rows, highest first, earlier timestamp first among equals. */
function expectedTop(market: string, n: number, window: { from?: string; to?: string } = {}): Row[] {
  return usage
    .filter((r) => r.market === market && (!window.from || r.timestamp >= window.from) && (!window.to || r.timestamp < window.to))
    .sort((a, b) => b.usage_kw - a.usage_kw || (a.timestamp < b.timestamp ? -1 : 1))
    .slice(0, n);
}

beforeAll(async () => {
  for (const market of markets) {
    const response = await postJson("/v1/markets", { id: Number(market.id), name: market.name });
    expect(response.status).toBe(201);
  }
  // Sent in the file's order, in two batches per market, with the space form of the timestamps.
  for (const [id, name] of nameOf) {
    const rows = simpleCsv(fixture("peaks/usage.csv"))
      .filter((r) => r.market_id === id)
      .map((r) => ({ timestamp: r.timestamp!, usage_kw: Number(r.usage_kw) }));
    const half = Math.ceil(rows.length / 2);
    for (const batch of [rows.slice(0, half), rows.slice(half)]) {
      const response = await postJson(`/v1/markets/${name}/readings`, { readings: batch });
      expect(response.status).toBe(200);
    }
  }
});

describe("peaks over the fixture", () => {
  it("answers /peaks?market_name=spp exactly as the origin's example", async () => {
    const response = await call("/peaks?market_name=spp");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { usage_kw: 996, market_name: "spp", timestamp: "2022-07-26T13:48:00" },
      { usage_kw: 991, market_name: "spp", timestamp: "2022-07-02T10:19:54" },
      { usage_kw: 985, market_name: "spp", timestamp: "2022-07-27T23:44:24" },
      { usage_kw: 978, market_name: "spp", timestamp: "2022-07-06T00:43:37" },
      { usage_kw: 977, market_name: "spp", timestamp: "2022-07-04T15:09:40" },
    ]);
  });

  it("answers every market's top 5 as an independent sort of the CSV", async () => {
    for (const name of nameOf.values()) {
      const body = (await (await call(`/peaks?market_name=${name}`)).json()) as Row[];
      const expected = expectedTop(name, 5).map((r) => ({ usage_kw: r.usage_kw, market_name: name, timestamp: r.timestamp }));
      expect(body, name).toEqual(expected);
    }
  });

  it("lists markets with reading counts and first/last reading times", async () => {
    const body = (await (await call("/v1/markets")).json()) as { markets: Array<Record<string, unknown>> };
    expect(body.markets).toHaveLength(markets.length);
    for (const market of body.markets) {
      const rows = usage
        .filter((r) => r.market === market.name)
        .map((r) => r.timestamp)
        .sort();
      expect(market).toEqual({
        id: Number([...nameOf].find(([, n]) => n === market.name)![0]),
        name: market.name,
        reading_count: rows.length,
        first_reading_at: rows[0],
        last_reading_at: rows.at(-1),
        changed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    }
    expect(body.markets.reduce((sum, m) => sum + (m.reading_count as number), 0)).toBe(usage.length);
  });

  it("serves /v1/markets/{market}/peaks by name or id, for any limit up to 100", async () => {
    for (const limit of [1, 5, 37, 100]) {
      const byName = (await (await call(`/v1/markets/ercot/peaks?limit=${limit}`)).json()) as { peaks: Array<Row & { rank: number }> };
      const byId = await (await call(`/v1/markets/2/peaks?limit=${limit}`)).json();
      expect(byId).toEqual(byName);
      expect(byName).toEqual({
        market: { id: 2, name: "ercot" },
        limit,
        peaks: expectedTop("ercot", limit).map((r, i) => ({ rank: i + 1, timestamp: r.timestamp, usage_kw: r.usage_kw })),
      });
    }
  });

  it("answers a time window from the readings", async () => {
    const window = { from: "2022-07-10T00:00:00", to: "2022-07-20T12:00:00" };
    const body = await (await call(`/v1/markets/spp/peaks?limit=10&from=2022-07-10&to=2022-07-20%2012:00:00`)).json();
    expect(body).toEqual({
      market: { id: 1, name: "spp" },
      limit: 10,
      ...window,
      peaks: expectedTop("spp", 10, window).map((r, i) => ({ rank: i + 1, timestamp: r.timestamp, usage_kw: r.usage_kw })),
    });
    const openEnded = (await (await call(`/v1/markets/spp/peaks?limit=3&from=2022-07-27`)).json()) as { peaks: unknown[] };
    expect(openEnded.peaks).toEqual(
      expectedTop("spp", 3, { from: "2022-07-27T00:00:00" }).map((r, i) => ({ rank: i + 1, timestamp: r.timestamp, usage_kw: r.usage_kw })),
    );
  });

  it("serves every market's top N in one response", async () => {
    const body = (await (await call("/v1/peaks?limit=3")).json()) as {
      limit: number;
      markets: Array<{ market: { id: number; name: string }; peaks: unknown[] }>;
    };
    expect(body.limit).toBe(3);
    expect(body.markets.map((m) => m.market.id)).toEqual([...nameOf.keys()].map(Number).sort((a, b) => a - b));
    for (const entry of body.markets) {
      expect(entry.peaks).toEqual(
        expectedTop(entry.market.name, 3).map((r, i) => ({ rank: i + 1, timestamp: r.timestamp, usage_kw: r.usage_kw })),
      );
    }
  });

  it("exports CSV by format=csv or Accept: text/csv", async () => {
    const byQuery = await call("/v1/markets/spp/peaks?format=csv");
    expect(byQuery.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await byQuery.text();
    expect(text.split("\r\n")).toEqual([
      "market_name,rank,timestamp,usage_kw",
      ...expectedTop("spp", 5).map((r, i) => `spp,${i + 1},${r.timestamp},${r.usage_kw}`),
      "",
    ]);
    const byAccept = await call("/v1/peaks?limit=2", { headers: { Accept: "text/csv" } });
    expect(byAccept.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect((await byAccept.text()).trim().split("\r\n")).toHaveLength(1 + 2 * markets.length);
    const windowed = await call("/v1/markets/spp/peaks?from=2022-07-10&format=csv");
    expect((await windowed.text()).startsWith("market_name,rank,timestamp,usage_kw\r\nspp,1,")).toBe(true);
  });

  it("carries ETag and Cache-Control, and answers If-None-Match with 304", async () => {
    for (const path of [
      "/peaks?market_name=spp",
      "/v1/markets/spp/peaks",
      "/v1/peaks",
      "/v1/markets",
      "/v1/markets/spp/peaks?from=2022-07-10",
    ]) {
      const first = await call(path);
      const etag = first.headers.get("ETag");
      expect(etag, path).toMatch(/^"[0-9a-f]{24}"$/);
      expect(first.headers.get("Cache-Control"), path).toContain("must-revalidate");
      const again = await call(path, { headers: { "If-None-Match": `W/"other", ${etag}` } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get("ETag")).toBe(etag);
      expect(await again.text()).toBe("");
    }
  });

  it("returns the new peaks on the read right after an ingest, with a new ETag", async () => {
    const before = await call("/peaks?market_name=spp");
    const etag = before.headers.get("ETag")!;
    const response = await postJson("/v1/markets/spp/readings", { readings: [{ timestamp: "2022-08-01 00:00:00", usage_kw: 5000 }] });
    expect(await response.json()).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
    const after = await call("/peaks?market_name=spp", { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    const peaks = (await after.json()) as Row[];
    expect(peaks[0]).toEqual({ usage_kw: 5000, market_name: "spp", timestamp: "2022-08-01T00:00:00" });
    expect(peaks).toHaveLength(5);
    const market = (await (await call("/v1/markets/spp")).json()) as { reading_count: number; last_reading_at: string };
    expect(market.reading_count).toBe(usage.filter((r) => r.market === "spp").length + 1);
    expect(market.last_reading_at).toBe("2022-08-01T00:00:00");
  });

  it("is idempotent: re-sending a batch changes nothing", async () => {
    const rows = usage.filter((r) => r.market === "ieso").map((r) => ({ timestamp: r.timestamp, usage_kw: r.usage_kw }));
    const before = await (await call("/v1/markets/ieso/peaks?limit=100")).text();
    const response = await postJson("/v1/markets/ieso/readings", { readings: rows });
    expect(await response.json()).toEqual({
      market: { id: 3, name: "ieso" },
      received: rows.length,
      inserted: 0,
      updated: 0,
      unchanged: rows.length,
      version: expect.any(Number),
    });
    expect(await (await call("/v1/markets/ieso/peaks?limit=100")).text()).toBe(before);
  });

  it("corrects a reading, in the readings and the peak table, including a peak lowered out of the top", async () => {
    const [top] = expectedTop("caiso", 1);
    const response = await postJson("/v1/markets/caiso/readings", {
      readings: [{ timestamp: top!.timestamp.replace("T", " "), usage_kw: 0 }],
    });
    expect(await response.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const corrected = usage.map((r) => (r.market === "caiso" && r.timestamp === top!.timestamp ? { ...r, usage_kw: 0 } : r));
    const expected = corrected
      .filter((r) => r.market === "caiso")
      .sort((a, b) => b.usage_kw - a.usage_kw || (a.timestamp < b.timestamp ? -1 : 1));
    const body = (await (await call("/v1/markets/caiso/peaks?limit=100")).json()) as {
      peaks: Array<{ timestamp: string; usage_kw: number }>;
    };
    expect(body.peaks.map((p) => [p.timestamp, p.usage_kw])).toEqual(expected.slice(0, 100).map((r) => [r.timestamp, r.usage_kw]));
    expect(body.peaks.some((p) => p.timestamp === top!.timestamp)).toBe(false);
    const inWindow = (await (await call(`/v1/markets/caiso/peaks?limit=100&from=2000-01-01`)).json()) as typeof body;
    expect(inWindow.peaks).toEqual(body.peaks);
  });
});
