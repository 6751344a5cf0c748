import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../../../lib/env";
import { log } from "../../../lib/log";
import { tradingBoard } from "../trading-board/trading-board-stub";
import { BoardHandoff } from "./board-handoff";
import { parseDealFrame } from "./deal-frame";
import { DealLedger } from "./deal-ledger";
import { openExchangeSocket, publicExchangeUrl } from "./exchange-socket";
import { FeedQueries } from "./feed-queries";
import { migrateFeedSchema } from "./feed-schema";
import type {
  DealsPage,
  DealsQuery,
  DealsQueryError,
  DeliveryPeriod,
  DeskData,
  FeedStatus,
  IngestResult,
  TraderDashboardData,
  TraderReport,
  TraderSummary,
} from "./feed-types";
import { nextCheckAt, retryDelay, type WatchdogInput, watchdog } from "./reconnect-policy";

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Enough of a rejected frame to see what was wrong with it, without flooding the logs. */
const LOGGED_FRAME_CHARS = 500;

const utf8 = new TextDecoder();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the outbound WebSocket to the exchange and stores every deal once, with its per-hour aggregates.
 *
 * An outbound socket does not hibernate and every deploy or eviction drops it, so the alarm is a watchdog:
 * it is always armed (every few seconds while connected, for the next retry while not) and it survives the
 * object's restarts, so a restarted object wakes and reconnects on its own. The cron's ensureConnected()
 * call is the second safety net, for an object whose alarm was never set.
 */
export class ExchangeFeed extends DurableObject<Bindings> {
  private readonly ledger: DealLedger;
  private readonly queries: FeedQueries;
  private socket: WebSocket | null = null;
  private opening: Promise<void> | null = null;
  private lastActivityAt = 0;
  private retryAt: number | null = null;
  /** Attempts since the last connection that delivered a frame; drives the backoff. */
  private failures = 0;
  private deliveredFrame = false;
  private readonly board: BoardHandoff;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    migrateFeedSchema(ctx.storage.sql);
    this.ledger = new DealLedger(ctx.storage);
    this.queries = new FeedQueries(ctx.storage.sql);
    this.board = new BoardHandoff(
      (changes) =>
        tradingBoard(env).dealsChanged(changes.flatMap(({ traderId, deliveryDay }) => this.traderReport(traderId, deliveryDay) ?? [])),
      (promise) => ctx.waitUntil(promise),
    );
    // A fresh instance holds no socket, whatever the previous one last recorded.
    this.ledger.recordDisconnected(new Date().toISOString(), null);
  }

  /** Connects if not connected and (re)arms the watchdog. Called by the cron every minute and on first use. */
  async ensureConnected(): Promise<FeedStatus> {
    if (!this.socket) await this.open();
    await this.armWatchdog();
    return this.status();
  }

  override async alarm(): Promise<void> {
    const verdict = watchdog(this.watchdogInput());
    if (verdict.action === "drop-silent" && this.socket) {
      const silent = this.socket;
      this.lose(silent, `no frame for ${Math.round((Date.now() - this.lastActivityAt) / 1000)} s`);
      try {
        silent.close(4000, "silent");
      } catch {
        // Already closing under us: the retry is armed either way.
      }
    } else if (verdict.action === "connect") {
      await this.open();
    }
    await this.armWatchdog();
  }

  status(): FeedStatus {
    const state = this.ledger.state();
    const connected = this.socket !== null;
    return {
      connected,
      exchange_url: publicExchangeUrl(this.env.EXCHANGE_URL),
      connected_since: connected ? state.connected_since : null,
      last_frame_at: state.last_frame_at,
      frames: state.frames,
      deals_stored: state.deals_stored,
      duplicates_ignored: state.duplicates_ignored,
      malformed_rejected: state.malformed_rejected,
      reconnects: state.reconnects,
      last_error: state.last_error,
      last_error_at: state.last_error_at,
      next_retry_at: !connected && this.retryAt !== null ? new Date(this.retryAt).toISOString() : null,
    };
  }

  traders(): TraderSummary[] {
    return this.queries.traders();
  }

  /** The rows plus exact day totals; null when the trader has never traded (unknown trader). */
  traderReport(traderId: string, deliveryDay: string): TraderReport | null {
    return this.queries.traderReport(traderId, deliveryDay);
  }

  /** The trader page's data in one round trip; null for an unknown trader. */
  traderDashboard(traderId: string, deliveryDay: string): TraderDashboardData | null {
    const report = this.queries.traderReport(traderId, deliveryDay);
    if (!report) return null;
    const traders = this.queries.traders().map((trader) => trader.trader_id);
    return { report, traders, delivery_days: this.queries.deliveryDaysOf(traderId) };
  }

  /** The desk page's data in one round trip: the feed's health, and every trader with their report of the day. */
  desk(deliveryDay: string): DeskData {
    return { status: this.status(), traders: this.queries.traders(), reports: this.queries.dayReports(deliveryDay) };
  }

  /** In arrival order; `{error, detail}` instead of a page for a limit outside 1–1000 or a foreign cursor. */
  deals(query: DealsQuery): DealsPage | DealsQueryError {
    return this.queries.deals(query);
  }

  /** Distinct (day, hour) pairs with deals from `fromDay` (YYYY-MM-DD) on, for the cron's price fetches. */
  deliveryHoursWithDeals(fromDay: string): DeliveryPeriod[] {
    return this.queries.deliveryHoursWithDeals(fromDay);
  }

  private watchdogInput(): WatchdogInput {
    return { connected: this.socket !== null, lastActivityAt: this.lastActivityAt, retryAt: this.retryAt, now: Date.now() };
  }

  private async armWatchdog(): Promise<void> {
    await this.ctx.storage.setAlarm(nextCheckAt(this.watchdogInput()));
  }

  /** One handshake at a time: the alarm, the cron and a first use may all ask at once. */
  private open(): Promise<void> {
    this.opening ??= this.handshake().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async handshake(): Promise<void> {
    try {
      const socket = await openExchangeSocket(this.env.EXCHANGE_URL, HANDSHAKE_TIMEOUT_MS);
      this.attach(socket);
    } catch (error) {
      this.scheduleRetry(`connect failed: ${messageOf(error)}`);
    }
  }

  private attach(socket: WebSocket): void {
    const now = Date.now();
    this.socket = socket;
    this.lastActivityAt = now;
    this.retryAt = null;
    this.deliveredFrame = false;
    this.ledger.recordConnected(new Date(now).toISOString());
    log("info", { event: "exchange_connected", url: publicExchangeUrl(this.env.EXCHANGE_URL) });

    socket.addEventListener("message", (event) => {
      this.onFrame(socket, typeof event.data === "string" ? event.data : utf8.decode(event.data));
    });
    socket.addEventListener("close", (event) => {
      this.lose(socket, `closed ${event.code}${event.reason ? ` ${event.reason}` : ""}`);
    });
    socket.addEventListener("error", (event) => {
      this.lose(socket, `socket error: ${event.message || "unknown"}`);
    });
  }

  /**
   * Validates and stores one frame; never throws on bad input. Private, so stubs do not offer it over RPC: only the
   * socket's message handler calls it (and tests, from inside the object through runInDurableObject).
   */
  private ingestFrame(text: string): IngestResult {
    const receivedAt = new Date().toISOString();
    const parsed = parseDealFrame(text);
    if (!parsed.ok) {
      this.ledger.recordMalformed(receivedAt);
      log("warn", {
        event: "exchange_frame_rejected",
        reason: parsed.reason,
        frame: text.slice(0, LOGGED_FRAME_CHARS),
        received_at: receivedAt,
      });
      return { outcome: "malformed", reason: parsed.reason };
    }
    const outcome = this.ledger.recordDeal(parsed.deal, receivedAt);
    if (outcome === "stored") this.board.changed(parsed.deal.trader_id, parsed.deal.delivery_day);
    return { outcome, id: parsed.deal.id };
  }

  private onFrame(socket: WebSocket, text: string): void {
    if (socket === this.socket) {
      this.lastActivityAt = Date.now();
      if (!this.deliveredFrame) {
        this.deliveredFrame = true;
        this.failures = 0;
      }
    }
    // A frame still in flight on a socket we gave up on is a real deal all the same: store it.
    try {
      this.ingestFrame(text);
    } catch (error) {
      log("error", { event: "exchange_frame_not_stored", message: messageOf(error), frame: text.slice(0, LOGGED_FRAME_CHARS) });
    }
  }

  /** The current socket is gone (closed, failed or silent): record why and arm a retry. Later events of it are ignored. */
  private lose(socket: WebSocket, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.scheduleRetry(reason);
    this.ctx.waitUntil(this.armWatchdog());
  }

  private scheduleRetry(reason: string): void {
    const now = Date.now();
    const delay = retryDelay(this.failures);
    this.failures++;
    this.retryAt = now + delay;
    this.ledger.recordDisconnected(new Date(now).toISOString(), reason);
    log("warn", { event: "exchange_disconnected", reason, retry_in_ms: delay, failures: this.failures });
  }
}
