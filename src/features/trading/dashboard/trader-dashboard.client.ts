// Keeps a trader's report current without a reload; the server-rendered page is already a correct report without it.
//
// Pushes: a WebSocket to /v1/trading/live sends the rows of the day that changed (and the day's totals), each already
// rendered as the page renders it. Re-reads: after every open of that socket (the first too) the page asks for itself
// again with If-None-Match (a 304 when nothing changed), so nothing that happened while not connected is missed; while
// the socket is not live it asks every 5 s. Pushes and re-reads can cross, so a row only ever replaces the shown one
// when it is not older: more trades, or as many and a reference price updated no earlier.

import { pageEtagOf, poller, rereadPage } from "../../../web/conditional-reread.browser";
import { formatUtcClock, formatUtcSecond } from "../../../web/format";
import { type LiveState, openLiveSocket } from "../../../web/live-socket.browser";
import { ageText } from "./reference-age";

const POLL_MS = 5_000;
const MARK_MS = 2_000;
const AGE_REFRESH_MS = 30_000;

interface RowsMessage {
  type: "rows";
  trader_id: string;
  delivery_day: string;
  html: { rows: Record<string, string>; totals: string };
}

function isRowsMessage(message: unknown): message is RowsMessage {
  if (typeof message !== "object" || message === null || (message as { type?: unknown }).type !== "rows") return false;
  const html = (message as { html?: unknown }).html as RowsMessage["html"] | undefined;
  return typeof html === "object" && html !== null && typeof html.rows === "object" && typeof html.totals === "string";
}

/** When a row's reference price was last updated, in ms; a row without one is older than any with one. */
function referenceUpdated(row: HTMLElement): number {
  const ms = Date.parse(row.dataset.referenceUpdated ?? "");
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** The ordering rule: a candidate replaces the shown row unless it is older (fewer trades, or an earlier price). */
function isNotOlder(candidate: HTMLElement, shown: HTMLElement): boolean {
  const trades = Number(candidate.dataset.trades);
  const shownTrades = Number(shown.dataset.trades);
  if (trades !== shownTrades) return trades > shownTrades;
  return referenceUpdated(candidate) >= referenceUpdated(shown);
}

/** What a row shows, without what this script adds (the "updated" mark, the ages): equal text, nothing to mark. */
function shownText(row: Element): string {
  const copy = row.cloneNode(true) as Element;
  for (const added of copy.querySelectorAll(".row-mark, [data-age]")) added.remove();
  return `${(row as HTMLElement).dataset.referenceUpdated ?? ""}|${copy.textContent?.replace(/\s+/g, " ").trim()}`;
}

function parseRow(html: string): HTMLTableRowElement | undefined {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const row = template.content.firstElementChild;
  return row instanceof HTMLTableRowElement ? row : undefined;
}

/** Rows to show, from a push or a re-read, and the day total that goes with them. */
interface Candidate {
  rows: HTMLTableRowElement[];
  totals: HTMLTableRowElement | undefined;
}

interface Applied {
  /** Rows (or the total) whose shown figures changed. */
  changed: number;
  /** Rows kept because the shown one is newer: the candidate's total is then not shown either. */
  heldBack: number;
}

class ReportTable {
  constructor(private readonly table: HTMLTableElement) {}

  private get body(): HTMLTableSectionElement {
    return this.table.tBodies[0] ?? this.table.createTBody();
  }

  private get foot(): HTMLTableSectionElement {
    return this.table.tFoot ?? this.table.createTFoot();
  }

  apply(candidate: Candidate): Applied {
    const result: Applied = { changed: 0, heldBack: 0 };
    for (const row of candidate.rows) this.applyRow(row, result);
    const totals = candidate.totals;
    const shownTotals = this.foot.querySelector<HTMLTableRowElement>("tr[data-totals]");
    // A total goes with the rows it was summed from: shown only when all of them were, and never over a larger one.
    const totalsApply =
      totals && result.heldBack === 0 && (!shownTotals || Number(totals.dataset.trades) >= Number(shownTotals.dataset.trades));
    if (totals && totalsApply && (!shownTotals || shownText(totals) !== shownText(shownTotals))) {
      if (shownTotals) shownTotals.replaceWith(totals);
      else this.foot.append(totals);
      mark(totals);
      result.changed++;
    }
    if (this.body.rows.length > 0) for (const note of document.querySelectorAll("[data-empty-note]")) note.remove();
    refreshAges(this.table);
    return result;
  }

  private applyRow(row: HTMLTableRowElement, result: Applied): void {
    const hour = row.dataset.hour;
    if (!hour) return;
    const shown = this.body.querySelector<HTMLTableRowElement>(`tr[data-hour="${CSS.escape(hour)}"]`);
    if (shown) {
      if (!isNotOlder(row, shown)) {
        result.heldBack++;
        return;
      }
      if (shownText(row) === shownText(shown)) return;
      shown.replaceWith(row);
    } else {
      // In delivery order: hours are "HH-HH", so text order is time order.
      const after = [...this.body.rows].find((other) => (other.dataset.hour ?? "") > hour);
      this.body.insertBefore(row, after ?? null);
    }
    mark(row);
    result.changed++;
  }
}

/** Marks a row that just changed for a moment: a background, and the word "updated" (never colour alone). */
function mark(row: HTMLTableRowElement): void {
  row.classList.add("row-updated");
  const marker = document.createElement("span");
  marker.className = "row-mark";
  marker.textContent = "updated";
  row.cells[0]?.append(marker);
  setTimeout(() => {
    row.classList.remove("row-updated");
    marker.remove();
  }, MARK_MS);
}

/** Each reference price's age, as of now. */
function refreshAges(root: ParentNode): void {
  const now = Date.now();
  for (const updated of root.querySelectorAll<HTMLElement>("[data-updated]")) {
    const age = updated.querySelector("[data-age]");
    if (age) age.textContent = ageText(updated.dataset.updated ?? "", now);
  }
}

const STATE_TEXT: Record<LiveState["kind"], (state: LiveState) => string> = {
  connecting: () => "Connecting…",
  live: () => "Live: rows update as deals and reference prices arrive.",
  reconnecting: () => `Reconnecting… Meanwhile the table is re-read every ${POLL_MS / 1000} s.`,
  offline: (state) =>
    `Offline since ${formatUtcClock(state.kind === "offline" ? state.since : Date.now())}. The table catches up when the network is back.`,
};

function start(view: HTMLElement, table: HTMLTableElement): void {
  const traderId = view.dataset.traderId ?? "";
  const deliveryDay = view.dataset.deliveryDay ?? "";
  const status = view.querySelector<HTMLElement>("[data-live-status]");
  const statusText = view.querySelector<HTMLElement>("[data-live-text]");
  const report = new ReportTable(table);
  // The day explicitly: a page opened for "today" keeps showing that day after midnight UTC.
  const pageUrl = `${location.pathname}?${new URLSearchParams({ delivery_day: deliveryDay })}`;
  let etag = pageEtagOf(document);
  let live = false;

  function setLastChange(at: number): void {
    const line = view.querySelector<HTMLElement>("[data-last-change]");
    if (!line) return;
    const time = document.createElement("time");
    time.dateTime = new Date(at).toISOString();
    time.title = formatUtcSecond(at);
    time.textContent = formatUtcClock(at);
    line.replaceChildren("Last change at ", time, ` on ${time.dateTime.slice(0, 10)} (seen by this page).`);
  }

  /** A re-read: the page as the server has it now, merged row by row under the ordering rule. */
  async function reread(): Promise<void> {
    const result = await rereadPage(pageUrl, etag);
    // Unchanged since the last version shown whole: the table is at least that new, so live pushes suffice again.
    if (result.kind === "unchanged" && live) catchUp.stop();
    if (result.kind !== "changed") return;
    const fresh = result.document.getElementById("report-table");
    const freshView = result.document.querySelector<HTMLElement>("[data-trader-view]");
    const same = freshView?.dataset.traderId === traderId && freshView.dataset.deliveryDay === deliveryDay;
    if (!(fresh instanceof HTMLTableElement) || !same) return;
    const rows = [...fresh.querySelectorAll<HTMLTableRowElement>("tbody tr[data-hour]")].map((row) => document.importNode(row, true));
    const totals = fresh.querySelector<HTMLTableRowElement>("tr[data-totals]");
    const applied = report.apply({ rows, totals: totals ? document.importNode(totals, true) : undefined });
    if (applied.heldBack > 0) {
      // Part of this version is older than what a push already showed: ask again soon, for the whole of it.
      catchUp.start();
      return;
    }
    etag = result.etag;
    if (applied.changed > 0) {
      const freshLine = freshView.querySelector("[data-last-change]");
      const line = view.querySelector("[data-last-change]");
      if (freshLine && line) line.replaceWith(document.importNode(freshLine, true));
    }
    if (live) catchUp.stop();
  }

  // Polls while the socket is not live, and after a re-read that was partly older than the shown rows.
  const catchUp = poller(POLL_MS, reread);

  function onMessage(message: unknown): void {
    if (!isRowsMessage(message) || message.trader_id !== traderId || message.delivery_day !== deliveryDay) return;
    const rows = Object.values(message.html.rows).flatMap((html) => parseRow(html) ?? []);
    const applied = report.apply({ rows, totals: parseRow(message.html.totals) });
    if (applied.changed > 0) setLastChange(Date.now());
    if (applied.heldBack > 0) catchUp.start();
  }

  function onState(state: LiveState): void {
    live = state.kind === "live";
    if (status) status.dataset.state = state.kind;
    if (statusText) statusText.textContent = STATE_TEXT[state.kind](state);
    if (live) catchUp.stop();
    else if (state.kind === "offline") catchUp.stop();
    else catchUp.start();
  }

  const query = new URLSearchParams({ trader_id: traderId, delivery_day: deliveryDay });
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  openLiveSocket({ url: `${scheme}//${location.host}/v1/trading/live?${query}`, onOpen: () => catchUp.now(), onMessage, onState });
  setInterval(() => refreshAges(table), AGE_REFRESH_MS);
}

const view = document.querySelector<HTMLElement>("[data-trader-view]");
const table = document.getElementById("report-table");
if (view && table instanceof HTMLTableElement) start(view, table);
