import { OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { validationHook } from "./validation-hook";

/** Every feature router validates through the same hook, so all 422s look alike. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook });
}

/** Typed handler for a route declared with createRoute. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
