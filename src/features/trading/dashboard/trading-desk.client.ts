// Keeps the trading desk current: every 5 s the page asks for itself with If-None-Match (an unchanged desk costs a
// 304 and no body) and swaps in the traders table and the feed's health when they changed. Without this module the
// page is the same desk as of its load, and says to reload it.
import { pageEtagOf, poller, rereadPage, swapRegion } from "../../../web/conditional-reread.browser";
import { formatUtcClock } from "../../../web/format";

const POLL_MS = 5_000;
const REGION = "desk-view";

function start(): void {
  const checked = document.querySelector<HTMLElement>("[data-poll-checked]");
  const status = document.querySelector<HTMLElement>("[data-poll-status]");
  const note = document.querySelector<HTMLElement>("[data-poll-note]");
  const pageUrl = `${location.pathname}${location.search}`;
  let etag = pageEtagOf(document);
  let failing = false;

  if (note) note.textContent = `Updates every ${POLL_MS / 1000} s while this page is open.`;

  const desk = poller(POLL_MS, async () => {
    const result = await rereadPage(pageUrl, etag);
    const at = formatUtcClock(Date.now());
    if (result.kind === "failed") {
      // Said once, in the status region, not at every failed try.
      if (!failing && status) status.textContent = `Could not update the desk at ${at}; trying again every ${POLL_MS / 1000} s.`;
      if (checked) checked.textContent = `Last update failed at ${at} (${result.reason}); the figures below may be out of date.`;
      failing = true;
      return;
    }
    if (failing && status) status.textContent = `The desk is updating again (${at}).`;
    failing = false;
    if (result.kind === "changed" && swapRegion(REGION, result.document)) etag = result.etag;
    if (checked) checked.textContent = `Last checked at ${at}.`;
  });
  desk.start();
}

if (document.getElementById(REGION)) start();
