import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type MarketDataLogLine,
  type MarketDataSimulator,
  type MarketDataSimulatorOptions,
  startMarketDataSimulator,
} from "./market-data-simulator";
import { REPUBLISH_INTERVAL_MS } from "./reference-prices";

const dir = mkdtempSync(join(tmpdir(), "market-data-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let running: MarketDataSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.stop()));
  running = [];
});

/** A simulator on a free port with a clock the test moves by hand. */
async function start(options: MarketDataSimulatorOptions = {}, startAt = Date.UTC(2023, 1, 21, 7, 5)) {
  const clock = { now: startAt };
  const simulator = await startMarketDataSimulator({ port: 0, seed: 1, now: () => clock.now, ...options });
  running.push(simulator);
  const get = async (query: string) => {
    const response = await fetch(`${simulator.url}/reference-price${query}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { simulator, clock, get };
}

interface PriceBody {
  delivery_day: string;
  delivery_hour: string;
  last_update: string;
  unit: string;
  value: number;
}

/** What a strict client accepts: the exact shape, for the hour it asked about. */
function goodBody(text: string, day: string, hour: string): PriceBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Partial<Record<keyof PriceBody, unknown>>;
  if (b.delivery_day !== day || b.delivery_hour !== hour || b.unit !== "euro/mwh") return undefined;
  if (typeof b.value !== "number" || typeof b.last_update !== "string") return undefined;
  return body as PriceBody;
}

const Q = "?delivery_day=2023-02-21&delivery_hour=15-16";

describe("market-data simulator", () => {
  it("answers the origin's shape, with last_update the publication the value comes from", async () => {
    const { get, clock } = await start();
    const answer = await get(Q);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    const body = JSON.parse(answer.text) as PriceBody;
    expect(Object.keys(body).sort()).toEqual(["delivery_day", "delivery_hour", "last_update", "unit", "value"]);
    expect(body).toMatchObject({ delivery_day: "2023-02-21", delivery_hour: "15-16", unit: "euro/mwh" });
    expect(Math.round(body.value * 100) / 100).toBe(body.value);
    expect(body.value).toBeGreaterThan(-50);
    expect(body.value).toBeLessThan(250);
    expect(body.last_update).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const lastUpdate = Date.parse(body.last_update);
    expect(lastUpdate).toBeLessThanOrEqual(clock.now);
    expect(lastUpdate).toBeGreaterThan(clock.now - REPUBLISH_INTERVAL_MS - 30_000);
    // The origin's own example request works too.
    expect(goodBody((await get("?delivery_day=2023-05-12&delivery_hour=08-09")).text, "2023-05-12", "08-09")).toBeDefined();
  });

  it("redraws a value at most every 10 minutes and freezes it at gate closure", async () => {
    const { get, clock } = await start({ rateLimitPerMinute: 0, rateLimitPerHour: 0 });
    const first = JSON.parse((await get(Q)).text) as PriceBody;
    const published = Date.parse(first.last_update);

    clock.now = published + 1000;
    expect(JSON.parse((await get(Q)).text)).toEqual(first);
    clock.now = published + REPUBLISH_INTERVAL_MS - 1000;
    expect(JSON.parse((await get(Q)).text)).toEqual(first);
    clock.now = published + REPUBLISH_INTERVAL_MS;
    const next = JSON.parse((await get(Q)).text) as PriceBody;
    expect(Date.parse(next.last_update)).toBe(published + REPUBLISH_INTERVAL_MS);

    // Over a few hours the price moves, one publication every 10 minutes exactly.
    const values = new Set<number>();
    const updates = new Set<string>();
    for (let minute = 0; minute < 6 * 60; minute += 5) {
      clock.now = Date.UTC(2023, 1, 21, 8, minute);
      const body = JSON.parse((await get(Q)).text) as PriceBody;
      values.add(body.value);
      updates.add(body.last_update);
    }
    expect(values.size).toBeGreaterThan(10);
    const times = [...updates].map((update) => Date.parse(update)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBe(REPUBLISH_INTERVAL_MS);

    // After delivery starts (15:00) the last price stays, whenever asked.
    clock.now = Date.UTC(2023, 1, 21, 16, 0);
    const closed = JSON.parse((await get(Q)).text) as PriceBody;
    expect(Date.parse(closed.last_update)).toBeLessThan(Date.UTC(2023, 1, 21, 15));
    clock.now = Date.UTC(2023, 2, 1);
    expect(JSON.parse((await get(Q)).text)).toEqual(closed);
  });

  it("gives the same prices for the same seed and different ones for another", async () => {
    const a = await start({ seed: 10 });
    const b = await start({ seed: 10 });
    const c = await start({ seed: 11 });
    const [pa, pb, pc] = await Promise.all([a.get(Q), b.get(Q), c.get(Q)]);
    expect(pa.text).toBe(pb.text);
    expect(pa.text).not.toBe(pc.text);
  });

  it("answers 400 with error_message for a missing or malformed parameter", async () => {
    const { get, simulator } = await start({ rateLimitPerMinute: 0 });
    const bad = [
      "",
      "?delivery_day=2023-02-21",
      "?delivery_hour=15-16",
      "?delivery_day=&delivery_hour=15-16",
      "?delivery_day=2023-02-30&delivery_hour=15-16",
      "?delivery_day=21-02-2023&delivery_hour=15-16",
      "?delivery_day=2023-02-21&delivery_hour=24-25",
      "?delivery_day=2023-02-21&delivery_hour=15-17",
      "?delivery_day=2023-02-21&delivery_hour=8-9",
    ];
    for (const query of bad) {
      const answer = await get(query);
      expect(answer.status, query).toBe(400);
      const body = JSON.parse(answer.text) as { error_message: unknown };
      expect(Object.keys(body)).toEqual(["error_message"]);
      expect(typeof body.error_message).toBe("string");
    }
    expect(JSON.parse((await get("?delivery_hour=15-16")).text)).toEqual({ error_message: "missing query parameter: delivery_day" });
    expect((await get("?delivery_day=2023-02-21&delivery_hour=23-24")).status).toBe(200);
    expect((await fetch(`${simulator.url}/prices`)).status).toBe(404);
    expect(simulator.stats()).toMatchObject({ requests: bad.length + 2, badRequests: bad.length + 1, ok: 1, notFound: 1 });
  });

  it("answers 429 with Retry-After above the rate limit (50 a minute by default) until the window slides", async () => {
    const { get, clock, simulator } = await start();
    for (let i = 0; i < 50; i++) {
      expect((await get(Q)).status).toBe(200);
      clock.now += 100;
    }
    const limited = await get(Q);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(typeof (JSON.parse(limited.text) as { error_message: unknown }).error_message).toBe("string");

    clock.now += retryAfter * 1000;
    expect((await get(Q)).status).toBe(200);
    expect(simulator.stats()).toMatchObject({ requests: 52, ok: 51, rateLimited: 1 });

    const hourly = await start({ rateLimitPerMinute: 0, rateLimitPerHour: 3 });
    for (let i = 0; i < 3; i++) expect((await hourly.get(Q)).status).toBe(200);
    const limitedHourly = await hourly.get(Q);
    expect(limitedHourly.status).toBe(429);
    expect(Number(limitedHourly.headers.get("retry-after"))).toBe(3600);
  });

  it("injects 500s and garbage 200s in their shares, and logs every request", async () => {
    const logFile = join(dir, "requests.jsonl");
    const { get, simulator } = await start({ rateLimitPerMinute: 0, rateLimitPerHour: 0, errorRate: 0.3, garbageRate: 0.3, logFile });
    const counts = { ok: 0, garbage: 0, error: 0 };
    for (let i = 0; i < 300; i++) {
      const answer = await get(Q);
      if (answer.status === 500) {
        counts.error++;
        expect(typeof (JSON.parse(answer.text) as { error_message: unknown }).error_message).toBe("string");
      } else {
        expect(answer.status).toBe(200);
        if (goodBody(answer.text, "2023-02-21", "15-16")) counts.ok++;
        else counts.garbage++;
      }
    }
    expect(counts.error).toBeGreaterThan(60);
    expect(counts.error).toBeLessThan(120);
    expect(counts.garbage).toBeGreaterThan(35);
    expect(counts.garbage).toBeLessThan(95);
    expect(simulator.stats()).toMatchObject({ requests: 300, ok: counts.ok, garbage: counts.garbage, serverErrors: counts.error });

    await simulator.stop();
    const lines = readFileSync(logFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as MarketDataLogLine);
    expect(lines).toHaveLength(300);
    expect(lines.filter((line) => line.outcome === "garbage")).toHaveLength(counts.garbage);
    expect(lines.filter((line) => line.status === 500)).toHaveLength(counts.error);
    expect(lines.filter((line) => line.outcome === "garbage").every((line) => typeof line.defect === "string")).toBe(true);
  });

  it("waits the configured latency before answering", async () => {
    const { get } = await start({ latencyMs: 120 });
    const started = performance.now();
    expect((await get(Q)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("serves its counters at GET /stats", async () => {
    const { get, simulator } = await start({ seed: 99 });
    await get(Q);
    const stats = (await (await fetch(`${simulator.url}/stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ seed: 99, requests: 1, ok: 1 });
  });
});
