import type { AppRouteHandler } from "../../lib/router";
import { APP_VERSION } from "../../lib/version";
import type { health } from "./health.routes";

export const getHealth: AppRouteHandler<typeof health> = (c) => c.json({ status: "ok" as const, version: APP_VERSION }, 200);
