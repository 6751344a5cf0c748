import { createRouter } from "../../lib/router";
import * as handlers from "./peaks.handlers";
import * as routes from "./peaks.routes";

export const peaksRouter = createRouter();

peaksRouter
  .openapi(routes.compatPeaks, handlers.getCompatPeaks)
  .openapi(routes.listMarketsRoute, handlers.getMarkets)
  .openapi(routes.createMarketRoute, handlers.postMarket)
  .openapi(routes.allPeaks, handlers.getAllPeaks)
  .openapi(routes.getMarket, handlers.getOneMarket)
  .openapi(routes.marketPeaks, handlers.getMarketPeaks)
  .openapi(routes.ingestReadingsRoute, handlers.postReadings);
