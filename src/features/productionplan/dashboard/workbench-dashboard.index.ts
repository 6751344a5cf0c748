import { Hono } from "hono";
import type { AppEnv } from "../../../lib/env";
import { RenderCache } from "../../../lib/render-cache";
import { renderDocument } from "../../../web/layout";
import { type RenderedPage, renderedHtml, respond, uncachedHtml } from "../../../web/rendered-page";
import { WorkbenchPage } from "./workbench.page";
import { withPlantAdded, withPlantRemoved } from "./workbench-edits";
import { fieldsOfQuery, queryOfFields, WORKBENCH_PATH } from "./workbench-fields";
import { workbenchHref, workbenchView } from "./workbench-view";

/**
 * Per isolate: the last few workbench states rendered (a plan and its curve are a pure function of the payload), so a
 * shared link opened again, or a preset, costs neither a solve nor a render.
 */
const pages = new RenderCache<RenderedPage>(16);

/**
 * The GET form's "Add a plant" and "Remove plant n" buttons, for a browser without the page's script: the same state
 * with the plant added or removed, at its own address (303, so a reload does not repeat the edit).
 */
function editedQuery(query: URLSearchParams): URLSearchParams | null {
  const remove = query.get("remove");
  if (!query.has("add") && remove === null) return null;
  const fields = fieldsOfQuery(query);
  const index = Number(remove);
  const edited = remove !== null && Number.isInteger(index) ? withPlantRemoved(fields, index) : withPlantAdded(fields);
  return queryOfFields(edited);
}

export const workbenchDashboardRouter = new Hono<AppEnv>();

workbenchDashboardRouter.get(WORKBENCH_PATH, async (c) => {
  const query = new URL(c.req.url).searchParams;
  const edited = editedQuery(query);
  if (edited) return c.redirect(workbenchHref(edited), 303);
  const view = workbenchView(query);
  if (view.status === 422) {
    // Not cached, and not stored by the browser: an address with invalid fields is a form being corrected.
    return uncachedHtml(await renderDocument(WorkbenchPage(view.props())), 422);
  }
  return respond(c, await pages.get(0, view.key, () => renderedHtml(WorkbenchPage(view.props()))));
});
