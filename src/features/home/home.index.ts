import { createRouter } from "../../lib/router";
import { renderDocument } from "../../web/layout";
import { prefersHtml } from "../../web/negotiation";
import { HomePage } from "./home.page";
import { readHomeStatus } from "./home-status";
import { homeIndex } from "./service-catalogue";

/** The same URL answers both, so caches must keep the two apart. */
const HOME_HEADERS = { "Cache-Control": "private, no-cache", Vary: "Accept" };

/** `/`: the landing page for browsers, an index of links for API clients (JSON unless HTML is preferred). */
export const homeRouter = createRouter();

homeRouter.get("/", async (c) => {
  if (!prefersHtml(c)) return c.json(homeIndex(), 200, HOME_HEADERS);
  const requestId = c.get("requestId");
  const status = await readHomeStatus(c.env, requestId);
  const page = HomePage({ status, requestId, signInRequired: Boolean(c.env.READ_TOKEN) });
  return c.html(await renderDocument(page), 200, HOME_HEADERS);
});
