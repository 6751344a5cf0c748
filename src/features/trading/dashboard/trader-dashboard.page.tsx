import { formatUtcClock, formatUtcSecond } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { ETAG_PLACEHOLDER } from "../../../web/rendered-page";
import { EmptyState } from "../../../web/states";
import type { TraderReportView } from "../trader-report";
import { ReportHeaderRow, ReportRow, ReportTotalsRow } from "./report-table";
import { DESK_PATH, traderHref } from "./trading-desk.page";

/** A delivery day the page links to, and what it is to today. */
export interface DayChoice {
  day: string;
  note?: "today" | "tomorrow";
}

export interface TraderPageProps {
  view: TraderReportView;
  /** Every trader the feed knows, for the selector. */
  traders: string[];
  days: DayChoice[];
  /** The latest deal or reference price in the report (ISO), null for an empty day. */
  lastChange: string | null;
  /** The minute the reference prices' ages are given at. */
  now: number;
}

function TraderSelector({ view, traders, days }: Pick<TraderPageProps, "view" | "traders" | "days">) {
  return (
    <nav class="panel selector" aria-label="Trader and delivery day">
      <form class="inline" method="get" action={DESK_PATH}>
        <label>
          Trader
          <select name="trader_id">
            {traders.map((trader) => (
              <option value={trader} selected={trader === view.trader_id}>
                {trader}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="delivery_day" value={view.delivery_day} />
        <button type="submit">Show trader</button>
      </form>
      <div class="day-choice">
        <span class="day-choice-label" id="days-label">
          Delivery day (UTC)
        </span>
        <ul class="day-links" aria-labelledby="days-label">
          {days.map(({ day, note }) => (
            <li>
              <a href={traderHref(view.trader_id, day)} aria-current={day === view.delivery_day ? "page" : undefined}>
                {day}
                {note && <span class="day-note"> {note}</span>}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

function LastChange({ at }: { at: string | null }) {
  return (
    <p class="meta" data-last-change>
      {at ? (
        <>
          Last change at{" "}
          <time datetime={at} title={formatUtcSecond(at)} data-last-change-time>
            {formatUtcClock(at)}
          </time>{" "}
          on {at.slice(0, 10)} (the latest deal or reference price in this report).
        </>
      ) : (
        "No change yet: no deal for this day has reached the feed."
      )}
    </p>
  );
}

function Legend() {
  return (
    <section aria-labelledby="legend-heading" class="legend">
      <h2 id="legend-heading">Reading the comparisons</h2>
      <dl>
        <dt>Avg − ref (€/MWh)</dt>
        <dd>
          Our average price of the hour minus the reference price: the origin's “how are we doing so far?”. Green, + and “ahead” when
          positive; red, − and “behind” when negative. It reads differently by side: above the reference is good for what we sold, but means
          we paid more than the market for what we bought.
        </dd>
        <dt>vs reference (€)</dt>
        <dd>
          What the hour's deals earned against dealing the same volumes at the reference price (sells above it and buys below it earn).
          Green, + and “ahead” when positive: good for every trader, buyer or seller.
        </dd>
        <dt>—</dt>
        <dd>
          Not defined: no reference price for the hour yet, or no buys (or sells) for a VWAP. The dash's tooltip says which. The day total
          leaves out hours without a reference price, and says how many.
        </dd>
      </dl>
    </section>
  );
}

/** One trader's delivery day, hour by hour, against the reference price; kept current by its script. */
export function TraderDashboardPage({ view, traders, days, lastChange, now }: TraderPageProps) {
  const { trader_id: trader, delivery_day: day } = view;
  const empty = view.rows.length === 0;
  return (
    <Layout title={`${trader}, ${day} · Trading`} current={DESK_PATH} scripts={["trader-dashboard.client.ts"]}>
      <h1>
        {trader} <span class="h1-sub">delivery day {day}</span>
      </h1>
      <p class="lede">
        {trader}'s deals for delivery on {day}, one row per delivery hour, against the market reference price. Volumes in MW, prices in
        €/MWh, money in €; delivery periods and times in UTC.
      </p>
      <TraderSelector view={view} traders={traders} days={days} />
      <div
        id="trader-view"
        data-trader-view
        data-trader-id={trader}
        data-delivery-day={day}
        data-page-etag={ETAG_PLACEHOLDER}
        class="live-bar"
      >
        <p id="live-status" class="live-status" role="status" data-live-status data-state="static">
          <span class="live-dot" aria-hidden="true" />
          <span data-live-text>This page does not update by itself: reload it to see new deals and prices.</span>
        </p>
        <LastChange at={lastChange} />
      </div>
      <section id="report" aria-labelledby="report-heading" data-region>
        <h2 id="report-heading">By delivery hour</h2>
        {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
        <section class="table-wrap" aria-label="Report by delivery hour (scrolls sideways on narrow screens)" tabindex={0}>
          <table id="report-table" class="trading-table report-table">
            <caption>
              {trader}, {day}: one row per delivery hour (UTC), and the day total.
            </caption>
            <thead>
              <ReportHeaderRow />
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <ReportRow row={row} now={now} />
              ))}
            </tbody>
            <tfoot>{!empty && <ReportTotalsRow totals={view.totals} />}</tfoot>
          </table>
        </section>
        {empty && (
          <div data-empty-note>
            <EmptyState title={`No deals of ${trader} for delivery on ${day} yet.`}>
              <p>Rows appear here as the exchange confirms this trader's deals for the day; other days are linked above.</p>
            </EmptyState>
          </div>
        )}
      </section>
      <Legend />
    </Layout>
  );
}
