import { describe, expect, it } from "vitest";
import { call, postJson } from "./helpers";
import { allowRacingTime, byVersion, CALLERS, expectNoServerErrors, json, lastWriter, race, TRIALS } from "./racing-callers";

allowRacingTime();
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
