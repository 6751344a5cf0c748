import { createRouter } from "../../lib/router";
import * as handlers from "./productionplan.handlers";
import * as routes from "./productionplan.routes";

export const productionplanRouter = createRouter();

productionplanRouter
  .openapi(routes.compatPlan, handlers.postCompatPlan)
  .openapi(routes.v1Plan, handlers.postV1Plan)
  .openapi(routes.planFeed, handlers.getPlanFeed);
