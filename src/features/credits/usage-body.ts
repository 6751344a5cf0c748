import { gzipSync } from "node:zlib";
import { type UsageRow, usagePage } from "./credits.repository";
import { toCredits } from "./text-pricing";

const PAGE_SIZE = 5_000;
/** Periods up to this many messages are rendered once and cached; larger ones stream page by page. */
export const CACHEABLE_MESSAGES = 20_000;

/** One usage entry; `report_name` is omitted, never null, when the message has no known report. */
export function usageEntry(row: UsageRow): string {
  return JSON.stringify(
    row.reportName === null
      ? { message_id: row.id, timestamp: row.timestamp, credits_used: toCredits(row.credits) }
      : { message_id: row.id, timestamp: row.timestamp, report_name: row.reportName, credits_used: toCredits(row.credits) },
  );
}

/**
 * A window's usage rows in (timestamp, id) order, one D1 page at a time (keyset pagination on (ts, id)), so a
 * 200,000-message period never sits in memory whole. Credits as stored (hundredths).
 */
export async function* usagePages(d1: D1Database, from: number, to: number): AsyncGenerator<UsageRow[]> {
  let after: { ts: number; id: number } | undefined;
  for (;;) {
    const page = await usagePage(d1, from, to, after, PAGE_SIZE);
    if (page.length > 0) yield page;
    if (page.length < PAGE_SIZE) return;
    const last = page.at(-1)!;
    after = { ts: last.ts, id: last.id };
  }
}

/** The usage array of a window as JSON text in chunks, one D1 page at a time. */
export async function* usageChunks(d1: D1Database, from: number, to: number, prefix: string, suffix: string): AsyncGenerator<string> {
  yield prefix;
  let first = true;
  for await (const page of usagePages(d1, from, to)) {
    let chunk = "";
    for (const row of page) {
      chunk += (first ? "" : ",") + usageEntry(row);
      first = false;
    }
    yield chunk;
  }
  yield suffix;
}

export async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

export function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** The encodings a usage body is pre-compressed in. */
export type Encoding = "gzip";

/**
 * Compresses a body once per data version (a 10,000-message period: 922 KB of
 * JSON, 119 KB gzipped). Brotli was tried: on this data it saved only 9 %,
 * and holding its output made every response in workerd cost ~12 ms.
 */
export function compress(text: string): Record<Encoding, ArrayBuffer> {
  return { gzip: exactBuffer(gzipSync(text, { level: 6 })) };
}

/** A plain ArrayBuffer holding exactly these bytes (a Node Buffer may view a larger pooled one). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** The best encoding the client accepts (q=0 refuses one), or undefined for identity. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}
