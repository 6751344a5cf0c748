import type { Bindings } from "../../../lib/env";
import { perBinding, SnapshotCache } from "../../../lib/snapshot-cache";
import type { ProductionPlanFeed } from "./plan-feed";

/** How long an isolate trusts its count of feed subscribers. */
const SUBSCRIBERS_TTL_MS = 1000;

interface SubscriberSnapshot {
  generation: number;
}

/** One feed for the whole deployment: every plan goes to every listener. */
function feedOf(env: Bindings): DurableObjectStub<ProductionPlanFeed> {
  return env.PLAN_FEED.get(env.PLAN_FEED.idFromName("plans"));
}

/**
 * The subscriber count, read from the feed at most once a second per isolate
 * (generation = count); keyed by the D1 binding, the one object that
 * identifies an environment.
 */
const subscribersFor = perBinding(
  () =>
    new SnapshotCache<Bindings, SubscriberSnapshot, never>(
      async (env) => ({ generation: await feedOf(env).subscriberCount() }),
      SUBSCRIBERS_TTL_MS,
    ),
);

/**
 * Sends a computed plan to the feed's clients, after the response. A plan
 * costs no call to the feed while nobody listens: a client that has just
 * connected starts receiving plans within a second.
 */
export async function broadcastPlan(env: Bindings, message: () => string): Promise<void> {
  const subscribers = await subscribersFor(env.DB).get(env);
  if (subscribers.generation === 0) return;
  await feedOf(env).broadcast(message());
}

export function openFeed(env: Bindings, request: Request): Promise<Response> {
  return feedOf(env).fetch(request);
}

export function refreshSubscribers(env: Bindings): void {
  subscribersFor(env.DB).invalidate();
}
