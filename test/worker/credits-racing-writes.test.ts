import { describe, expect, it } from "vitest";
import { call, jsonInit, postJson, withToken } from "./helpers";
import { allowRacingTime, byVersion, CALLERS, expectNoServerErrors, json, lastWriter, race, TRIALS } from "./racing-callers";

allowRacingTime();
let nextId = 1_000;
const freshId = () => nextId++;

const put = (path: string, body: unknown) => call(path, withToken(jsonInit("PUT", body)));

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
      const answers = await race(CALLERS, (i) =>
        postJson("/v1/messages", { messages: [{ id, timestamp: "2024-04-29T10:00:00Z", text: `text ${i}` }] }),
      );
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
      const periodOf = (i: number) => ({
        start: `2024-0${1 + (i % 9)}-01T00:00:00Z`,
        end: `2025-01-${String(1 + i).padStart(2, "0")}T00:00:00Z`,
      });
      const answers = await race(CALLERS, (i) => put("/v1/billing-periods/current", periodOf(i)));
      const { index } = lastWriter(answers);
      for (const [i, a] of answers.entries()) expect(a.body).toMatchObject(periodOf(i));
      expect(await json("/v1/billing-periods/current")).toEqual(periodOf(index));
    }
  });
});
