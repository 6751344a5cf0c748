import { createRouter } from "../lib/router";
import { IMMUTABLE_CACHE } from "./assets";

/**
 * The scripts and styles built from src/ (scripts/build-web-assets.mjs), served through the Worker so they carry
 * X-Request-Id and an unknown name is the usual 404 problem. Every file there has its content hash in its name.
 */
export const assetsRouter = createRouter();

assetsRouter.get("/assets/*", async (c) => {
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  if (asset.status === 404) return c.notFound();
  const response = new Response(asset.body, asset);
  response.headers.set("Cache-Control", IMMUTABLE_CACHE);
  return response;
});
