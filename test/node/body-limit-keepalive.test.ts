import { mkdtempSync, rmSync } from "node:fs";
import { Agent, type OutgoingHttpHeaders, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWorker, startWranglerDev } from "../../scripts/lib/wrangler-dev";
import { freePort } from "./local-system";

const OVER_LIMIT = 20 * 1024 * 1024 + 1;
/** A failure bound, not a speed target: a stalled connection waited 30 s or more; a healthy one answers at once. */
const ANSWER_WITHIN_MS = 15_000;
/** The stall was intermittent (a few rounds in 25), so one test sends several in a row on one connection. */
const ROUNDS = 12;

interface Answer {
  status: number;
  body: string;
  reusedSocket: boolean;
}

/** One request on the agent; a body is sent in 1 MiB writes, chunked unless a Content-Length is given. */
function send(agent: Agent, url: string, method: string, bodyBytes = 0, headers: OutgoingHttpHeaders = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, headers, timeout: ANSWER_WITHIN_MS }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, reusedSocket: req.reusedSocket }));
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${url} not answered within ${ANSWER_WITHIN_MS} ms`)));
    req.on("error", reject);
    const piece = Buffer.alloc(1024 * 1024, 0x20);
    let left = bodyBytes;
    const pump = (): void => {
      while (left > 0) {
        const size = Math.min(left, piece.length);
        left -= size;
        if (!req.write(piece.subarray(0, size))) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

/**
 * A 413 must leave the keep-alive connection usable: the Worker reads an
 * oversized chunked body to its end instead of abandoning it, so the next
 * request on the same connection is answered, through the real `wrangler dev`.
 */
describe("a request after a 413 on the same connection", () => {
  let worker: RunningWorker;
  let stateDir: string;
  let agent: Agent;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "energy-edge-body-limit-"));
    worker = await startWranglerDev({ port: await freePort(), persistTo: stateDir, logLevel: "warn", quiet: true });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterAll(async () => {
    agent?.destroy();
    await worker?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it("is answered after an oversized chunked upload", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const refused = await send(agent, `${worker.url}/v1/messages`, "POST", OVER_LIMIT, { "Content-Type": "application/json" });
      expect(refused.status, refused.body).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ status: 413, max_bytes: OVER_LIMIT - 1 });
      const next = await send(agent, `${worker.url}/health`, "GET");
      expect(next.status).toBe(200);
      expect(next.reusedSocket, `round ${round}: the 413's connection was not kept`).toBe(true);
    }
  });

  it("is answered after an oversized upload with a Content-Length", async () => {
    const headers = { "Content-Type": "application/json", "Content-Length": String(OVER_LIMIT) };
    for (let round = 0; round < 3; round++) {
      expect((await send(agent, `${worker.url}/v1/messages`, "POST", OVER_LIMIT, headers)).status).toBe(413);
      const next = await send(agent, `${worker.url}/health`, "GET");
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
    }
  });
});
