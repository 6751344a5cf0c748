import type { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import { creditsRouter } from "./features/credits/credits.index";
import { docsRouter } from "./features/docs/docs.index";
import { registerOpenApiDocument } from "./features/docs/openapi-document";
import { healthRouter } from "./features/health/health.index";
import { homeRouter } from "./features/home/home.index";
import { insightsRouter } from "./features/insights/insights.index";
import { loginRouter } from "./features/login/login.index";
import { requirePageLogin } from "./features/login/page-login";
import { peaksRouter } from "./features/peaks/peaks.index";
import { productionplanRouter } from "./features/productionplan/productionplan.index";
import { tradingRouter } from "./features/trading/trading.index";
import { readTokenGuard } from "./lib/auth";
import { limitBodySize } from "./lib/body-limit";
import type { AppEnv } from "./lib/env";
import { problemResponse } from "./lib/problem";
import { createRouter } from "./lib/router";
import { assetsRouter } from "./web/assets.index";
import { onPageOrApiError, onPageOrApiNotFound } from "./web/page-errors";
import { pageHeaders } from "./web/page-headers";

/** Feature routers, each mounted at the root: their routes carry full paths. */
export const FEATURES: OpenAPIHono<AppEnv>[] = [
  healthRouter,
  docsRouter,
  assetsRouter,
  homeRouter,
  loginRouter,
  peaksRouter,
  insightsRouter,
  creditsRouter,
  productionplanRouter,
  tradingRouter,
];

/** The paths of HTML pages that show data: the landing page and every dashboard. */
export const PAGE_PATHS = ["/", "/dashboards/*"];

/** Builds the app: the shared middleware stack, then the given feature routers, then the OpenAPI document. */
export function createApp(features: OpenAPIHono<AppEnv>[] = FEATURES): OpenAPIHono<AppEnv> {
  const app = createRouter();

  app.use(requestId());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(c, "method-not-allowed", {
          detail: `${c.req.method} is not allowed on ${c.req.path}; allowed: ${methods.join(", ")}`,
          headers: { Allow: methods.join(", ") },
        }),
    }),
  );
  // Dashboards on other origins read; writes stay same-origin or server-to-server.
  app.use(
    cors({
      origin: "*",
      allowMethods: ["GET", "HEAD", "OPTIONS"],
      allowHeaders: ["Authorization", "If-None-Match", "X-Request-Id"],
      exposeHeaders: ["ETag", "X-Request-Id", "Cache-Control"],
      maxAge: 86400,
    }),
  );
  // HTML pages get the page security headers; those showing data send a browser without a session to /login
  // first (before the read guard, which would answer it a JSON 401).
  app.use("/login", pageHeaders);
  for (const pages of PAGE_PATHS) app.use(pages, pageHeaders, requirePageLogin);
  app.use(readTokenGuard);
  app.use(limitBodySize);
  app.notFound(onPageOrApiNotFound);
  app.onError(onPageOrApiError);

  for (const feature of features) app.route("/", feature);
  registerOpenApiDocument(app);
  return app;
}

export const app = createApp();
