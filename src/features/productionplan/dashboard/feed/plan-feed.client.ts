// Fills the feed page from GET /v1/productionplan/feed: each plan the service computes while the page is open goes on
// top of the list. The feed sends no history, so nothing is caught up after a reconnect: the status says so.

import { formatUtcClock } from "../../../../web/format";
import { type LiveState, openLiveSocket } from "../../../../web/live-socket.browser";
import { MAX_FEED_ENTRIES, PlanFeedEntry, planAnnouncement } from "./plan-feed-entry";
import { PlanFeedList } from "./plan-feed-list.browser";
import { FEED_SOCKET_PATH, feedPlanOf } from "./plan-feed-messages";
import { politeAnnouncer } from "./polite-announcer.browser";

const STATE_TEXT: Record<LiveState["kind"], (state: LiveState) => string> = {
  connecting: () => "Connecting…",
  live: () => "Live: new plans appear at the top as they are computed.",
  reconnecting: () => "Reconnecting… Plans computed until the connection is back are not listed.",
  offline: (state) =>
    `Offline since ${formatUtcClock(state.kind === "offline" ? state.since : Date.now())}. ` +
    "Reconnects when the network is back; plans computed meanwhile are not listed.",
};

function start(bar: HTMLElement, list: HTMLOListElement): void {
  const status = bar.querySelector<HTMLElement>("[data-live-status]");
  const statusText = bar.querySelector<HTMLElement>("[data-live-text]");
  const feed = new PlanFeedList(
    { list, count: bar.querySelector("[data-feed-count]"), empty: document.querySelector("[data-feed-empty]") },
    MAX_FEED_ENTRIES,
  );
  const region = document.querySelector<HTMLElement>("[data-feed-announce]");
  const announce = region ? politeAnnouncer(region) : () => {};

  function onMessage(message: unknown): void {
    const plan = feedPlanOf(message);
    if (!plan) return;
    const receivedAt = Date.now();
    feed.prepend(String(PlanFeedEntry({ plan, receivedAt })));
    announce(planAnnouncement(plan, receivedAt));
  }

  function onState(state: LiveState): void {
    if (status) status.dataset.state = state.kind;
    if (statusText) statusText.textContent = STATE_TEXT[state.kind](state);
  }

  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const path = bar.dataset.socketPath ?? FEED_SOCKET_PATH;
  openLiveSocket({ url: `${scheme}//${location.host}${path}`, onOpen: () => {}, onMessage, onState });
}

const bar = document.querySelector<HTMLElement>("[data-plan-feed]");
const list = document.querySelector("[data-plan-list]");
if (bar && list instanceof HTMLOListElement) start(bar, list);
