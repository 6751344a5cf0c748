import { createRouter } from "../../lib/router";
import { insightsDashboardRouter } from "./dashboard/insights-dashboard.index";
import * as handlers from "./insights.handlers";
import * as routes from "./insights.routes";

export const insightsRouter = createRouter();

insightsRouter
  .openapi(routes.getCircuitUsage, handlers.getCircuitUsage)
  .openapi(routes.getOrganizationUsage, handlers.getOrganizationUsage)
  .openapi(routes.getBrandMetadata, handlers.getBrandMetadata)
  .openapi(routes.getSensor, handlers.getSensor)
  .openapi(routes.getLocationCircuitSummary, handlers.getLocationCircuitSummary)
  .openapi(routes.ingestMetadata, handlers.ingestMetadata)
  .openapi(routes.ingestReadings, handlers.ingestReadings);

// The Insights dashboard: pages, so not in /openapi.json.
insightsRouter.route("/", insightsDashboardRouter);
