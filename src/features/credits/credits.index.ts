import { createRouter } from "../../lib/router";
import * as handlers from "./credits.handlers";
import * as routes from "./credits.routes";

export const creditsRouter = createRouter();

creditsRouter
  .openapi(routes.compatUsage, handlers.getCompatUsage)
  .openapi(routes.windowUsage, handlers.getWindowUsage)
  .openapi(routes.dailyUsage, handlers.getDailyUsage)
  .openapi(routes.quote, handlers.postQuote)
  .openapi(routes.getMessage, handlers.getOneMessage)
  .openapi(routes.postMessages, handlers.postMessageBatch)
  .openapi(routes.listReportsRoute, handlers.getReports)
  .openapi(routes.postReports, handlers.postReportBatch)
  .openapi(routes.putReport, handlers.putOneReport)
  .openapi(routes.getPeriod, handlers.getCurrentPeriod)
  .openapi(routes.putPeriod, handlers.putCurrentPeriod);
