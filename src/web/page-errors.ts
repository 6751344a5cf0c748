import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../lib/env";
import { logError, onError, onNotFound } from "../lib/error-handler";
import { PROBLEM_TYPES, ProblemError } from "../lib/problem";
import { renderDocument } from "./layout";
import { prefersHtml } from "./negotiation";
import { PAGE_SECURITY_HEADERS } from "./page-headers";
import { ErrorPage } from "./states";

/** A person's page view, not an API call: such requests get an error page, never a problem document or a stack. */
export function isPageRequest(c: Context): boolean {
  const path = c.req.path;
  return (path.startsWith("/dashboards/") || path === "/dashboards" || path === "/") && prefersHtml(c);
}

async function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, title: string, message: string): Promise<Response> {
  const page = ErrorPage({ title, message, requestId: c.get("requestId") });
  return c.html(await renderDocument(page), status, { ...PAGE_SECURITY_HEADERS, "Cache-Control": "no-store" });
}

/** The app's error handler: pages get a page that says what went wrong, with the request id; the API keeps problem+json. */
export const onPageOrApiError: ErrorHandler<AppEnv> = async (error, c) => {
  if (!isPageRequest(c)) return onError(error, c);
  if (error instanceof ProblemError) {
    const { status, title } = PROBLEM_TYPES[error.kind];
    if (status >= 500) logError(c, error);
    return errorPage(c, status as ContentfulStatusCode, title, error.message);
  }
  logError(c, error);
  return errorPage(c, 500, "Something went wrong on our side", "This page could not be built just now. Try again in a moment.");
};

export const onPageOrApiNotFound: NotFoundHandler<AppEnv> = async (c) => {
  if (!isPageRequest(c)) return onNotFound(c);
  return errorPage(c, 404, "No such page", `There is no page at ${c.req.path}. The overview lists every dashboard.`);
};
