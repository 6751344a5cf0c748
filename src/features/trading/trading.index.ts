import { createRouter } from "../../lib/router";
import { tradingDashboardRouter } from "./dashboard/trading-dashboard.index";
import * as handlers from "./trading.handlers";
import * as routes from "./trading.routes";

export const tradingRouter = createRouter();

tradingRouter
  .openapi(routes.getTraderReport, handlers.getTraderReport)
  .openapi(routes.listTraders, handlers.listTraders)
  .openapi(routes.listDeals, handlers.listDeals)
  .openapi(routes.listReferencePrices, handlers.listReferencePrices)
  .openapi(routes.getFeedStatus, handlers.getFeedStatus)
  .openapi(routes.subscribeTraderReport, handlers.subscribeTraderReport);

// The trading desk and trader dashboards: pages, so not in /openapi.json.
tradingRouter.route("/", tradingDashboardRouter);
