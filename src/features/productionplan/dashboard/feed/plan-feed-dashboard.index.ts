import { Hono } from "hono";
import type { AppEnv } from "../../../../lib/env";
import { RenderCache } from "../../../../lib/render-cache";
import { type RenderedPage, renderedHtml, respond } from "../../../../web/rendered-page";
import { PLAN_FEED_PATH, PlanFeedPage } from "./plan-feed.page";

/** Per isolate: the shell depends only on the origin it is served from and whether a token is needed. */
const pages = new RenderCache<RenderedPage>(8);

export const planFeedDashboardRouter = new Hono<AppEnv>();

planFeedDashboardRouter.get(PLAN_FEED_PATH, async (c) => {
  const props = { origin: new URL(c.req.url).origin, needsToken: Boolean(c.env.READ_TOKEN) };
  const page = await pages.get(0, JSON.stringify(props), () => renderedHtml(PlanFeedPage(props)));
  return respond(c, page);
});
