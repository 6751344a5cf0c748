import { createRouter } from "../../lib/router";
import { planFeedDashboardRouter } from "./dashboard/feed/plan-feed-dashboard.index";
import { workbenchDashboardRouter } from "./dashboard/workbench-dashboard.index";
import * as handlers from "./productionplan.handlers";
import * as routes from "./productionplan.routes";

export const productionplanRouter = createRouter();

productionplanRouter
  .openapi(routes.computeCompatPlan, handlers.computeCompatPlan)
  .openapi(routes.computePlan, handlers.computePlan)
  .openapi(routes.computeCostCurve, handlers.computeCostCurve)
  .openapi(routes.getPlanFeed, handlers.getPlanFeed);

// The workbench and the plan feed's page: pages, so not in /openapi.json.
productionplanRouter.route("/", workbenchDashboardRouter);
productionplanRouter.route("/", planFeedDashboardRouter);
