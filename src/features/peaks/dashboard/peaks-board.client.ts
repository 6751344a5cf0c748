// Keeps the Peak Usage board current: every 5 s the page asks for itself with If-None-Match (an unchanged board costs
// a 304 and no body) and swaps in the markets when they changed, marking and announcing the markets whose figures
// moved. Without this module the page is the board as of its load, and says to reload it.
import { pageEtagOf, poller, rereadPage, swapRegion } from "../../../web/conditional-reread.browser";
import { formatUtcClock } from "../../../web/format";

const POLL_MS = 5_000;
const REGION = "peaks-board";

/** Each market's card as read, by market name, to tell which ones an update changed. */
function marketTexts(): Map<string, string> {
  const cards = document.getElementById(REGION)?.querySelectorAll<HTMLElement>("[data-market]") ?? [];
  return new Map([...cards].map((card) => [card.dataset.market ?? "", (card.textContent ?? "").replace(/\s+/g, " ")]));
}

/** A mark in words, not colour alone, on a market the last update changed; the next update takes it away. */
function markUpdated(name: string, at: string): void {
  const card = document.querySelector<HTMLElement>(`#${REGION} [data-market="${CSS.escape(name)}"]`);
  if (!card) return;
  card.dataset.updated = "true";
  const mark = document.createElement("span");
  mark.className = "updated-mark";
  mark.textContent = `Updated ${at}`;
  card.querySelector(".market-meta")?.append(" ", mark);
}

function start(): void {
  const checked = document.querySelector<HTMLElement>("[data-poll-checked]");
  const status = document.querySelector<HTMLElement>("[data-poll-status]");
  const note = document.querySelector<HTMLElement>("[data-poll-note]");
  const pageUrl = `${location.pathname}${location.search}`;
  let etag = pageEtagOf(document);
  // Read before any "Updated" mark is added, so a mark is never taken for a change.
  let shown = marketTexts();
  let failing = false;

  if (note) note.textContent = `Updates every ${POLL_MS / 1000} s while this page is open.`;

  const board = poller(POLL_MS, async () => {
    const result = await rereadPage(pageUrl, etag);
    const at = formatUtcClock(Date.now());
    if (result.kind === "failed") {
      // Said once, in the status region, not at every failed try.
      if (!failing && status) status.textContent = `Could not update the peaks at ${at}; trying again every ${POLL_MS / 1000} s.`;
      if (checked) checked.textContent = `Last update failed at ${at} (${result.reason}); the peaks below may be out of date.`;
      failing = true;
      return;
    }
    if (failing && status) status.textContent = `The peaks are updating again (${at}).`;
    failing = false;
    if (result.kind === "changed" && swapRegion(REGION, result.document)) {
      etag = result.etag;
      const before = shown;
      shown = marketTexts();
      const changed = [...shown].filter(([name, text]) => before.get(name) !== text).map(([name]) => name);
      for (const name of changed) markUpdated(name, at);
      if (status) status.textContent = changed.length > 0 ? `Peaks updated at ${at}: ${changed.join(", ")}.` : `Peaks updated at ${at}.`;
    }
    if (checked) checked.textContent = `Last checked at ${at}.`;
  });
  board.start();
}

if (document.getElementById(REGION)) start();
