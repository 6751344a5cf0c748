import { createRouter } from "../../lib/router";
import * as handlers from "./insights.handlers";
import * as routes from "./insights.routes";

export const insightsRouter = createRouter();

insightsRouter
  .openapi(routes.circuitUsage, handlers.getCircuitUsage)
  .openapi(routes.organizationUsage, handlers.getOrganizationUsage)
  .openapi(routes.brandMetadata, handlers.getBrandMetadata)
  .openapi(routes.sensorDetail, handlers.getSensor)
  .openapi(routes.locationCircuitSummary, handlers.getLocationSummary)
  .openapi(routes.upsertMetadataRoute, handlers.postMetadata)
  .openapi(routes.ingestTimeseriesRoute, handlers.postTimeseries);
