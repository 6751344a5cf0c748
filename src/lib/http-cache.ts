import type { Context } from "hono";

/** A response body rendered once and reused while its data is unchanged. */
export interface RenderedBody {
  body: string;
  contentType: string;
  etag: string;
}

/** A strong ETag from the body's SHA-256: equal bodies share it, whatever path produced them. */
export async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  let hex = "";
  for (const byte of digest.subarray(0, 12)) hex += byte.toString(16).padStart(2, "0");
  return `"${hex}"`;
}

export async function render(body: string, contentType: string): Promise<RenderedBody> {
  return { body, contentType, etag: await etagOf(body) };
}

/** RFC 9110 If-None-Match: a list of (possibly weak) tags, or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/** 200 with the body, or 304 when the client already holds this version; both carry ETag and Cache-Control. */
export function respondCached(c: Context, rendered: RenderedBody, cacheControl: string): Response {
  const headers: Record<string, string> = { ETag: rendered.etag, "Cache-Control": cacheControl, Vary: "Accept" };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), rendered.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(rendered.body, { status: 200, headers: { ...headers, "Content-Type": rendered.contentType } });
}

/** CSV when asked by `format=csv`, or by an Accept header that names text/csv before JSON. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === "csv";
  if (!accept) return false;
  const csv = accept.indexOf("text/csv");
  const json = accept.indexOf("application/json");
  return csv >= 0 && (json < 0 || csv < json);
}

export const JSON_TYPE = "application/json; charset=utf-8";
export const CSV_TYPE = "text/csv; charset=utf-8";

/**
 * A hand-built Response (streamed, or already gzip-encoded) standing for the
 * JSON body its route declares; the route's schema still documents that body.
 */
export function declaredBody<T>(response: Response): T {
  return response as unknown as T;
}
