import { tradingCron } from "./features/trading/trading.cron";
import type { Bindings } from "./lib/env";
import { log } from "./lib/log";

/** One job the Cron Trigger runs; features add theirs to CRON_JOBS. */
export interface CronJob {
  name: string;
  run(env: Bindings, scheduledTime: number): Promise<unknown>;
}

export const CRON_JOBS: CronJob[] = [tradingCron];

export const LAST_CRON_RUN_KEY = "cron:last-run";

export interface CronRunRecord {
  cron: string;
  scheduled_time: string;
  finished_at: string;
  jobs: Array<{ name: string; ok: boolean; result?: unknown; error?: string }>;
}

/** Runs every job, isolating failures so one broken job never stops the others, and records the run in KV. */
export async function runScheduled(
  controller: Pick<ScheduledController, "cron" | "scheduledTime">,
  env: Bindings,
  jobs = CRON_JOBS,
): Promise<CronRunRecord> {
  const outcomes = await Promise.all(
    jobs.map(async (job) => {
      try {
        return { name: job.name, ok: true, result: await job.run(env, controller.scheduledTime) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log("error", { cron_job: job.name, message });
        return { name: job.name, ok: false, error: message };
      }
    }),
  );
  const record: CronRunRecord = {
    cron: controller.cron,
    scheduled_time: new Date(controller.scheduledTime).toISOString(),
    finished_at: new Date().toISOString(),
    jobs: outcomes,
  };
  await env.PRICES.put(LAST_CRON_RUN_KEY, JSON.stringify(record));
  return record;
}
