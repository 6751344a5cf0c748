import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/env";
import { APP_VERSION } from "../../lib/version";

export const SERVICE_TAGS = [
  { name: "peaks", description: "The highest usage readings of each energy market, for a Peak Usage dashboard." },
  {
    name: "insights",
    description: "Power usage of one circuit or a whole organisation over a time window; brand, sensor and location metadata.",
  },
  { name: "credits", description: "Credits consumed per message of a billing period, from report costs or text rules." },
  { name: "productionplan", description: "The cheapest dispatch of a power-plant fleet that meets a load exactly." },
  {
    name: "trading",
    description: "Live trader reports (volumes, average prices, PnL against the reference price) from the exchange feed.",
  },
  { name: "system", description: "Liveness and the API's own documentation." },
];

const DESCRIPTION = `Energy Edge serves five energy-data services from Cloudflare's edge.

Every error is an RFC 9457 \`application/problem+json\` document; validation failures (422) list each invalid
field as a JSON pointer in \`errors\`. Writes need \`Authorization: Bearer <ingest token>\`; reads are public
unless the deployment sets a read token. Every response carries an \`X-Request-Id\`.`;

/** Registers the bearer scheme and serves the OpenAPI 3.1 document at /openapi.json. */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "The ingest token for writes; the read token (when the deployment sets one) for reads.",
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: { title: "Energy Edge API", version: APP_VERSION, description: DESCRIPTION },
    servers: [{ url: new URL(c.req.url).origin, description: "This deployment" }],
    tags: SERVICE_TAGS,
  }));
}
