import { type Bar, BarChart } from "../../../web/bar-chart";
import { FiguresTable } from "../../../web/figures-table";
import { formatAmount, formatCount, formatCredits, formatDayMonthYearTime, formatUtcMinute } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { Pager } from "../../../web/pager";
import type { PageSlice } from "../../../web/pagination";
import { EmptyState } from "../../../web/states";
import type { UsageRow } from "../credits.repository";
import type { MessageDetail } from "../message-detail";
import { DEFAULT_ROWS_PER_PAGE, ROWS_PER_PAGE, type RowsPerPage } from "./credits-dashboard.schemas";
import { MAX_SORTED_CSV_ROWS } from "./usage-csv";
import { ariaSort, COLUMN_NAMES, describeSort, formatSort, type SortColumn, type SortKey, sortMark, toggleSort } from "./usage-sort";
import type { UsageView } from "./usage-view";

export const DASHBOARD_PATH = "/dashboards/credits";

/**
 * The query a dashboard URL carries: the window (absent: the current billing period), the sort, the page of the
 * table and its size, the selected message.
 */
export interface DashboardState {
  from?: string;
  to?: string;
  sort: SortKey[];
  page: number;
  perPage: RowsPerPage;
  message?: number;
}

/** The dashboard URL of a state; only what differs from the defaults is written. */
export function dashboardHref(state: DashboardState, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  const sort = formatSort(state.sort);
  if (sort) params.set("sort", sort);
  if (state.page !== 1) params.set("page", String(state.page));
  if (state.perPage !== DEFAULT_ROWS_PER_PAGE) params.set("per_page", String(state.perPage));
  if (state.message !== undefined) params.set("message", String(state.message));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${DASHBOARD_PATH}?${query}` : DASHBOARD_PATH;
}

/** A sortable header: a link to the next step of its cycle (a button once the page's script runs), back on page 1. */
function SortHeader({ state, column }: { state: DashboardState; column: SortColumn }) {
  const next = dashboardHref({ ...state, sort: toggleSort(state.sort, column), page: 1, message: undefined });
  const { mark, spoken } = sortMark(state.sort, column);
  return (
    <th scope="col" class={column === "credits" ? "num" : undefined} aria-sort={ariaSort(state.sort, column)}>
      <a class="sort-link" href={next} data-focus-key={`sort-${column}`}>
        {COLUMN_NAMES[column]}
        <span class="sort-mark" aria-hidden="true">
          {mark}
        </span>
        <span class="visually-hidden">{spoken}</span>
      </a>
    </th>
  );
}

function Totals({ view }: { view: UsageView }) {
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading">Totals</h2>
      <dl class="figures">
        <div class="figure">
          <dt>Credits used</dt>
          <dd data-figure="credits">{formatAmount(view.totals.credits)}</dd>
        </div>
        <div class="figure">
          <dt>Messages</dt>
          <dd data-figure="messages">{formatCount(view.messageCount)}</dd>
        </div>
        {view.totals.byReport.map((group) => (
          <div class="figure">
            <dt>{group.reportName ?? "Priced from text"}</dt>
            <dd>
              {formatAmount(group.credits)}
              <span class="figure-sub">{formatCount(group.messages)} messages</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function DailyChart({ view }: { view: UsageView }) {
  const bars: Bar[] = view.days.map((day) => ({
    key: day.date,
    label: day.date.slice(5),
    value: day.credits,
    text: `${formatCredits(day.credits)} credits, ${formatCount(day.messages)} messages`,
  }));
  const first = view.days[0]?.date;
  const last = view.days.at(-1)?.date;
  return (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">Credits per day</h2>
      <p class="meta">
        One bar per UTC day from the first to the last day with messages ({first} to {last}); days without messages show as a flat grey mark
        (0).
      </p>
      <div class="panel">
        <section class="chart-scroll" aria-label="Credits per day chart (scrolls sideways on narrow screens)" tabindex={0}>
          <BarChart
            bars={bars}
            description={`Bar chart of credits used per day, ${first} to ${last}; the same figures are in the table below it.`}
            xLabel="Date (UTC)"
            yLabel="Credits"
            tick={(value) => formatAmount(value).replace(/\.00$/, "")}
          />
        </section>
        <details class="figures-text">
          <summary>Credits per day as a table</summary>
          <FiguresTable
            caption="Credits used per UTC day"
            columns={[{ label: "Date" }, { label: "Messages", numeric: true }, { label: "Credits", numeric: true }]}
            rows={view.days.map((day) => [day.date, formatCount(day.messages), formatCredits(day.credits)])}
          />
        </details>
      </div>
    </section>
  );
}

function Breakdown({ detail, id }: { detail: MessageDetail | undefined; id: number }) {
  if (!detail) {
    return (
      <div class="notice notice-error" role="alert">
        <p>No message with id {id}.</p>
      </div>
    );
  }
  const quote = detail.quote;
  return (
    <div>
      <h3>
        Message {detail.id}: {formatCredits(detail.credits_used)} credits
      </h3>
      <p class="meta">
        {formatDayMonthYearTime(detail.timestamp)} UTC ·{" "}
        {quote.priced_by === "report" && quote.report
          ? `report “${quote.report.name}”, a fixed cost of ${formatCredits(quote.report.credit_cost)} credits`
          : "priced from its text, rule by rule"}
      </p>
      <blockquote>{detail.text}</blockquote>
      {quote.rules.length > 0 && (
        <FiguresTable
          caption={`Why this message cost ${formatCredits(detail.credits_used)} credits`}
          columns={[{ label: "Rule" }, { label: "Credits", numeric: true }]}
          rows={quote.rules.map((rule) => [rule.description, formatCredits(rule.credits)])}
        />
      )}
    </div>
  );
}

/** One page of the messages table, in the URL's sort. */
export interface TablePage {
  rows: UsageRow[];
  slice: PageSlice;
}

function RowsPerPageForm({ state }: { state: DashboardState }) {
  return (
    <form class="inline rows-per-page" method="get" action={DASHBOARD_PATH} aria-label="Rows per page">
      {state.from && <input type="hidden" name="from" value={state.from} />}
      {state.to && <input type="hidden" name="to" value={state.to} />}
      {state.sort.length > 0 && <input type="hidden" name="sort" value={formatSort(state.sort)} />}
      <label>
        Rows per page
        <select name="per_page" data-focus-key="per-page">
          {ROWS_PER_PAGE.map((rows) => (
            <option value={String(rows)} selected={rows === state.perPage}>
              {rows}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="button-quiet">
        Show
      </button>
    </form>
  );
}

function UsageTable({ view, state, table, selected }: { view: UsageView; state: DashboardState; table: TablePage; selected?: number }) {
  const { slice } = table;
  // Past MAX_SORTED_CSV_ROWS a CSV cannot be sorted in the isolate: the link offers the time order, and says so.
  const csvInOrder = state.sort.length === 0 || view.messageCount <= MAX_SORTED_CSV_ROWS;
  const csvState = { ...state, sort: csvInOrder ? state.sort : [], page: 1, message: undefined };
  return (
    <section id="messages" aria-labelledby="messages-heading" data-region>
      <h2 id="messages-heading" tabindex={-1} data-focus-fallback>
        Messages
      </h2>
      <p class="meta" id="sort-help">
        Click Report Name or Credits Used to sort: ascending, descending, then back to time order. Both can sort at once; the column clicked
        first sorts first. Select a message id to see why it cost what it did.
      </p>
      {view.rows.length < view.messageCount && (
        <div class="notice" role="status">
          <p>
            The table holds the first {formatCount(view.rows.length)} of {formatCount(view.messageCount)} messages in time order, and sorts
            those; narrow the window to see the rest here.{" "}
            {csvInOrder ? "The CSV holds all of them in this order." : "The CSV holds all of them in time order."}
          </p>
        </div>
      )}
      <div class="table-tools">
        <a class="button button-quiet" href={dashboardHref(csvState, { format: "csv" })} download="credit-usage.csv">
          Download CSV (all {formatCount(view.messageCount)} messages, {csvInOrder ? "this order" : "time order"})
        </a>
        <RowsPerPageForm state={state} />
      </div>
      <div class="table-wrap">
        <table id="usage-table" aria-describedby="sort-help" data-messages={String(view.messageCount)}>
          <caption data-announcement>
            {formatCount(view.messageCount)} messages, sorted {describeSort(state.sort)}; page {formatCount(slice.page)} of{" "}
            {formatCount(slice.pageCount)}. Timestamps in UTC.
          </caption>
          <thead>
            <tr>
              <th scope="col">Message ID</th>
              <th scope="col">Timestamp</th>
              <SortHeader state={state} column="report" />
              <SortHeader state={state} column="credits" />
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr aria-selected={selected === row.id ? "true" : undefined}>
                <td>
                  <a href={`${dashboardHref({ ...state, message: row.id }).slice(DASHBOARD_PATH.length)}#breakdown`}>{row.id}</a>
                </td>
                <td>{formatDayMonthYearTime(row.timestamp)}</td>
                <td>{row.reportName ?? ""}</td>
                <td class="num">{formatCredits(row.credits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager label="Pages of the messages table" slice={slice} href={(page) => dashboardHref({ ...state, page, message: undefined })} />
    </section>
  );
}

function WindowForm({ view, state }: { view: UsageView; state: DashboardState }) {
  return (
    <form id="window-form" class="inline panel" method="get" action={DASHBOARD_PATH} aria-label="Window" data-region>
      <label>
        From (UTC, inclusive)
        <input name="from" type="text" placeholder="2024-06-01" value={state.from ?? dayOrInstant(view.window.from)} />
      </label>
      <label>
        To (UTC, exclusive)
        <input name="to" type="text" placeholder="2024-07-01" value={state.to ?? dayOrInstant(view.window.to)} />
      </label>
      {state.sort.length > 0 && <input type="hidden" name="sort" value={formatSort(state.sort)} />}
      {state.perPage !== DEFAULT_ROWS_PER_PAGE && <input type="hidden" name="per_page" value={String(state.perPage)} />}
      <button type="submit">Show</button>
      {view.window.kind === "window" && (
        <a href={dashboardHref({ sort: state.sort, page: 1, perPage: state.perPage })}>Current billing period</a>
      )}
    </form>
  );
}

/** A window bound as a person types it: the day alone when it is a UTC midnight. */
function dayOrInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith("T00:00:00.000Z") ? text.slice(0, 10) : text;
}

export interface DashboardPageProps {
  view: UsageView;
  state: DashboardState;
  table: TablePage;
  selected?: { id: number; detail: MessageDetail | undefined };
  readAt: number;
  /** The credits data version the page was read at. */
  version: number;
}

/** The Credit Usage dashboard: the origin's table and chart, plus totals, any window, the why of a message, and CSV. */
export function CreditsDashboardPage({ view, state, table, selected, readAt, version }: DashboardPageProps) {
  const what = view.window.kind === "period" ? "the current billing period" : "the window";
  return (
    <Layout title="Credit usage" current={DASHBOARD_PATH} scripts={["credits-dashboard.client.ts"]}>
      <h1>Credit usage</h1>
      <p class="visually-hidden" role="status" data-announcer />
      {/* Everything here depends on the window and the data version; a view of other data replaces all of it. */}
      <div id="usage-view" data-content-key={`${version}|${view.window.from}|${view.window.to}`}>
        <p class="lede">
          Credits consumed per message in {what}, {formatUtcMinute(view.window.from)} to {formatUtcMinute(view.window.to)} (end exclusive).
          All times are UTC.
        </p>
        <p class="meta">Read at {formatUtcMinute(readAt)}; the page shows the data as stored then.</p>
        <WindowForm view={view} state={state} />
        {view.messageCount === 0 ? (
          <EmptyState title="No messages in this window.">
            <p>
              Messages arrive through <code>POST /v1/messages</code>; pick another window above, or see the{" "}
              <a href="/docs#/credits">credits API</a>.
            </p>
          </EmptyState>
        ) : (
          <>
            <Totals view={view} />
            <DailyChart view={view} />
            <section id="breakdown" class="breakdown panel" aria-live="polite" aria-labelledby="breakdown-heading" data-region>
              <h2 id="breakdown-heading">Why a message cost what it did</h2>
              <div data-breakdown>
                {selected ? (
                  <Breakdown detail={selected.detail} id={selected.id} />
                ) : (
                  <p class="meta">Select a message id in the table below.</p>
                )}
              </div>
            </section>
            <UsageTable view={view} state={state} table={table} selected={selected?.detail?.id} />
          </>
        )}
      </div>
    </Layout>
  );
}
