import { beforeAll, describe, expect, it } from "vitest";
import { call, postJson } from "../helpers";

/**
 * GET /v1/markets/{market}/readings: the readings of a window for a chart, raw or per bucket, at most 10,000 points.
 * Expectations are worked out here from the readings the test sent.
 */
interface Reading {
  timestamp: string;
  usage_kw: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const at = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};

const START = Date.UTC(2022, 6, 1);
// Twelve days of minute readings (17,280), with an hour's outage on day 3: more than 10,000, so `auto` buckets.
const sent: Reading[] = [];
for (let minute = 0; minute < 12 * 24 * 60; minute++) {
  if (minute >= 2 * 24 * 60 + 600 && minute < 2 * 24 * 60 + 660) continue;
  sent.push({ timestamp: at(START + minute * 60_000), usage_kw: ((minute * 37) % 1000) + (minute % 7) / 10 });
}

async function readingsOf(query: string) {
  const response = await call(`/v1/markets/chart/readings${query}`);
  return { response, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  expect((await postJson("/v1/markets", { name: "chart" })).status).toBe(201);
  for (let i = 0; i < sent.length; i += 5_000) {
    expect((await postJson("/v1/markets/chart/readings", { readings: sent.slice(i, i + 5_000) })).status).toBe(200);
  }
}, 60_000);

describe("GET /v1/markets/{market}/readings", () => {
  it("answers a window of at most 10,000 readings with the readings themselves, in time order", async () => {
    const { response, body } = await readingsOf("?from=2022-07-03&to=2022-07-04");
    expect(response.status).toBe(200);
    const expected = sent.filter((r) => r.timestamp >= "2022-07-03T00:00:00" && r.timestamp < "2022-07-04T00:00:00");
    expect(body).toMatchObject({ resolution: "raw", readings: expected.length, from: "2022-07-03T00:00:00", to: "2022-07-04T00:00:00" });
    expect(body.points).toEqual(expected);
    // The outage is absent, never zeros.
    expect((body.points as Reading[]).some((r) => r.timestamp === "2022-07-03T10:30:00")).toBe(false);
  });

  it("buckets a longer window: count, min, max, mean and the earliest time of the max, empty buckets absent", async () => {
    const { response, body } = await readingsOf("?resolution=1h&from=2022-07-03&to=2022-07-04");
    expect(response.status).toBe(200);
    const buckets = body.buckets as Array<{
      start: string;
      count: number;
      min_kw: number;
      max_kw: number;
      mean_kw: number;
      max_at: string;
    }>;
    const byHour = new Map<string, Reading[]>();
    for (const r of sent.filter((r) => r.timestamp >= "2022-07-03T00:00:00" && r.timestamp < "2022-07-04T00:00:00")) {
      const hour = `${r.timestamp.slice(0, 13)}:00:00`;
      byHour.set(hour, [...(byHour.get(hour) ?? []), r]);
    }
    expect(buckets.map((b) => b.start)).toEqual([...byHour.keys()]);
    expect(buckets.some((b) => b.start === "2022-07-03T10:00:00")).toBe(false);
    for (const bucket of buckets) {
      const rows = byHour.get(bucket.start)!;
      const max = Math.max(...rows.map((r) => r.usage_kw));
      expect(bucket.count).toBe(rows.length);
      expect(bucket.min_kw).toBe(Math.min(...rows.map((r) => r.usage_kw)));
      expect(bucket.max_kw).toBe(max);
      expect(bucket.mean_kw).toBeCloseTo(rows.reduce((sum, r) => sum + r.usage_kw, 0) / rows.length, 9);
      expect(bucket.max_at).toBe(rows.find((r) => r.usage_kw === max)!.timestamp);
    }
  });

  it("picks buckets by itself when the window holds more than 10,000 readings, and never answers more than 10,000 points", async () => {
    const { response, body } = await readingsOf("");
    expect(response.status).toBe(200);
    expect(body.readings).toBe(sent.length);
    expect(body.resolution).toBe("5m");
    const buckets = body.buckets as Array<{ count: number }>;
    expect(buckets.length).toBeLessThanOrEqual(10_000);
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(sent.length);
  });

  it("refuses raw readings or buckets beyond 10,000 points, and bad parameters, with a 422 naming resolution", async () => {
    for (const query of ["?resolution=raw", "?resolution=1m"]) {
      const { response, body } = await readingsOf(query);
      expect(response.status, query).toBe(422);
      expect(response.headers.get("Content-Type")).toMatch(/problem\+json/);
      expect(JSON.stringify(body.errors)).toContain("/resolution");
    }
    expect((await readingsOf("?resolution=2h")).response.status).toBe(422);
    expect((await readingsOf("?from=2022-07-05&to=2022-07-04")).response.status).toBe(422);
    expect((await call("/v1/markets/nowhere/readings")).status).toBe(404);
  });

  it("answers the same window again from its cache with a 304 to its ETag, and anew after an ingest into the window", async () => {
    const query = "?from=2022-07-11&to=2022-07-12&resolution=1h";
    const first = await readingsOf(query);
    const etag = first.response.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await call(`/v1/markets/chart/readings${query}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);

    const spike = { timestamp: "2022-07-11 05:30:30", usage_kw: 99_999 };
    expect((await postJson("/v1/markets/chart/readings", { readings: [spike] })).status).toBe(200);
    const after = await call(`/v1/markets/chart/readings${query}`, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    const body = (await after.json()) as { readings: number; buckets: Array<{ start: string; max_kw: number }> };
    expect(body.readings).toBe((first.body.readings as number) + 1);
    expect(body.buckets.find((b) => b.start === "2022-07-11T05:00:00")!.max_kw).toBe(99_999);
  });

  it("is in the OpenAPI document with its parameters", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    const names = doc.paths["/v1/markets/{market}/readings"]?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["market", "from", "to", "resolution"]));
  });
});
