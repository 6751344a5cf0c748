import type { Bindings } from "../../../lib/env";
import type { ExchangeFeed } from "./exchange-feed";

/** One feed for the desk: a single object holds the one exchange connection and is the source of truth for deals. */
export const EXCHANGE_FEED_NAME = "exchange";

export function exchangeFeed(env: Pick<Bindings, "EXCHANGE_FEED">): DurableObjectStub<ExchangeFeed> {
  return env.EXCHANGE_FEED.getByName(EXCHANGE_FEED_NAME);
}
