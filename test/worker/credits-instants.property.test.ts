import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, postJson, TEST_INGEST_TOKEN } from "./helpers";
import {
  canonical,
  DAY_MS,
  PROPERTY_SEED,
  utcDate,
  type WrittenInstant,
  windowShape,
  windowsAround,
  writtenInstant,
} from "./instant-arbitraries";

/*
 * Credits messages, usage windows and billing periods over random instants:
 * a message keeps its timestamp and text exactly, and is listed (and
 * counted) by exactly the windows that contain it. Storage is shared by the
 * runs of this file, so each run writes a fresh message id and checks only
 * its own, plus that every window lists exactly the rows its totals count.
 */
const put = (path: string, body: unknown) =>
  call(path, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TEST_INGEST_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const q = encodeURIComponent;

let fresh = 1_000_000;

interface UsageRow {
  message_id: number;
  timestamp: string;
}

/** Stores one message at the instant and checks it reads back exactly; its id. */
async function storeMessage(instant: WrittenInstant, text: string): Promise<number> {
  const id = ++fresh;
  const posted = await postJson("/v1/messages", { messages: [{ id, timestamp: instant.text, text }] });
  expect(posted.status, instant.text).toBe(200);
  expect(await (await call(`/v1/messages/${id}`)).json()).toMatchObject({ id, timestamp: instant.text, text });
  return id;
}

const rowsOf = (rows: UsageRow[], id: number) => rows.filter((row) => row.message_id === id).map((row) => row.timestamp);

describe("credits instants", () => {
  it("a message keeps its timestamp and text, and every usage window lists exactly what its totals and days count", async () => {
    await fc.assert(
      fc.asyncProperty(
        writtenInstant,
        fc.string({ unit: "binary", maxLength: 40 }),
        windowShape(20 * DAY_MS),
        async (instant, text, shape) => {
          const id = await storeMessage(instant, text);
          for (const window of windowsAround(instant.ms, shape)) {
            const label = `${instant.text} in [${window.fromText}, ${window.toText}) ${window.name}`;
            const query = `from=${q(window.fromText)}&to=${q(window.toText)}`;
            const usage = (await (await call(`/v1/usage?${query}`)).json()) as {
              from: string;
              to: string;
              totals: { messages: number };
              usage: UsageRow[];
            };
            expect({ from: usage.from, to: usage.to }, label).toEqual({ from: canonical(window.from), to: canonical(window.to) });
            expect(rowsOf(usage.usage, id), label).toEqual(window.contains ? [instant.text] : []);
            expect(usage.usage.length, `${label}: rows listed vs totals`).toBe(usage.totals.messages);

            const daily = (await (await call(`/v1/usage/daily?${query}`)).json()) as { days: Array<{ date: string; messages: number }> };
            expect(
              daily.days.reduce((sum, day) => sum + day.messages, 0),
              `${label}: days vs totals`,
            ).toBe(usage.totals.messages);
            if (window.contains)
              expect(daily.days.find((day) => day.date === utcDate(instant.ms))?.messages, `${label}: its day`).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 25 },
    );
  }, 120_000);

  it("a billing period reads back as given, and /usage lists a message only when the period contains it", async () => {
    await fc.assert(
      fc.asyncProperty(writtenInstant, windowShape(60 * DAY_MS), async (instant, shape) => {
        const id = await storeMessage(instant, "billing");
        for (const window of windowsAround(instant.ms, shape)) {
          const label = `${instant.text} in [${window.fromText}, ${window.toText}) ${window.name}`;
          expect((await put("/v1/billing-periods/current", { start: window.fromText, end: window.toText })).status, label).toBe(200);
          expect(await (await call("/v1/billing-periods/current")).json(), label).toMatchObject({
            start: window.fromText,
            end: window.toText,
          });
          const period = (await (await call("/usage")).json()) as { usage: UsageRow[] };
          expect(rowsOf(period.usage, id), `${label}: /usage`).toEqual(window.contains ? [instant.text] : []);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 12 },
    );
  }, 120_000);
});
