// Keeps the Peak Usage board current: every 5 s the page asks for itself with If-None-Match (an unchanged board costs
// a 304 and no body) and swaps in the markets when they changed, marking and announcing the markets whose figures
// moved. Without this module the page is the board as of its load, and says to reload it.
import { keepPageCurrent } from "../../../web/conditional-reread.browser";
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

if (document.getElementById(REGION)) {
  // Read before any "Updated" mark is added, so a mark is never taken for a change.
  let shown = marketTexts();
  keepPageCurrent(
    {
      region: REGION,
      subject: "the peaks",
      shown: "the peaks below",
      intervalMs: POLL_MS,
      onSwapped: (at) => {
        const before = shown;
        shown = marketTexts();
        const changed = [...shown].filter(([name, text]) => before.get(name) !== text).map(([name]) => name);
        for (const name of changed) markUpdated(name, at);
        return changed.length > 0 ? `Peaks updated at ${at}: ${changed.join(", ")}.` : `Peaks updated at ${at}.`;
      },
    },
    formatUtcClock,
  );
}
