import { describe, expect, it } from "vitest";
import { call, postJson } from "./helpers";
import { allowRacingTime, byVersion, CALLERS, expectNoServerErrors, json, lastWriter, race, TRIALS } from "./racing-callers";

allowRacingTime();

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
    const circuit = (await json<{ circuits: Array<{ id: string }> }>(`/v1/electric_sensors/${sensorId}`)).circuits[0]!.id;
    for (let trial = 0; trial < TRIALS; trial++) {
      const timestamp = `2024-05-0${trial + 1}T10:00:00Z`;
      const same = await race(CALLERS, () =>
        postJson("/v1/insights/readings", [{ duid: "READINGS1", circuit_number: 1, timestamp, power_watts: 1000 }]),
      );
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
