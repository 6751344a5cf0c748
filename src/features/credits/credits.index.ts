import { createRouter } from "../../lib/router";
import * as handlers from "./credits.handlers";
import * as routes from "./credits.routes";
import { creditsDashboardRouter } from "./dashboard/credits-dashboard.index";

export const creditsRouter = createRouter();

creditsRouter
  .openapi(routes.getCompatUsage, handlers.getCompatUsage)
  .openapi(routes.getUsage, handlers.getUsage)
  .openapi(routes.getDailyUsage, handlers.getDailyUsage)
  .openapi(routes.computeQuote, handlers.computeQuote)
  .openapi(routes.getMessage, handlers.getMessage)
  .openapi(routes.ingestMessages, handlers.ingestMessages)
  .openapi(routes.listReports, handlers.listReports)
  .openapi(routes.ingestReports, handlers.ingestReports)
  .openapi(routes.putReport, handlers.putReport)
  .openapi(routes.getBillingPeriod, handlers.getBillingPeriod)
  .openapi(routes.putBillingPeriod, handlers.putBillingPeriod);

// The Credit Usage dashboard: a page, so not in /openapi.json.
creditsRouter.route("/", creditsDashboardRouter);
