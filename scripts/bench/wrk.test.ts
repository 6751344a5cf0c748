import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureWithWrk, wrkInstalled } from "./wrk";

interface Seen {
  method: string;
  contentType: string | undefined;
  body: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

// Runs the installed wrk for real, so the parser is checked against the version on this machine, not only the fixtures.
describe.skipIf(!wrkInstalled())("measureWithWrk", () => {
  let server: Server;
  let url: string;
  let scriptDir: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    scriptDir = mkdtempSync(join(tmpdir(), "wrk-test-"));
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        if (seen.length < 5) seen.push({ method: request.method ?? "", contentType: request.headers["content-type"], body });
        response.writeHead(request.url === "/missing" ? 404 : 200, { "Content-Type": "text/plain" }).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(scriptDir, { recursive: true, force: true });
  });

  const options = () => ({ connections: 4, durationS: 1, scriptDir, label: "test: post" });

  it("sends a POST's method, body and headers through the generated script", async () => {
    const body = JSON.stringify({ text: 'café – "quoted"' });
    const measured = await measureWithWrk(
      `${url}/echo`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body },
      options(),
    );
    expect(seen[0]).toEqual({ method: "POST", contentType: "application/json", body });
    expect(measured.responses).toBeGreaterThan(0);
    expect(measured).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(measured.requestsAverage).toBeGreaterThan(0);
    expect(measured.latencyP99Ms).toBeGreaterThanOrEqual(measured.latencyP50Ms);
  });

  it("reports every 404 as a non-2xx response", async () => {
    const measured = await measureWithWrk(`${url}/missing`, { method: "GET", headers: {} }, options());
    expect(measured.responses).toBeGreaterThan(0);
    expect(measured.non2xx).toBe(measured.responses);
  });
});
