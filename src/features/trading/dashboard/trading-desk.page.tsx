import type { Child } from "hono/jsx";
import { formatAmount, formatCount, formatUtcClock, formatUtcMinute, formatUtcSecond } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { PollNotice } from "../../../web/poll-notice";
import { ETAG_PLACEHOLDER } from "../../../web/rendered-page";
import { Bad, EmptyState, Good } from "../../../web/states";
import type { FeedStatus, TraderSummary } from "../exchange-feed/feed-types";
import type { PriceRunOutcome } from "../reference-prices/reference-price-refresh";
import type { TraderReportView } from "../trader-report";
import { Versus } from "./report-table";

export const DESK_PATH = "/dashboards/trading";

/** A trader's page; without a day it shows today (UTC). */
export function traderHref(traderId: string, deliveryDay?: string): string {
  const path = `${DESK_PATH}/${encodeURIComponent(traderId)}`;
  return deliveryDay ? `${path}?delivery_day=${deliveryDay}` : path;
}

/** The 404 page's message: which trader, and where the known ones are listed. */
export function UnknownTraderMessage({ traderId }: { traderId: string }) {
  return (
    <>
      No deal of trader “{traderId}” has reached the exchange feed. The <a href={DESK_PATH}>trading desk</a> lists every trader.
    </>
  );
}

/** The 422 page's message: what is wrong with the address, and what works. */
export function InvalidAddressMessage({ problems }: { problems: string }) {
  return (
    <>
      {problems}. Leave delivery_day out for today (UTC), or start from the <a href={DESK_PATH}>trading desk</a>.
    </>
  );
}

/** How often the desk asks for a newer version of itself (a conditional GET: unchanged costs a 304). */
export const DESK_POLL_SECONDS = 5;

const mw = (value: number) => value.toFixed(1);

function Instant({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <time datetime={iso}>{formatUtcSecond(iso)}</time> : none;
}

/** A figure that is a time: the clock large, its day below it. */
function Clock({ iso }: { iso: string }) {
  return (
    <>
      <time datetime={iso} title={formatUtcSecond(iso)}>
        {formatUtcClock(iso).replace(" UTC", "")}
      </time>
      <span class="figure-sub">UTC, on {iso.slice(0, 10)}</span>
    </>
  );
}

function Figure({ term, id, children }: { term: string; id: string; children: Child }) {
  return (
    <div class="figure">
      <dt>{term}</dt>
      <dd data-figure={id}>{children}</dd>
    </div>
  );
}

function PriceRun({ run }: { run: PriceRunOutcome | null }) {
  if (!run) return "Not run yet";
  const failed = run.failures.length;
  return (
    <>
      <Clock iso={run.at} />
      <span class="figure-sub">
        {formatCount(run.fetched)} fetched, {formatCount(run.fresh)} still fresh
        {failed > 0 && `, ${formatCount(failed)} failed`}
        {run.rate_limited && ", stopped: rate limited"}
      </span>
    </>
  );
}

function FeedHealth({ status, priceRun }: { status: FeedStatus; priceRun: PriceRunOutcome | null }) {
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">Exchange feed</h2>
      <dl class="figures" id="feed-health">
        <Figure term="Connection" id="connected">
          <span data-connected={String(status.connected)}>{status.connected ? <Good>Connected</Good> : <Bad>Disconnected</Bad>}</span>
          <span class="figure-sub">
            {status.connected ? (
              <>
                since <Instant iso={status.connected_since} none="—" />
              </>
            ) : (
              <>
                next try <Instant iso={status.next_retry_at} none="when the cron runs" />
              </>
            )}
          </span>
        </Figure>
        <Figure term="Last frame" id="last-frame">
          {status.last_frame_at ? <Clock iso={status.last_frame_at} /> : "None yet"}
          <span class="figure-sub">{formatCount(status.frames)} frames in all</span>
        </Figure>
        <Figure term="Deals stored" id="deals-stored">
          {formatCount(status.deals_stored)}
        </Figure>
        <Figure term="Duplicates ignored" id="duplicates">
          {formatCount(status.duplicates_ignored)}
        </Figure>
        <Figure term="Malformed frames rejected" id="malformed">
          {formatCount(status.malformed_rejected)}
        </Figure>
        <Figure term="Reconnects" id="reconnects">
          {formatCount(status.reconnects)}
          <span class="figure-sub">
            {status.last_error ? (
              <>
                last error: {status.last_error} (<Instant iso={status.last_error_at} none="" />)
              </>
            ) : (
              "no error recorded"
            )}
          </span>
        </Figure>
        <Figure term="Last reference-price run (cron)" id="price-run">
          <PriceRun run={priceRun} />
        </Figure>
      </dl>
    </section>
  );
}

/** A trader as the desk lists them: all-time figures from the feed, and the day's report. */
export interface DeskTrader {
  summary: TraderSummary;
  view: TraderReportView;
}

function TradersTable({ traders, today }: { traders: DeskTrader[]; today: string }) {
  if (traders.length === 0) {
    return (
      <EmptyState title="No trader has dealt yet.">
        <p>
          Deals arrive from the exchange over the feed's WebSocket, whose health is below. The same data is in the{" "}
          <a href="/docs#/trading">trading API</a>.
        </p>
      </EmptyState>
    );
  }
  return (
    <div class="table-wrap">
      <table id="desk-table" class="trading-table">
        <caption>
          Each trader's deals for delivery on {today} (UTC). Volumes in MW, money in €. Open a trader for their report by delivery hour.
        </caption>
        <thead>
          <tr>
            <th scope="col">Trader</th>
            <th scope="col" class="num">
              Trades today
            </th>
            <th scope="col" class="num">
              Bought <span class="unit">(MW)</span>
            </th>
            <th scope="col" class="num">
              Sold <span class="unit">(MW)</span>
            </th>
            <th scope="col" class="num">
              Net <span class="unit">(MW)</span>
            </th>
            <th scope="col" class="num">
              PnL <span class="unit">(€)</span>
            </th>
            <th scope="col" class="num">
              vs reference <span class="unit">(€)</span>
            </th>
            <th scope="col">
              Last deal <span class="unit">(UTC, any day)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {traders.map(({ summary, view }) => {
            const { totals } = view;
            const why =
              totals.trades === 0
                ? "No deals today"
                : totals.hours_without_reference > 0
                  ? `${totals.hours_without_reference} hour(s) without a reference price are left out`
                  : undefined;
            return (
              <tr data-trader={summary.trader_id} data-trades={String(totals.trades)}>
                <th scope="row">
                  <a href={traderHref(summary.trader_id)}>{summary.trader_id}</a>
                </th>
                <td class="num">{formatCount(totals.trades)}</td>
                <td class="num">{mw(totals.bought_mw)}</td>
                <td class="num">{mw(totals.sold_mw)}</td>
                <td class="num">{mw(totals.net_mw)}</td>
                <td class="num">{formatAmount(totals.pnl_eur)}</td>
                <td class="num" title={why}>
                  <Versus value={totals.trades === 0 ? null : totals.vs_reference_eur} why={why ?? "No hour has a reference price yet"} />
                </td>
                <td>
                  <time datetime={summary.last_deal_at} title={formatUtcSecond(summary.last_deal_at)}>
                    {summary.last_deal_at.slice(0, 10) === today
                      ? formatUtcClock(summary.last_deal_at)
                      : formatUtcMinute(summary.last_deal_at)}
                  </time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface DeskPageProps {
  today: string;
  traders: DeskTrader[];
  status: FeedStatus;
  priceRun: PriceRunOutcome | null;
}

/** The trading desk: every trader's day so far and the exchange feed's health, re-read every few seconds. */
export function TradingDeskPage({ today, traders, status, priceRun }: DeskPageProps) {
  return (
    <Layout title="Trading desk" current={DESK_PATH} scripts={["trading-desk.client.ts"]}>
      <h1>Trading desk</h1>
      <p class="lede">
        Every trader's deals for delivery today, <span class="nowrap">{today}</span>, against the market reference price, and the health of
        the exchange feed. Volumes in MW, money in €, times in UTC.
      </p>
      <PollNotice seconds={DESK_POLL_SECONDS} news="new deals" />
      <div id="desk-view" data-region data-page-etag={ETAG_PLACEHOLDER}>
        <section aria-labelledby="traders-heading">
          <h2 id="traders-heading">Traders today</h2>
          <TradersTable traders={traders} today={today} />
        </section>
        <FeedHealth status={status} priceRun={priceRun} />
      </div>
      <section aria-labelledby="legend-heading" class="legend">
        <h2 id="legend-heading">Reading the figures</h2>
        <dl>
          <dt>PnL (€)</dt>
          <dd>What the day's sells brought in minus what its buys cost.</dd>
          <dt>vs reference (€)</dt>
          <dd>
            What the deals earned against dealing the same volumes at the reference price, over the hours that have one. Positive (green, +,
            “ahead”) is good for every trader, buyer or seller; negative is red, −, “behind”; “—” while no hour has a price.
          </dd>
        </dl>
      </section>
    </Layout>
  );
}
