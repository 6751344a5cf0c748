import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runImport } from "../import";
import { ApiClient, ApiError, backoffMs, retryAfterMs } from "../lib/api-client";
import { parseCsv } from "./csv";
import { parseImportArgs, UsageError } from "./import-args";
import { ImportSummary } from "./import-summary";
import type { Importer } from "./importers";
import { formatDuration, Progress } from "./progress";
import { indexUnder, sendInBatches } from "./send-batches";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const noSleep = { sleep: async () => undefined, random: () => 0.5 };

describe("import arguments", () => {
  it("reads service, files and flags in any order", () => {
    const args = parseImportArgs(["peaks", "a.csv", "--url", "https://x.example", "b.csv", "--token=t0k", "--batch-size", "500"], {});
    expect(args).toEqual({
      service: "peaks",
      files: ["a.csv", "b.csv"],
      url: "https://x.example",
      token: "t0k",
      batchSize: 500,
      quiet: false,
    });
  });

  it("defaults the URL to the local system and the token to the environment", () => {
    const args = parseImportArgs(["credits"], { ENERGY_EDGE_TOKEN: "env-token" });
    expect(args.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(args.token).toBe("env-token");
  });

  it("refuses missing service, unknown flags, bad batch sizes and bad URLs", () => {
    expect(() => parseImportArgs([], {})).toThrow(UsageError);
    expect(() => parseImportArgs(["peaks", "--fast"], {})).toThrow(/unknown option/);
    expect(() => parseImportArgs(["peaks", "--batch-size", "0"], {})).toThrow(/positive/);
    expect(() => parseImportArgs(["peaks", "--url"], {})).toThrow(/needs a value/);
    expect(() => parseImportArgs(["peaks", "--url", "ftp://x"], {})).toThrow(/http/);
  });
});

describe("API client", () => {
  it("retries 429 (honouring Retry-After) and 5xx, then succeeds", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { "Retry-After": "2" }).end();
      else if (calls === 2) res.writeHead(503).end("busy");
      else res.writeHead(200, { "Content-Type": "application/json" }).end('{"inserted":3}');
    });
    const delays: number[] = [];
    const client = new ApiClient({ baseUrl: url, ...noSleep, onRetry: (info) => delays.push(info.delayMs) });
    const result = await client.post<{ inserted: number }>("/ingest", { rows: [] });
    expect(result.body).toEqual({ inserted: 3 });
    expect(calls).toBe(3);
    expect(delays[0]).toBe(2000);
    expect(delays).toHaveLength(2);
  });

  it("sends the bearer token and JSON body", async () => {
    let seen: { auth?: string; type?: string; body?: string } = {};
    const url = await serve((req, body, res) => {
      seen = { auth: req.headers.authorization, type: req.headers["content-type"], body };
      res.writeHead(200).end("{}");
    });
    await new ApiClient({ baseUrl: `${url}/`, token: "abc" }).put("/x", { a: 1 });
    expect(seen).toEqual({ auth: "Bearer abc", type: "application/json", body: '{"a":1}' });
  });

  it("does not retry a 422 and exposes the problem document", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls++;
      res
        .writeHead(422, { "Content-Type": "application/problem+json" })
        .end(JSON.stringify({ title: "bad", detail: "row 1 is bad", errors: [{ pointer: "/rows/1/v", detail: "not a number" }] }));
    });
    const error = await new ApiClient({ baseUrl: url, ...noSleep }).post("/ingest", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).problem?.errors?.[0]?.pointer).toBe("/rows/1/v");
    expect(calls).toBe(1);
  });

  it("gives up after maxRetries on a server that stays down", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls++;
      res.writeHead(500).end();
    });
    await expect(new ApiClient({ baseUrl: url, maxRetries: 2, ...noSleep }).get("/x")).rejects.toThrow(/500/);
    expect(calls).toBe(3);
  });

  it("retries network errors", async () => {
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockRejectedValueOnce(new TypeError("connection refused"))
      .mockImplementation(async () => new Response('{"ok":true}', { status: 200 }));
    const result = await new ApiClient({ baseUrl: "http://127.0.0.1:9", fetch, ...noSleep }).get("/x");
    expect(result.body).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("computes Retry-After and jittered backoff", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(backoffMs(0, 100, 1000, () => 0)).toBe(50);
    expect(backoffMs(3, 100, 1000, () => 1)).toBe(800);
    expect(backoffMs(10, 100, 1000, () => 1)).toBe(1000);
  });
});

describe("batch sending", () => {
  type Row = { line: number; v: number | string };
  const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ line: i + 2, v: i === 3 || i === 7 ? "bad" : i }));
  const describeRow = (row: Row) => `data.csv line ${row.line}`;

  it("rejects only the rows the server names and sends the rest again", async () => {
    const sent: number[][] = [];
    const summary = new ImportSummary();
    await sendInBatches({
      rows,
      batchSize: 4,
      concurrency: 1,
      summary,
      describe: describeRow,
      rowIndex: indexUnder("rows"),
      send: async (batch) => {
        sent.push(batch.map((row) => row.line));
        const bad = batch.flatMap((row, i) => (row.v === "bad" ? [{ pointer: `/rows/${i}/v`, detail: "Expected number" }] : []));
        if (bad.length) throw new ApiError("POST", "/x", 422, { errors: bad }, "");
        return { inserted: batch.length };
      },
    });
    expect(summary.inserted).toBe(8);
    expect(summary.rejected).toEqual([
      { source: "data.csv line 5", reason: "/rows/3/v: Expected number" },
      { source: "data.csv line 9", reason: "/rows/3/v: Expected number" },
    ]);
    expect(summary.exitCode()).toBe(1);
    expect(sent).toEqual([
      [2, 3, 4, 5],
      [2, 3, 4],
      [6, 7, 8, 9],
      [6, 7, 8],
      [10, 11],
    ]);
  });

  it("rejects a whole batch when the server names no row", async () => {
    const summary = new ImportSummary();
    await sendInBatches({
      rows: rows.slice(0, 3),
      batchSize: 5,
      summary,
      describe: describeRow,
      rowIndex: indexUnder("rows"),
      send: async () => Promise.reject(new ApiError("POST", "/x", 409, { detail: "id 4 exists with other content" }, "")),
    });
    expect(summary.rejected.map((r) => r.reason)).toEqual(Array(3).fill("id 4 exists with other content"));
  });

  it("splits a batch the server finds too large", async () => {
    const sizes: number[] = [];
    const summary = new ImportSummary();
    await sendInBatches({
      rows,
      batchSize: 10,
      summary,
      describe: describeRow,
      rowIndex: indexUnder("rows"),
      send: async (batch) => {
        sizes.push(batch.length);
        if (batch.length > 3) throw new ApiError("POST", "/x", 413, { detail: "too large" }, "");
        return { inserted: batch.length - 1, unchanged: 1 };
      },
    });
    expect(summary.accepted).toBe(10);
    expect(summary.unchanged).toBe(sizes.filter((n) => n <= 3).length);
    expect(sizes.filter((n) => n <= 3).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it("aborts on failures that are not about rows", async () => {
    await expect(
      sendInBatches({
        rows,
        batchSize: 5,
        summary: new ImportSummary(),
        describe: describeRow,
        rowIndex: indexUnder("rows"),
        send: async () => Promise.reject(new ApiError("POST", "/x", 401, { detail: "token" }, "")),
      }),
    ).rejects.toThrow(/401/);
  });
});

describe("progress and summary", () => {
  it("reports rows done, rate and ETA", () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new Progress(
      "peaks readings",
      10_000,
      (line) => lines.push(line),
      () => now,
      0,
    );
    now = 2000;
    progress.advance(4000);
    expect(progress.line()).toBe("peaks readings: 4,000/10,000 rows (40.0%) · 2,000 rows/s · ETA 3s");
    expect(lines).toHaveLength(1);
    expect(formatDuration(125)).toBe("2m05s");
    expect(formatDuration(7300)).toBe("2h01m");
  });

  it("formats the summary with reasons", () => {
    const summary = new ImportSummary();
    summary.add({ inserted: 5, unchanged: 2 });
    summary.reject("a.csv line 3", "usage_kw: not a number");
    expect(summary.format()).toBe("inserted 5, updated 0, unchanged 2, rejected 1\n  rejected a.csv line 3: usage_kw: not a number");
  });
});

describe("CSV", () => {
  it("parses quoted fields, CRLF and reports line numbers", () => {
    const { records, errors } = parseCsv('\uFEFFid,name\r\n1,"a, ""b"""\r\n2,"multi\nline"\n3\n4,d\n');
    expect(records).toEqual([
      { line: 2, values: { id: "1", name: 'a, "b"' } },
      { line: 3, values: { id: "2", name: "multi\nline" } },
      { line: 6, values: { id: "4", name: "d" } },
    ]);
    expect(errors).toEqual([{ line: 5, reason: "expected 2 fields (id,name), found 1" }]);
  });

  it("requires a header", () => {
    expect(parseCsv("").errors[0]?.reason).toMatch(/header/);
  });
});

describe("npm run import", () => {
  const testImporter: Importer = {
    service: "probe",
    usage: "<file>",
    async run(ctx) {
      await sendInBatches({
        rows: [{ v: 1 }, { v: -1 }, { v: 2 }],
        batchSize: 2,
        summary: ctx.summary,
        describe: (row) => `value ${row.v}`,
        rowIndex: indexUnder("rows"),
        send: async (batch) => (await ctx.client.post<{ inserted: number }>("/ingest", { rows: batch })).body,
      });
    },
  };

  it("exits 1 when rows were rejected, 0 when all went in, 2 for an unknown service", async () => {
    const url = await serve((_req, body, res) => {
      const batch = (JSON.parse(body) as { rows: Array<{ v: number }> }).rows;
      const bad = batch.flatMap((row, i) => (row.v < 0 ? [{ pointer: `/rows/${i}/v`, detail: "negative" }] : []));
      if (bad.length) res.writeHead(422).end(JSON.stringify({ errors: bad }));
      else res.writeHead(200).end(JSON.stringify({ inserted: batch.length }));
    });
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await runImport(["probe", "--url", url, "--quiet"], [testImporter])).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toContain("inserted 2, updated 0, unchanged 0, rejected 1");
      expect(await runImport(["nope", "--url", url], [testImporter])).toBe(2);
      const allGood: Importer = { ...testImporter, run: async (ctx) => ctx.summary.add({ inserted: 1 }) };
      expect(await runImport(["probe", "--url", url, "--quiet"], [allGood])).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});

describe("batching", () => {
  it("cuts rows into batches of at most N without mixing groups", async () => {
    const { toBatches } = await import("./send-batches");
    const rows = [1, 1, 1, 2, 3, 3, 3, 3, 3].map((group, i) => ({ group, i }));
    expect(toBatches(rows, 2, (r) => r.group).map((b) => b.map((r) => r.i))).toEqual([[0, 1], [2], [3], [4, 5], [6, 7], [8]]);
    expect(toBatches(rows, 4).map((b) => b.length)).toEqual([4, 4, 1]);
    expect(toBatches([], 3)).toEqual([]);
  });
});
