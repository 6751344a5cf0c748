import { createRouter } from "../../lib/router";
import * as handlers from "./trading.handlers";
import * as routes from "./trading.routes";

export const tradingRouter = createRouter();

tradingRouter
  .openapi(routes.traderReport, handlers.getTraderReport)
  .openapi(routes.listTraders, handlers.getTraders)
  .openapi(routes.listDeals, handlers.getDeals)
  .openapi(routes.referencePrices, handlers.getReferencePrices)
  .openapi(routes.feedStatus, handlers.getFeedStatus);
