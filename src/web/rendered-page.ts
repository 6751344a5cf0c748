import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../lib/env";
import { etagOf, matchesIfNoneMatch } from "../lib/http-cache";
import { renderDocument } from "./layout";
import { PAGE_SECURITY_HEADERS } from "./page-headers";
import { ErrorPage } from "./states";

/** Stands for the page's own ETag until the body it is computed from is rendered. */
export const ETAG_PLACEHOLDER = "__PAGE_ETAG__";

/** A page or its CSV, rendered once per content, with the strong ETag of its body. */
export interface RenderedPage {
  body: string;
  etag: string;
  contentType: string;
  /** A CSV's download name. */
  filename?: string;
}

/** Every view revalidates: the ETag decides, and an unchanged page costs a 304 without a body. */
const PAGE_CACHE_CONTROL = "private, no-cache";
export const HTML = "text/html; charset=utf-8";
const CSV = "text/csv; charset=utf-8";

/**
 * The document with its own ETag in it (where the page holds ETAG_PLACEHOLDER), so the page's script asks "changed
 * since?" from its first check. The tag hashes the body with the placeholder, a function of everything else in it,
 * so equal bodies share a tag and any change in them changes it.
 */
export async function renderedHtml(page: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<RenderedPage> {
  const draft = await renderDocument(page);
  const etag = await etagOf(draft);
  return { body: draft.replace(ETAG_PLACEHOLDER, etag.replaceAll('"', "&quot;")), etag, contentType: HTML };
}

export async function renderedCsv(body: string, filename: string): Promise<RenderedPage> {
  return { body, etag: await etagOf(body), contentType: CSV, filename };
}

/** Any other body, with the strong ETag of its bytes. */
export async function renderedBody(body: string, contentType: string, filename?: string): Promise<RenderedPage> {
  return { body, etag: await etagOf(body), contentType, filename };
}

/** 200 with the body, or 304 when the client holds this version. */
export function respond(c: Context<AppEnv>, page: RenderedPage): Response {
  const headers: Record<string, string> = { ...PAGE_SECURITY_HEADERS, ETag: page.etag, "Cache-Control": PAGE_CACHE_CONTROL };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), page.etag)) return new Response(null, { status: 304, headers });
  headers["Content-Type"] = page.contentType;
  if (page.filename) headers["Content-Disposition"] = `attachment; filename="${page.filename}"`;
  return new Response(page.body, { status: 200, headers });
}

/** A dashboard's 404 or 422 page: never cached, with the request id a person can quote. */
export async function errorPageResponse(
  c: Context<AppEnv>,
  page: { status: 404 | 422; title: string; message: Child; current: string },
): Promise<Response> {
  const document = ErrorPage({ title: page.title, message: page.message, current: page.current, requestId: c.get("requestId") });
  return uncachedHtml(await renderDocument(document), page.status);
}

/** A page that no cache keeps: an error, or a form being corrected. */
export function uncachedHtml(body: string, status: 404 | 422): Response {
  return new Response(body, { status, headers: { ...PAGE_SECURITY_HEADERS, "Content-Type": HTML, "Cache-Control": "no-store" } });
}
