import { describe, expect, it, vi } from "vitest";
import { call, jsonInit, postJson, withToken } from "./helpers";

/**
 * Every write route under racing callers: many requests in flight at once,
 * repeated over several trials, and each caller's answer checked against
 * what is stored once all are done. Identical requests apply once and every
 * caller succeeds with true counts; conflicting ones either have one winner
 * (the others 409, never 500) or, where a later write legitimately corrects
 * an earlier one, apply in version order with the highest version stored.
 */
const CALLERS = 20;
const TRIALS = 5;
// Each test sends TRIALS × CALLERS requests: on a loaded 2-core machine that takes longer than the default 5 s.
vi.setConfig({ testTimeout: 120_000 });

interface Answer {
  status: number;
  body: Record<string, unknown> & { version?: number };
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** Starts every request before awaiting any, so they are all in flight together. */
function race(count: number, send: (i: number) => Promise<Response>): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i).then(answer)));
}

const put = (path: string, body: unknown) => call(path, withToken(jsonInit("PUT", body)));
const json = async <T>(path: string): Promise<T> => (await call(path)).json() as Promise<T>;

function expectNoServerErrors(answers: Answer[]): void {
  expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
}

/** Conflicting corrections: all succeed, versions are distinct, and the highest version's caller is the one stored. */
function lastWriter(answers: Answer[]): { index: number; versions: number[] } {
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const versions = answers.map((a) => a.body.version!);
  expect(new Set(versions).size).toBe(answers.length);
  const index = versions.indexOf(Math.max(...versions));
  return { index, versions };
}

function byVersion(answers: Answer[]): Answer[] {
  return [...answers].sort((a, b) => a.body.version! - b.body.version!);
}

let nextId = 1_000;
const freshId = () => nextId++;

describe("POST /v1/markets under racing callers", () => {
  it("creates a market once when identical requests race, every caller told the truth", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const market = { id: freshId(), name: `race_same_${trial}` };
      const answers = await race(CALLERS, () => postJson("/v1/markets", market));
      expectNoServerErrors(answers);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(CALLERS - 1);
      for (const a of answers) expect(a.body).toMatchObject(market);
      expect(await json(`/v1/markets/${market.name}`)).toMatchObject(market);
    }
  });

  it("has exactly one winner when one name is claimed with different ids; the others get 409", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const name = `race_name_${trial}`;
      const ids = Array.from({ length: CALLERS }, freshId);
      const answers = await race(CALLERS, (i) => postJson("/v1/markets", { id: ids[i], name }));
      expectNoServerErrors(answers);
      const winners = answers.flatMap((a, i) => (a.status === 201 ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(CALLERS - 1);
      const stored = await json<{ id: number; name: string }>(`/v1/markets/${name}`);
      expect(stored.id).toBe(ids[winners[0]!]);
      for (const a of answers.filter((x) => x.status === 409)) expect(String(a.body.detail)).toContain(name);
      for (const id of ids.filter((id) => id !== stored.id)) expect((await call(`/v1/markets/${id}`)).status).toBe(404);
    }
  });
});

describe("POST /v1/markets/{market}/readings under racing callers", () => {
  it("applies identical batches once: one caller inserted them, every other caller was told unchanged", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const name = `race_readings_${trial}`;
      await postJson("/v1/markets", { name });
      const readings = [1, 2, 3].map((minute) => ({ timestamp: `2024-07-01 15:0${minute}:00`, usage_kw: 100 + minute }));
      const answers = await race(CALLERS, () => postJson(`/v1/markets/${name}/readings`, { readings }));
      expectNoServerErrors(answers);
      expect(answers.filter((a) => a.body.inserted === 3)).toHaveLength(1);
      expect(answers.filter((a) => a.body.unchanged === 3 && a.body.inserted === 0 && a.body.updated === 0)).toHaveLength(CALLERS - 1);
      const market = await json<{ reading_count: number }>(`/v1/markets/${name}`);
      expect(market.reading_count).toBe(3);
    }
  });

  it("applies conflicting corrections in version order: the highest version's values are stored", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const name = `race_corrections_${trial}`;
      await postJson("/v1/markets", { name });
      const readingsOf = (i: number) => [
        { timestamp: "2024-07-01 15:00:00", usage_kw: 500 + i },
        { timestamp: "2024-07-01 16:00:00", usage_kw: 900 - i },
      ];
      const answers = await race(CALLERS, (i) => postJson(`/v1/markets/${name}/readings`, { readings: readingsOf(i) }));
      const { index } = lastWriter(answers);
      const ordered = byVersion(answers);
      expect(ordered[0]!.body).toMatchObject({ inserted: 2, updated: 0 });
      for (const later of ordered.slice(1)) expect(later.body).toMatchObject({ inserted: 0, updated: 2 });
      const peaks = await json<{ peaks: Array<{ timestamp: string; usage_kw: number }> }>(`/v1/markets/${name}/peaks?limit=2`);
      const stored = Object.fromEntries(peaks.peaks.map((p) => [p.timestamp, p.usage_kw]));
      expect(stored).toEqual({ "2024-07-01T15:00:00": 500 + index, "2024-07-01T16:00:00": 900 - index });
    }
  });
});

const brand = (id: string) => ({ id, name: `Brand ${id.slice(0, 8)}` });

function sensorDocument(trial: number, sensorId: string, duid: string) {
  const suffix = String(trial).padStart(12, "0");
  return {
    brands: [brand(`b0000000-0000-4000-8000-${suffix}`)],
    organizations: [{ id: `a0000000-0000-4000-8000-${suffix}`, brand_id: `b0000000-0000-4000-8000-${suffix}`, name: "Org" }],
    locations: [{ id: `c0000000-0000-4000-8000-${suffix}`, organization_id: `a0000000-0000-4000-8000-${suffix}`, name: "Site" }],
    electric_sensors: [{ id: sensorId, duid, name: "Panel", location_id: `c0000000-0000-4000-8000-${suffix}` }],
    circuits: [{ sensor_id: sensorId, circuit_number: 1, name: "Circuit 1" }],
  };
}

const uuid = (prefix: string, n: number) => `${prefix}000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("POST /v1/insights/metadata under racing callers", () => {
  it("stores an identical document once: one caller inserted each row, every other caller was told unchanged", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const doc = sensorDocument(100 + trial, uuid("d1", trial), `SAME${trial}`);
      const answers = await race(CALLERS, () => postJson("/v1/insights/metadata", doc));
      expectNoServerErrors(answers);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      for (const kind of ["brands", "organizations", "locations", "electric_sensors", "circuits"]) {
        const counts = answers.map((a) => a.body[kind] as { inserted: number; unchanged: number });
        expect(counts.filter((c) => c.inserted === 1)).toHaveLength(1);
        expect(counts.filter((c) => c.unchanged === 1 && c.inserted === 0)).toHaveLength(CALLERS - 1);
      }
    }
  });

  it("gives a duid to exactly one of many new sensors claiming it; the others get 409 naming the duid", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const duid = `CLAIMED${trial}`;
      const sensorIds = Array.from({ length: CALLERS }, (_, i) => uuid("e2", trial * 100 + i));
      const answers = await race(CALLERS, (i) => postJson("/v1/insights/metadata", sensorDocument(200 + trial, sensorIds[i]!, duid)));
      expectNoServerErrors(answers);
      const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      const losers = answers.filter((a) => a.status === 409);
      expect(losers).toHaveLength(CALLERS - 1);
      for (const a of losers) expect(String(a.body.detail)).toContain(duid);
      const winner = sensorIds[winners[0]!]!;
      expect(await json(`/v1/electric_sensors/${winner}`)).toMatchObject({ id: winner, duid });
      for (const id of sensorIds.filter((id) => id !== winner)) expect((await call(`/v1/electric_sensors/${id}`)).status).toBe(404);
    }
  });
});

describe("POST /v1/insights/readings under racing callers", () => {
  it("stores identical batches once and applies conflicting values in version order", async () => {
    const sensorId = uuid("f3", 1);
    const doc = sensorDocument(300, sensorId, "READINGS1");
    expect((await postJson("/v1/insights/metadata", doc)).status).toBe(200);
    const circuit = ((await json<{ circuits: Array<{ id: string }> }>(`/v1/electric_sensors/${sensorId}`)).circuits[0]!).id;
    for (let trial = 0; trial < TRIALS; trial++) {
      const timestamp = `2024-05-0${trial + 1}T10:00:00Z`;
      const same = await race(CALLERS, () => postJson("/v1/insights/readings", [{ duid: "READINGS1", circuit_number: 1, timestamp, power_watts: 1000 }]));
      expectNoServerErrors(same);
      expect(same.filter((a) => a.body.inserted === 1)).toHaveLength(1);
      expect(same.filter((a) => a.body.unchanged === 1 && a.body.inserted === 0)).toHaveLength(CALLERS - 1);

      const later = `2024-05-0${trial + 1}T11:00:00Z`;
      const answers = await race(CALLERS, (i) =>
        postJson("/v1/insights/readings", [{ duid: "READINGS1", circuit_number: 1, timestamp: later, power_watts: 2000 + i }]),
      );
      const { index } = lastWriter(answers);
      expect(byVersion(answers)[0]!.body).toMatchObject({ inserted: 1, updated: 0 });
      const usage = await json<{ usage: { sample_count: number; max_watts: number } }>(
        `/v1/circuits/${circuit}/usage?start=${encodeURIComponent(later)}&end=${encodeURIComponent(`2024-05-0${trial + 1}T11:01:00Z`)}`,
      );
      expect(usage.usage).toMatchObject({ sample_count: 1, max_watts: 2000 + index });
    }
  });
});

describe("POST /v1/messages under racing callers", () => {
  it("stores an identical message once: one caller inserted it, every other caller was told unchanged", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const message = { id: freshId(), timestamp: "2024-04-29T10:00:00Z", text: "the same text" };
      const answers = await race(CALLERS, () => postJson("/v1/messages", { messages: [message] }));
      expectNoServerErrors(answers);
      expect(answers.filter((a) => a.status === 200 && a.body.inserted === 1)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200 && a.body.unchanged === 1)).toHaveLength(CALLERS - 1);
      expect(await json(`/v1/messages/${message.id}`)).toMatchObject(message);
    }
  });

  it("has exactly one winner among one new id sent with different texts; the others get 409 and their text is not stored", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const id = freshId();
      const answers = await race(CALLERS, (i) => postJson("/v1/messages", { messages: [{ id, timestamp: "2024-04-29T10:00:00Z", text: `text ${i}` }] }));
      expectNoServerErrors(answers);
      const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(answers[winners[0]!]!.body).toMatchObject({ inserted: 1, unchanged: 0 });
      const losers = answers.filter((a) => a.status === 409);
      expect(losers).toHaveLength(CALLERS - 1);
      for (const a of losers) expect(a.body.errors).toEqual([expect.objectContaining({ pointer: "/messages/0/id" })]);
      expect(await json(`/v1/messages/${id}`)).toMatchObject({ id, text: `text ${winners[0]}` });
    }
  });
});

describe("report and billing-period writes under racing callers", () => {
  it("creates a report once when identical batches race", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const report = { id: freshId(), name: "Same Report", credit_cost: 12.5 };
      const answers = await race(CALLERS, () => postJson("/v1/reports", { reports: [report] }));
      expectNoServerErrors(answers);
      expect(answers.filter((a) => a.body.inserted === 1)).toHaveLength(1);
      expect(answers.filter((a) => a.body.unchanged === 1 && a.body.inserted === 0)).toHaveLength(CALLERS - 1);
    }
  });

  it("applies conflicting report costs in version order; the stored cost prices the report's messages", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const reportId = freshId();
      const messageId = freshId();
      await postJson("/v1/messages", { messages: [{ id: messageId, timestamp: "2024-04-29T10:00:00Z", text: "x", report_id: reportId }] });
      const answers = await race(CALLERS, (i) => put(`/v1/reports/${reportId}`, { name: `Cost ${i}`, credit_cost: 10 + i }));
      const { index } = lastWriter(answers);
      const ordered = byVersion(answers);
      expect(ordered[0]!.body).toMatchObject({ inserted: 1, updated: 0 });
      for (const later of ordered.slice(1)) expect(later.body).toMatchObject({ inserted: 0, updated: 1 });
      const reports = await json<{ reports: Array<{ id: number; name: string; credit_cost: number }> }>("/v1/reports");
      expect(reports.reports.find((r) => r.id === reportId)).toMatchObject({ name: `Cost ${index}`, credit_cost: 10 + index });
      expect(await json(`/v1/messages/${messageId}`)).toMatchObject({ credits_used: 10 + index });
    }
  });

  it("keeps the highest version's billing period when periods race", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const periodOf = (i: number) => ({ start: `2024-0${1 + (i % 9)}-01T00:00:00Z`, end: `2025-01-${String(1 + i).padStart(2, "0")}T00:00:00Z` });
      const answers = await race(CALLERS, (i) => put("/v1/billing-periods/current", periodOf(i)));
      const { index } = lastWriter(answers);
      for (const [i, a] of answers.entries()) expect(a.body).toMatchObject(periodOf(i));
      expect(await json("/v1/billing-periods/current")).toEqual(periodOf(index));
    }
  });
});
