import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env";
import { problemResponse } from "./problem";

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * How much of an oversized chunked body is read and discarded so the connection stays usable: Cloudflare's own
 * request body limit on the Free and Pro plans (100 MB), so a body the edge would deliver is drained whole.
 */
export const MAX_DRAIN_BYTES = 100 * 1024 * 1024;

/**
 * Reads a body of at most `maxSize` bytes; a longer one is read to its end and discarded (up to MAX_DRAIN_BYTES,
 * then cancelled) and gives undefined.
 *
 * hono's bodyLimit stops reading an oversized chunked body and leaves it locked: the rest stays unread, so through
 * `wrangler dev` the next request on the same keep-alive connection sometimes waited 30 s or more. Cancelling is
 * not enough there (the local proxy still holds the connection); reading to the end frees it.
 */
async function readUpTo(body: ReadableStream<Uint8Array>, maxSize: number): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  let buffer = new Uint8Array(0);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return buffer.subarray(0, size);
    size += value.length;
    if (size > maxSize) {
      await discardRest(reader, size);
      return undefined;
    }
    if (size > buffer.length) {
      const grown = new Uint8Array(Math.min(maxSize, Math.max(size, buffer.length * 2)));
      grown.set(buffer.subarray(0, size - value.length));
      buffer = grown;
    }
    buffer.set(value, size - value.length);
  }
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let read = alreadyRead;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.length;
    if (read > MAX_DRAIN_BYTES) {
      await reader.cancel("request body over the limit");
      return;
    }
  }
}

/** Rejects bodies above MAX_BODY_BYTES with 413, before any handler reads them. */
export const limitBodySize = createMiddleware<AppEnv>(async (c, next) => {
  const body = c.req.raw.body;
  if (!body || c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  const maxSize = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  const tooLarge = () =>
    problemResponse(c, "payload-too-large", {
      detail: `The request body exceeds the limit of ${maxSize} bytes; send smaller batches`,
      extensions: { max_bytes: maxSize },
    });

  if (c.req.raw.headers.has("content-length") && !c.req.raw.headers.has("transfer-encoding")) {
    // A declared length is refused unread: the runtime knows where the body ends and discards it itself, while
    // cancelling it resets the connection before the client has read the 413.
    return Number(c.req.raw.headers.get("content-length")) > maxSize ? tooLarge() : next();
  }
  const bytes = await readUpTo(body, maxSize);
  if (!bytes) return tooLarge();
  c.req.raw = new Request(c.req.raw, { body: bytes });
  return next();
});
