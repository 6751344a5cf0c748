import { createRouter } from "../../lib/router";
import { peaksDashboardRouter } from "./dashboard/peaks-dashboard.index";
import * as handlers from "./peaks.handlers";
import * as routes from "./peaks.routes";

export const peaksRouter = createRouter();

peaksRouter
  .openapi(routes.getCompatPeaks, handlers.getCompatPeaks)
  .openapi(routes.listMarkets, handlers.listMarkets)
  .openapi(routes.createMarket, handlers.createMarket)
  .openapi(routes.getAllPeaks, handlers.getAllPeaks)
  .openapi(routes.getMarket, handlers.getMarket)
  .openapi(routes.getMarketPeaks, handlers.getMarketPeaks)
  .openapi(routes.listMarketReadings, handlers.listMarketReadings)
  .openapi(routes.ingestReadings, handlers.ingestReadings);

// The Peak Usage dashboard: pages, so not in /openapi.json.
peaksRouter.route("/", peaksDashboardRouter);
