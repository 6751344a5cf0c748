import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, MAX_DRAIN_BYTES } from "../../src/lib/body-limit";
import { call, expectProblem } from "./helpers";

const MiB = 1024 * 1024;

/** A chunked upload of `total` bytes that records how much of it the Worker pulled. */
function upload(total: number) {
  const seen = { read: 0 };
  const piece = new Uint8Array(MiB).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = Math.min(piece.length, total - seen.read);
      if (size === 0) return controller.close();
      seen.read += size;
      controller.enqueue(piece.subarray(0, size));
    },
  });
  return { seen, send: () => call("/v1/messages", { method: "POST", headers: { "Content-Type": "application/json" }, body: stream }) };
}

/**
 * A 413 for a body without a Content-Length must not leave the body half
 * read (that held the keep-alive connection: see test/node/body-limit-keepalive):
 * it is read to its end, or cancelled past MAX_DRAIN_BYTES.
 */
describe("an oversized chunked body", () => {
  it("is read to its end before the 413", async () => {
    const { seen, send } = upload(DEFAULT_MAX_BODY_BYTES + 3 * MiB);
    expect((await expectProblem(await send(), 413)).max_bytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(seen.read).toBe(DEFAULT_MAX_BODY_BYTES + 3 * MiB);
  });

  // The runtime logs the upload's broken pipe ("Network connection lost") when the Worker cancels: expected here.
  it("is cancelled, not read on, once more than MAX_DRAIN_BYTES has been read", async () => {
    const { seen, send } = upload(MAX_DRAIN_BYTES + 20 * MiB);
    await expectProblem(await send(), 413);
    expect(seen.read).toBeGreaterThan(MAX_DRAIN_BYTES);
    expect(seen.read).toBeLessThan(MAX_DRAIN_BYTES + 20 * MiB);
  });
});
