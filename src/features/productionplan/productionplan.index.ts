import { createRouter } from "../../lib/router";
import { workbenchDashboardRouter } from "./dashboard/workbench-dashboard.index";
import * as handlers from "./productionplan.handlers";
import * as routes from "./productionplan.routes";

export const productionplanRouter = createRouter();

productionplanRouter
  .openapi(routes.computeCompatPlan, handlers.computeCompatPlan)
  .openapi(routes.computePlan, handlers.computePlan)
  .openapi(routes.computeCostCurve, handlers.computeCostCurve)
  .openapi(routes.getPlanFeed, handlers.getPlanFeed);

// The workbench: a page, so not in /openapi.json.
productionplanRouter.route("/", workbenchDashboardRouter);
