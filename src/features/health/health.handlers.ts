import type { AppRouteHandler } from "../../lib/router";
import { APP_VERSION } from "../../lib/version";
import type { GetHealthRoute } from "./health.routes";

export const getHealth: AppRouteHandler<GetHealthRoute> = (c) => c.json({ status: "ok" as const, version: APP_VERSION }, 200);
