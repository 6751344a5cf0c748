import { createRouter } from "../../lib/router";
import { DOCS_PAGE } from "./docs-page";

const STATIC_CACHE = "public, max-age=3600";

/** /docs and the static files it loads; the OpenAPI document itself is registered in app.ts. */
export const docsRouter = createRouter();

docsRouter
  .get("/docs", (c) => c.html(DOCS_PAGE, 200, { "Cache-Control": STATIC_CACHE }))
  .get("/docs-init.js", (c) => c.env.ASSETS.fetch(c.req.raw))
  .get("/docs-ui/*", async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    if (asset.status === 404) return c.notFound();
    const response = new Response(asset.body, asset);
    response.headers.set("Cache-Control", STATIC_CACHE);
    return response;
  });
