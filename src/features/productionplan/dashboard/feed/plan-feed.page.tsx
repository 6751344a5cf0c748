import { Layout } from "../../../../web/layout";
import { EmptyState } from "../../../../web/states";
import { PAYLOAD_EXAMPLE } from "../../productionplan.schemas";
import { WORKBENCH_PATH } from "../workbench-fields";
import { MAX_FEED_ENTRIES } from "./plan-feed-entry";
import { FEED_SOCKET_PATH } from "./plan-feed-messages";

export const PLAN_FEED_PATH = "/dashboards/productionplan/feed";

export interface PlanFeedPageProps {
  /** This server's origin, so the curl example can be pasted as it is. */
  origin: string;
  /** The server wants a read token (READ_TOKEN is set): the example says where it goes. */
  needsToken: boolean;
}

/** JSON with a space after each comma and colon and a line per plant, so a narrow screen wraps it between values. */
function spacedJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('":', '": ')
    .replace(/,(?=["{])/g, ", ");
}

function CurlExample({ origin, needsToken }: PlanFeedPageProps) {
  const { powerplants, ...rest } = PAYLOAD_EXAMPLE;
  const plants = powerplants.map((plant) => `      ${spacedJson(plant)}`).join(",\n");
  const lines = [
    "curl -X POST \\",
    `  '${origin}/v1/productionplan' \\`,
    "  -H 'Content-Type: application/json' \\",
    ...(needsToken ? ["  -H 'Authorization: Bearer <read token>' \\"] : []),
    `  --data '${spacedJson(rest).slice(0, -1)},`,
    `    "powerplants": [\n${plants}]}'`,
  ];
  return (
    <pre class="plan-feed-curl">
      <code data-curl-example>{lines.join("\n")}</code>
    </pre>
  );
}

/**
 * The shell of the live list of computed plans: what it shows, the connection state and an empty list, which the
 * page's script fills from the feed's WebSocket. Nothing in it depends on data, so it is the same for every visit.
 */
export function PlanFeedPage(props: PlanFeedPageProps) {
  return (
    <Layout title="Production plans, live" current={WORKBENCH_PATH} scripts={["plan-feed.client.ts"]}>
      <h1>
        Production plans, live <span class="h1-sub">as the service computes them</span>
      </h1>
      <p class="lede">
        Plans computed by any client while this page is open, newest first; times in UTC. Open any of them in the{" "}
        <a href={WORKBENCH_PATH}>workbench</a> to change it and compute again. The page keeps the newest {MAX_FEED_ENTRIES}; plans computed
        before it opened or while it is not connected, and loads without a feasible plan, are not listed.
      </p>
      <div class="live-bar" data-plan-feed data-socket-path={FEED_SOCKET_PATH}>
        <p id="live-status" class="live-status" role="status" data-live-status data-state="static">
          <span class="live-dot" aria-hidden="true" />
          <span data-live-text>Not connected: this list needs JavaScript.</span>
        </p>
        <p class="meta" data-feed-count>
          No plan listed yet (at most {MAX_FEED_ENTRIES}, newest first).
        </p>
      </div>
      <noscript>
        <div class="notice notice-error plan-feed-noscript">
          <p>
            <strong>This list needs JavaScript</strong>, which is off in this browser: plans arrive over a live connection that only the
            page's script opens.
          </p>
          <p>
            The <a href={WORKBENCH_PATH}>production plan workbench</a> works without it: compute a plan there.
          </p>
        </div>
      </noscript>
      <section class="plan-feed" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans, newest first</h2>
        <div data-feed-empty>
          <EmptyState title="No plan computed since this page opened">
            <p>
              Plans appear here as any client computes them. Compute one in the <a href={WORKBENCH_PATH}>workbench</a>, or from a terminal:
            </p>
            <CurlExample {...props} />
            <p class="meta">
              <code>POST /productionplan</code> (the origin's route, same payload) is listed too. A plan computed in the first second after
              the page connects may be missed.
            </p>
          </EmptyState>
        </div>
        <ol id="plan-list" class="plan-list" aria-labelledby="plans-heading" data-plan-list hidden />
        <p class="visually-hidden" role="status" data-feed-announce />
      </section>
    </Layout>
  );
}
