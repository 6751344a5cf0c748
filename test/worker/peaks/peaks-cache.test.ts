import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createMarket, ingestReadings } from "../../../src/features/peaks/peaks.repository";
import { createPeaksCache } from "../../../src/features/peaks/peaks-cache";
import { database } from "../../../src/lib/db";

/** Two caches on one D1 stand for two isolates: one ingests, the other only reads. */
describe("peaks snapshot cache", () => {
  it("serves repeated reads without D1, sees its own writes at once and other isolates' within the TTL", async () => {
    const db = database(env.DB);
    let now = 0;
    const writer = createPeaksCache(1000, () => now);
    const reader = createPeaksCache(1000, () => now);
    const { market } = await createMarket(db, { name: "cachetest" });
    await ingestReadings(db, market.id, [{ timestamp: "2022-07-01T00:00:00", usage_kw: 1 }]);

    const first = await reader.get(db);
    expect(first.peaks.get(market.id)).toEqual([{ timestamp: "2022-07-01T00:00:00", usage_kw: 1 }]);
    expect(await reader.get(db)).toBe(first);

    await writer.get(db);
    await ingestReadings(db, market.id, [{ timestamp: "2022-07-02T00:00:00", usage_kw: 9 }]);
    writer.invalidate();
    expect((await writer.get(db)).peaks.get(market.id)?.[0]).toEqual({ timestamp: "2022-07-02T00:00:00", usage_kw: 9 });

    // The reader has not been told: it keeps its snapshot until the TTL runs out, then reloads the changed market.
    expect(await reader.get(db)).toBe(first);
    now += 1000;
    const refreshed = await reader.get(db);
    expect(refreshed.generation).toBe(first.generation + 1);
    expect(refreshed.peaks.get(market.id)?.[0]?.usage_kw).toBe(9);

    // Nothing changed: the TTL check keeps the same snapshot (and its rendered bodies).
    now += 1000;
    expect(await reader.get(db)).toBe(refreshed);
  });

  it("re-renders a body only when the data changes", async () => {
    const db = database(env.DB);
    const cache = createPeaksCache();
    await createMarket(db, { name: "rendertest" });
    let renders = 0;
    const render = async () => ({ body: String(++renders), contentType: "text/plain", etag: `"${renders}"` });
    const snapshot = await cache.get(db);
    expect((await cache.renderedFor(snapshot, "k", render)).body).toBe("1");
    expect((await cache.renderedFor(snapshot, "k", render)).body).toBe("1");
    cache.invalidate();
    const next = await cache.get(db);
    expect(next).toBe(snapshot);
    await createMarket(db, { name: "rendertest2" });
    cache.invalidate();
    const changed = await cache.get(db);
    expect((await cache.renderedFor(changed, "k", render)).body).toBe("2");
  });
});
