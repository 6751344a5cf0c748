import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../../../lib/env";
import { log } from "../../../lib/log";
import { reportRowHtml, reportTotalsHtml } from "../dashboard/report-table";
import { exchangeFeed } from "../exchange-feed/exchange-feed-stub";
import type { TraderReport } from "../exchange-feed/feed-types";
import { dayPrices } from "../reference-prices/day-prices-cache";
import type { DayPrices, StoredPrice } from "../reference-prices/reference-price-store";
import { type TraderReportRow, traderReportView } from "../trader-report";
import { CLOSE, type HelloMessage, MAX_CLIENT_MESSAGE_BYTES, type ReportRowsMessage, subscriptionTag } from "./board-protocol";

const utf8 = new TextEncoder();

interface Subscription {
  traderId: string;
  deliveryDay: string;
}

/** What a subscriber holds of a (trader, day): the rows last pushed, to push only what changed. */
interface Pushed {
  report: TraderReport;
  rows: Map<string, string>;
}

/**
 * The desk's live board: holds the dashboards' WebSockets (hibernation API, so idle pages cost nothing) and pushes to
 * the subscribers of a (trader, delivery day) the rows that changed when the exchange feed stores a deal or the cron
 * publishes reference prices. It is a separate object from the ExchangeFeed on purpose: the feed hands each change
 * over in one RPC it does not wait on, so the exchange socket never waits for a slow subscriber, and the fan-out to
 * hundreds of sockets runs here, on another thread.
 */
export class TradingBoard extends DurableObject<Bindings> {
  /** Rows pushed per subscription tag; lost on hibernation, after which the next change pushes every row. */
  private readonly pushed = new Map<string, Pushed>();
  /** Prices the cron published, newer than what KV may show this isolate for a few seconds. */
  private readonly published = new Map<string, DayPrices>();
  /**
   * Changes are applied one at a time, in the order they arrive: a push awaits the day's prices, and a change that
   * overtook it there would otherwise be followed by the older report's rows.
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    // A client's keep-alive never wakes the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** A dashboard subscribing: the Worker validated trader_id and delivery_day and forwards the upgrade here. */
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const subscription: Subscription = {
      traderId: url.searchParams.get("trader_id") ?? "",
      deliveryDay: url.searchParams.get("delivery_day") ?? "",
    };
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [subscriptionTag(subscription.traderId, subscription.deliveryDay)]);
    server.serializeAttachment(subscription);
    const hello: HelloMessage = { type: "hello", trader_id: subscription.traderId, delivery_day: subscription.deliveryDay };
    server.send(JSON.stringify(hello));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The feed stored deals: the current report of each (trader, day) they touched. */
  dealsChanged(reports: TraderReport[]): Promise<number> {
    return this.inOrder(async () => {
      let sent = 0;
      for (const report of reports) sent += await this.push(report);
      return sent;
    });
  }

  /** The cron stored new reference prices: every subscribed (trader, day) of their days gets its changed rows. */
  pricesPublished(prices: StoredPrice[]): Promise<number> {
    return this.inOrder(() => this.publish(prices));
  }

  private inOrder<T>(change: () => Promise<T>): Promise<T> {
    const result = this.queue.then(change);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async publish(prices: StoredPrice[]): Promise<number> {
    const days = new Set<string>();
    for (const price of prices) {
      const day = this.published.get(price.delivery_day) ?? {};
      const held = day[price.delivery_hour];
      if (!held || held.fetched_at <= price.fetched_at) day[price.delivery_hour] = price;
      this.published.set(price.delivery_day, day);
      days.add(price.delivery_day);
    }
    // One push per subscribed (trader, day) of those days, however many sockets share it.
    const subscriptions = new Map<string, Subscription>();
    for (const socket of this.ctx.getWebSockets()) {
      const subscription = socket.deserializeAttachment() as Subscription;
      if (days.has(subscription.deliveryDay))
        subscriptions.set(subscriptionTag(subscription.traderId, subscription.deliveryDay), subscription);
    }
    let sent = 0;
    for (const [tag, { traderId, deliveryDay }] of subscriptions) {
      const report = this.pushed.get(tag)?.report ?? (await exchangeFeed(this.env).traderReport(traderId, deliveryDay));
      if (report) sent += await this.push(report);
    }
    return sent;
  }

  subscriberCount(): number {
    return this.ctx.getWebSockets().length;
  }

  /** Clients only listen (a "ping" is answered without waking the object); anything else ends the subscription. */
  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const size = typeof message === "string" ? utf8.encode(message).byteLength : message.byteLength;
    if (size > MAX_CLIENT_MESSAGE_BYTES) {
      socket.close(CLOSE.tooBig, `messages are at most ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
      return;
    }
    socket.close(CLOSE.unknownMessage, 'unknown message: the board only answers "ping"');
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    try {
      socket.close(code === 1005 ? 1000 : code, "closing");
    } catch {
      // The board closed it first (a refused message): the close handshake is already done.
    }
  }

  private async pricesOf(day: string): Promise<DayPrices> {
    const stored = await dayPrices(this.env.PRICES, day);
    const published = this.published.get(day);
    if (!published) return stored;
    const merged: DayPrices = { ...stored };
    for (const [hour, price] of Object.entries(published)) {
      const held = merged[hour];
      if (!held || held.fetched_at <= price.fetched_at) merged[hour] = price;
    }
    return merged;
  }

  /** Sends the rows of the report that differ from what its subscribers were last sent, with the day's totals. */
  private async push(report: TraderReport): Promise<number> {
    const tag = subscriptionTag(report.trader_id, report.delivery_day);
    const sockets = this.ctx.getWebSockets(tag);
    if (sockets.length === 0) {
      this.pushed.delete(tag);
      return 0;
    }
    const view = traderReportView(report, await this.pricesOf(report.delivery_day));
    const before = this.pushed.get(tag)?.rows;
    const rows = new Map(view.rows.map((row) => [row.delivery_hour, JSON.stringify(row)]));
    const changed: TraderReportRow[] = view.rows.filter((row) => before?.get(row.delivery_hour) !== rows.get(row.delivery_hour));
    this.pushed.set(tag, { report, rows });
    if (changed.length === 0) return 0;
    const message: ReportRowsMessage = {
      type: "rows",
      trader_id: report.trader_id,
      delivery_day: report.delivery_day,
      rows: changed,
      totals: view.totals,
      html: {
        rows: Object.fromEntries(changed.map((row) => [row.delivery_hour, reportRowHtml(row)])),
        totals: reportTotalsHtml(view.totals),
      },
    };
    const text = JSON.stringify(message);
    let sent = 0;
    for (const socket of sockets) {
      try {
        socket.send(text);
        sent++;
      } catch (error) {
        // A socket closing under us is dropped by the runtime; the others still get the change.
        log("warn", { event: "board_send_failed", message: error instanceof Error ? error.message : String(error) });
      }
    }
    return sent;
  }
}
