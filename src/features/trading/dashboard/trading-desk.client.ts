// Keeps the trading desk current: every 5 s the page asks for itself with If-None-Match (an unchanged desk costs a
// 304 and no body) and swaps in the traders table and the feed's health when they changed. Without this module the
// page is the same desk as of its load, and says to reload it.
import { keepPageCurrent } from "../../../web/conditional-reread.browser";
import { formatUtcClock } from "../../../web/format";

const REGION = "desk-view";

if (document.getElementById(REGION)) {
  keepPageCurrent({ region: REGION, subject: "the desk", shown: "the figures below", intervalMs: 5_000 }, formatUtcClock);
}
