/**
 * The soak's dashboards: WebSocket subscribers of the live board that hold a view of their trader's day the way a page
 * does (report read with If-None-Match after each hello, pushes applied unless older), lose their socket whenever the
 * exchange forces its drop, come back with backoff, and are compared with GET …/report at the end.
 */

import { WebSocket } from "ws";
import type { TraderReportRow, TraderReportView } from "../../src/features/trading/trader-report";
import { seededRandom } from "../lib/random";
import { liveUrl, reportPath } from "./feed-client";
import { backoffMs, LiveView, type ReportTotals, viewDifference } from "./live-view";

const PING_EVERY_MS = 15_000;
const REPORT_TIMEOUT_MS = 10_000;
const REPORT_TRIES = 5;
/** Mismatches quoted in the result: enough to look one up. */
const SAMPLE = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LiveCounters {
  /** Hellos received: first connections and reconnections. */
  connects: number;
  /** Sockets the soak cut (terminated, no close frame) when the exchange forced its drop. */
  drops: number;
  /** Sockets that closed without the soak cutting them. */
  unexpectedCloses: number;
  reportReads: { ok: number; notModified: number; notFound: number; failed: number };
  pushes: number;
  /** Rows or totals of pushes and reads left out because the view already held a newer one. */
  olderPartsIgnored: number;
}

interface RowsMessage {
  type: "rows";
  rows: TraderReportRow[];
  totals: ReportTotals;
}

class Subscriber {
  readonly view = new LiveView();
  connected = false;
  private etag: string | null = null;
  private socket: WebSocket | null = null;
  private cutting = false;
  private failures = 0;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly baseUrl: string,
    readonly traderId: string,
    readonly day: string,
    private readonly counters: LiveCounters,
    private readonly random: () => number,
  ) {}

  connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(liveUrl(this.baseUrl, this.traderId, this.day), { perMessageDeflate: false });
    this.socket = socket;
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const text = data.toString();
      if (text === "pong") return;
      const message = JSON.parse(text) as { type: string };
      if (message.type === "hello") {
        this.connected = true;
        this.failures = 0;
        this.counters.connects++;
        // After the hello the board pushes every change, so a read now misses nothing in between.
        void this.readReport(socket);
      } else if (message.type === "rows") {
        const rows = message as RowsMessage;
        this.counters.pushes++;
        this.counters.olderPartsIgnored += this.view.apply(rows.rows, rows.totals);
      }
    });
    // The close event follows and schedules the reconnect.
    socket.on("error", () => {});
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.connected = false;
      if (this.stopped) return;
      if (this.cutting) this.cutting = false;
      else this.counters.unexpectedCloses++;
      this.retry = setTimeout(() => this.connect(), backoffMs(this.failures++, this.random));
    });
  }

  /** GET …/report with the ETag last seen; a 200 is applied like a push (a newer push already held stays). */
  private async readReport(socket: WebSocket): Promise<void> {
    const reads = this.counters.reportReads;
    for (let tries = 0; tries < REPORT_TRIES && this.socket === socket && !this.stopped; tries++) {
      try {
        const headers: Record<string, string> = this.etag ? { "if-none-match": this.etag } : {};
        const response = await fetch(this.baseUrl + reportPath(this.traderId, this.day), {
          headers,
          signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
        });
        if (response.status === 200) {
          const report = (await response.json()) as TraderReportView;
          this.counters.olderPartsIgnored += this.view.apply(report.rows, report.totals);
          this.etag = response.headers.get("etag");
          reads.ok++;
          return;
        }
        await response.arrayBuffer();
        if (response.status === 304) {
          reads.notModified++;
          return;
        }
        if (response.status === 404) {
          // No deal of the day yet: the pushes bring the first ones.
          reads.notFound++;
          return;
        }
        reads.failed++;
      } catch {
        reads.failed++;
      }
      await sleep(500);
    }
  }

  ping(): void {
    if (this.connected && this.socket?.readyState === WebSocket.OPEN) this.socket.send("ping");
  }

  /** Cuts the socket as a lost network would: no close frame, and a reconnect with backoff. */
  cut(): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    this.cutting = true;
    this.counters.drops++;
    this.socket.terminate();
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => socket.terminate(), 2000);
      socket.once("close", () => {
        clearTimeout(kill);
        resolve();
      });
      socket.close(1000, "soak done");
    });
  }
}

export interface LiveMismatch {
  subscriber: number;
  trader_id: string;
  delivery_day: string;
  connected: boolean;
  detail: string;
}

export interface LiveSoakResult {
  subscribers: number;
  /** The (trader, day) pairs they are spread over. */
  pairs: number;
  counters: LiveCounters;
  /** Connected at the end, with their view compared. */
  connected_at_end: number;
  /** Views equal to GET …/report (rows and totals) at the end. */
  equal: number;
  mismatches: LiveMismatch[];
  /** How long after the feed drained every view was equal (or the wait gave up). */
  settle_ms: number;
}

export interface LiveSubscribers {
  /** Resolves once every subscriber got its first hello, or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<boolean>;
  /** Cuts every subscriber's socket. */
  cutAll(): void;
  /** Waits until every view equals a fresh report read (or `timeoutMs` passed), stops the subscribers, and judges. */
  finish(timeoutMs: number): Promise<LiveSoakResult>;
  /** Stops every subscriber without judging (a soak that failed before its end). */
  stop(): Promise<void>;
}

/** `count` subscribers spread round-robin over every (trader, day) pair, connecting now. */
export function startLiveSubscribers(
  baseUrl: string,
  count: number,
  traders: readonly string[],
  days: readonly string[],
  seed: number,
): LiveSubscribers {
  const counters: LiveCounters = {
    connects: 0,
    drops: 0,
    unexpectedCloses: 0,
    reportReads: { ok: 0, notModified: 0, notFound: 0, failed: 0 },
    pushes: 0,
    olderPartsIgnored: 0,
  };
  const pairs = days.flatMap((day) => traders.map((trader) => ({ trader, day })));
  const random = seededRandom(seed);
  const subscribers = Array.from({ length: count }, (_, index) => {
    const { trader, day } = pairs[index % pairs.length]!;
    return new Subscriber(baseUrl, trader, day, counters, random);
  });
  for (const subscriber of subscribers) subscriber.connect();
  const pinger = setInterval(() => {
    for (const subscriber of subscribers) subscriber.ping();
  }, PING_EVERY_MS);

  const compare = async (): Promise<LiveMismatch[]> => {
    const reports = new Map<string, TraderReportView | null>();
    for (const { trader, day } of pairs) {
      const response = await fetch(baseUrl + reportPath(trader, day), { signal: AbortSignal.timeout(REPORT_TIMEOUT_MS) });
      if (response.status === 404) {
        await response.arrayBuffer();
        reports.set(`${day}|${trader}`, null);
      } else if (response.ok) reports.set(`${day}|${trader}`, (await response.json()) as TraderReportView);
      else throw new Error(`GET ${reportPath(trader, day)} answered ${response.status}`);
    }
    return subscribers.flatMap((subscriber, index) => {
      const difference = viewDifference(subscriber.view.snapshot(), reports.get(`${subscriber.day}|${subscriber.traderId}`) ?? null);
      const detail = !subscriber.connected ? `not connected${difference ? `; ${difference}` : ""}` : difference;
      return detail === null
        ? []
        : [{ subscriber: index, trader_id: subscriber.traderId, delivery_day: subscriber.day, connected: subscriber.connected, detail }];
    });
  };

  return {
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!subscribers.every((s) => s.connected)) {
        if (Date.now() > deadline) return false;
        await sleep(100);
      }
      return true;
    },
    cutAll() {
      for (const subscriber of subscribers) subscriber.cut();
    },
    async stop() {
      clearInterval(pinger);
      await Promise.all(subscribers.map((s) => s.stop()));
    },
    async finish(timeoutMs) {
      const started = Date.now();
      let mismatches = await compare();
      // Pushes of the last deals, and reconnects after the last drop, may still be on their way.
      while (mismatches.length > 0 && Date.now() - started < timeoutMs) {
        await sleep(500);
        mismatches = await compare();
      }
      const settleMs = Date.now() - started;
      clearInterval(pinger);
      const connectedAtEnd = subscribers.filter((s) => s.connected).length;
      await Promise.all(subscribers.map((s) => s.stop()));
      return {
        subscribers: count,
        pairs: Math.min(count, pairs.length),
        counters,
        connected_at_end: connectedAtEnd,
        equal: count - mismatches.length,
        mismatches: mismatches.slice(0, SAMPLE),
        settle_ms: settleMs,
      };
    },
  };
}
