/**
 * The refresh storm's load loop: traders reloading their page at a fixed rate, each reload the trader page and then
 * the report, each revalidated with the ETag that trader last saw, as a browser's reload does. Open loop (reloads
 * start on schedule, not when the previous one ends), so a slow server shows as latency, not as a lower rate;
 * keep-alive connections, at most six per trader as a browser keeps per origin.
 */
import { Agent, get } from "node:http";
import { performance } from "node:perf_hooks";
import { reportPath } from "../soak/feed-client";
import type { StormSample } from "./trading-live-results";

const REQUEST_TIMEOUT_MS = 10_000;
const SOCKETS_PER_TRADER = 6;
const TICK_MS = 5;

export interface StormOptions {
  baseUrl: string;
  traders: readonly string[];
  day: string;
  reloadsPerS: number;
  seconds: number;
  /** Reloads of one trader in flight at once; a reload due beyond it is skipped and counted (1 s worth by default). */
  maxInFlight?: number;
}

export interface StormRun {
  samples: StormSample[];
  reloads: number;
  skipped: number;
  seconds: number;
}

export const traderPagePath = (traderId: string, day: string) => `/dashboards/trading/${encodeURIComponent(traderId)}?delivery_day=${day}`;

interface Answer {
  status: StormSample["status"];
  ms: number;
  etag?: string;
}

/** One GET timed to the end of its body, which is read and dropped (gzip left as sent). */
function timedGet(agent: Agent, url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    let timedOut = false;
    const request = get(url, { agent, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.once("end", () => {
        const etag = response.headers.etag;
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, ...(etag ? { etag } : {}) });
      });
      response.once("error", () => resolve({ status: "error", ms: performance.now() - started }));
    });
    request.once("timeout", () => {
      timedOut = true;
      request.destroy(new Error("timeout"));
    });
    request.once("error", () => resolve({ status: timedOut ? "timeout" : "error", ms: performance.now() - started }));
  });
}

export async function runStorm(options: StormOptions): Promise<StormRun> {
  const { baseUrl, traders, day, reloadsPerS, seconds } = options;
  const maxInFlight = options.maxInFlight ?? Math.max(1, Math.ceil(reloadsPerS));
  const desks = traders.map((trader) => ({
    trader,
    agent: new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_TRADER }),
    /** The ETag of the last report this trader's reloads got a 200 for. */
    etag: undefined as string | undefined,
    /** The same for the page: a browser's reload revalidates the page it holds, as it does the report. */
    pageEtag: undefined as string | undefined,
    started: 0,
    inFlight: 0,
  }));
  type Desk = (typeof desks)[number];
  const samples: StormSample[] = [];
  const pending = new Set<Promise<void>>();
  let reloads = 0;
  let skipped = 0;

  const reload = async (desk: Desk): Promise<void> => {
    const { trader, agent } = desk;
    const pageHeaders: Record<string, string> = { accept: "text/html", "accept-encoding": "gzip" };
    if (desk.pageEtag) pageHeaders["if-none-match"] = desk.pageEtag;
    const page = await timedGet(agent, baseUrl + traderPagePath(trader, day), pageHeaders);
    samples.push({ kind: "page", ms: page.ms, status: page.status });
    if (page.status === 200 && page.etag) desk.pageEtag = page.etag;
    const headers: Record<string, string> = { accept: "application/json", "accept-encoding": "gzip" };
    if (desk.etag) headers["if-none-match"] = desk.etag;
    const report = await timedGet(agent, baseUrl + reportPath(trader, day), headers);
    samples.push({ kind: "report", ms: report.ms, status: report.status });
    if (report.status === 200 && report.etag) desk.etag = report.etag;
  };

  const from = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - from;
      if (elapsed >= seconds * 1000) {
        clearInterval(tick);
        resolve();
        return;
      }
      desks.forEach((desk, index) => {
        // Traders are spread over the reload interval, so the server sees a steady rate rather than bursts of 15.
        const phase = (index / desks.length) * (1000 / reloadsPerS);
        // Counted from the start, so timer drift neither loses nor doubles reloads.
        const due = Math.floor(((elapsed + phase) * reloadsPerS) / 1000) - desk.started;
        for (let n = 0; n < due; n++) {
          desk.started++;
          if (desk.inFlight >= maxInFlight) {
            skipped++;
            continue;
          }
          desk.inFlight++;
          reloads++;
          const done: Promise<void> = reload(desk).finally(() => {
            desk.inFlight--;
            pending.delete(done);
          });
          pending.add(done);
        }
      });
    }, TICK_MS);
  });
  const ranFor = (performance.now() - from) / 1000;
  await Promise.all(pending);
  for (const desk of desks) desk.agent.destroy();
  return { samples, reloads, skipped, seconds: ranFor };
}
