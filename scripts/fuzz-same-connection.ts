import { Agent, request } from "node:http";

export interface SameConnectionResult {
  oversizedStatus: number;
  /** Whether the next request on the same connection was answered within the bound. */
  nextAnswered: boolean;
  nextStatus?: number;
  sameSocket: boolean;
  detail: string;
}

/**
 * Issue 10 §4: a chunked upload one byte past the body limit is answered 413,
 * and the next request on the same keep-alive connection is answered
 * promptly (not after the rest of the body times out unread).
 */
export async function checkAfterOversizedUpload(
  baseUrl: string,
  token: string,
  maxBodyBytes: number,
  boundMs: number,
): Promise<SameConnectionResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  const sockets = new Set<unknown>();
  try {
    const oversizedStatus = await new Promise<number>((resolve, reject) => {
      const upload = request(
        {
          host: url.hostname,
          port: url.port,
          path: "/v1/messages",
          method: "POST",
          agent,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      upload.on("socket", (socket) => sockets.add(socket));
      upload.on("error", reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < maxBodyBytes + 1) {
          const size = Math.min(chunk.length, maxBodyBytes + 1 - sent);
          sent += size;
          if (!upload.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void upload.once("drain", pump);
        }
        upload.end();
      };
      pump();
    });
    const next = await new Promise<{ status?: number; error?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ error: `no answer within ${boundMs} ms` }), boundMs);
      const health = request({ host: url.hostname, port: url.port, path: "/health", agent }, (response) => {
        response.resume();
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode });
        });
      });
      health.on("socket", (socket) => sockets.add(socket));
      health.on("error", (error) => {
        clearTimeout(timer);
        resolve({ error: error.message });
      });
      health.end();
    });
    return {
      oversizedStatus,
      nextAnswered: next.status === 200,
      nextStatus: next.status,
      sameSocket: sockets.size === 1,
      detail: next.error ?? `next request answered ${next.status}`,
    };
  } finally {
    agent.destroy();
  }
}
