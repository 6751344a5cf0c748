import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { type CronRunRecord, LAST_CRON_RUN_KEY, runScheduled } from "../../src/scheduled";

describe("Cron Trigger", () => {
  it("records each run in KV", async () => {
    const controller = createScheduledController({ cron: "* * * * *", scheduledTime: Date.UTC(2026, 0, 2, 3, 4) });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    const record = await env.PRICES.get<CronRunRecord>(LAST_CRON_RUN_KEY, "json");
    expect(record).toMatchObject({ cron: "* * * * *", scheduled_time: "2026-01-02T03:04:00.000Z" });
  });

  it("isolates a failing job so the others still run and the failure is recorded", async () => {
    const ran: string[] = [];
    const record = await runScheduled({ cron: "* * * * *", scheduledTime: 0 }, env, [
      { name: "broken", run: async () => Promise.reject(new Error("provider down")) },
      { name: "fine", run: async () => ran.push("fine") },
    ]);
    expect(ran).toEqual(["fine"]);
    expect(record.jobs).toEqual([
      { name: "broken", ok: false, error: "provider down" },
      { name: "fine", ok: true, result: 1 },
    ]);
  });
});
