import { env } from "cloudflare:test";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApp, FEATURES } from "../../src/app";
import { requireIngestToken } from "../../src/lib/auth";
import { jsonBody, jsonContent, problemResponses, WRITE_SECURITY } from "../../src/lib/openapi";
import { ProblemError } from "../../src/lib/problem";
import { createRouter } from "../../src/lib/router";
import { call, expectProblem, jsonInit, TEST_INGEST_TOKEN, withToken } from "./helpers";

/**
 * A probe feature mounted on the real app stack, so each shared mechanism
 * (validation hook, auth, error handler, body limit) is exercised exactly as
 * the services will use it.
 */
const probe = createRouter();
probe.openapi(
  createRoute({
    method: "post",
    path: "/probe/items/{id}",
    tags: ["system"],
    summary: "Probe write",
    middleware: [requireIngestToken] as const,
    security: WRITE_SECURITY,
    request: {
      params: z.object({ id: z.coerce.number().int().positive() }),
      query: z.object({ mode: z.enum(["fast", "safe"]).default("safe") }),
      body: jsonBody(z.object({ name: z.string().min(1), rows: z.array(z.object({ v: z.number() })) }), "Probe body"),
    },
    responses: { 200: jsonContent(z.object({ ok: z.boolean() }), "ok"), ...problemResponses(401, 413, 422) },
  }),
  (c) => c.json({ ok: true }, 200),
);
probe.get("/probe/boom", () => {
  throw new Error("secret internal detail");
});
probe.get("/probe/conflict", () => {
  throw new ProblemError("conflict", { detail: "already there", extensions: { existing_id: 7 } });
});
probe.get("/probe/read", (c) => c.json({ read: true }));

const app = createApp([...FEATURES, probe]);
const request = (path: string, init: RequestInit = {}, bindings: Partial<typeof env> = {}) =>
  app.request(path, init, { ...env, ...bindings });

describe("health and documents", () => {
  it("GET /health answers ok with the package version", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("serves an OpenAPI 3.1 document with the service tags and the bearer scheme", async () => {
    const response = await call("/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      info: { title: string; version: string; description: string };
      tags: Array<{ name: string }>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Energy Edge API");
    expect(doc.info.description.length).toBeGreaterThan(50);
    expect(doc.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(["peaks", "insights", "credits", "productionplan", "trading"]));
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/health"]).toBeDefined();
  });

  it("serves the docs page and its UI bundle from the Worker itself", async () => {
    const page = await call("/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/docs-ui/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\/(?!energy-edge)/);
    for (const asset of ["/docs-ui/swagger-ui-bundle.js", "/docs-ui/swagger-ui.css", "/docs-init.js"]) {
      const response = await call(asset);
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(100);
    }
  });
});

describe("problem+json errors", () => {
  it("answers an unknown route with 404", async () => {
    const body = await expectProblem(await call("/nope"), 404);
    expect(body.detail).toContain("/nope");
    expect(body.instance).toBe("/nope");
  });

  it("answers a wrong method with 405 and an Allow header", async () => {
    const response = await call("/health", { method: "DELETE" });
    expect(response.headers.get("Allow")).toContain("GET");
    await expectProblem(response, 405);
  });

  it("answers validation failures with 422 and one pointer per invalid field", async () => {
    const response = await request("/probe/items/0?mode=slow", withToken(jsonInit("POST", { name: "", rows: [{ v: 1 }, { v: "x" }] })));
    const body = await expectProblem(response, 422);
    const found = body.errors?.map((e) => `${e.location}:${e.pointer}`) ?? [];
    // Hono validates one part of the request at a time and stops at the first invalid part.
    expect(found).toHaveLength(1);
    expect(["path:/id", "query:/mode"]).toContain(found[0]);

    const bodyErrors = await expectProblem(
      await request("/probe/items/3", withToken(jsonInit("POST", { name: "", rows: [{ v: 1 }, { v: "x" }] }))),
      422,
    );
    expect(bodyErrors.errors?.map((e) => `${e.location}:${e.pointer}`).sort()).toEqual(["body:/name", "body:/rows/1/v"]);
    for (const error of bodyErrors.errors ?? []) expect(error.detail.length).toBeGreaterThan(0);

    const queryErrors = await expectProblem(
      await request("/probe/items/3?mode=slow", withToken(jsonInit("POST", { name: "a", rows: [] }))),
      422,
    );
    expect(queryErrors.errors).toEqual([{ pointer: "/mode", location: "query", detail: expect.any(String) }]);
  });

  it("lists at most 1,000 invalid fields and counts them all", async () => {
    const rows = Array.from({ length: 1500 }, () => ({ v: "not a number" }));
    const body = await expectProblem(await request("/probe/items/3", withToken(jsonInit("POST", { name: "a", rows }))), 422);
    expect(body.errors).toHaveLength(1000);
    expect(body.error_count).toBe(1500);
  });

  it("answers a body that is not JSON with 400", async () => {
    const response = await request(
      "/probe/items/3",
      withToken({ method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" }),
    );
    await expectProblem(response, 400);
  });

  it("answers a missing body with 422", async () => {
    const response = await request("/probe/items/3", withToken({ method: "POST" }));
    await expectProblem(response, 422);
  });

  it("answers a body over the limit with 413 before the handler runs", async () => {
    const big = JSON.stringify({ name: "x", rows: [], pad: "y".repeat(2048) });
    const response = await request(
      "/probe/items/3",
      withToken({ method: "POST", headers: { "Content-Type": "application/json" }, body: big }),
      { MAX_BODY_BYTES: "1024" },
    );
    const body = await expectProblem(response, 413);
    expect(body.max_bytes).toBe(1024);
  });

  it("answers the default 20 MiB limit with 413", async () => {
    const big = "x".repeat(20 * 1024 * 1024 + 1);
    const response = await request(
      "/probe/items/3",
      withToken({ method: "POST", headers: { "Content-Type": "application/json" }, body: big }),
    );
    await expectProblem(response, 413);
  });

  it("turns a thrown error into a 500 problem without the stack, logged as one JSON line with the request id", async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      const response = await request("/probe/boom", { headers: { "X-Request-Id": "req-boom-1" } });
      const body = await expectProblem(response, 500);
      expect(JSON.stringify(body)).not.toContain("secret internal detail");
      expect(body.request_id).toBe("req-boom-1");
    } finally {
      console.error = original;
    }
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!) as Record<string, string>;
    expect(logged).toMatchObject({ level: "error", request_id: "req-boom-1", message: "secret internal detail" });
  });

  it("passes a ProblemError through with its extensions", async () => {
    const body = await expectProblem(await request("/probe/conflict"), 409);
    expect(body).toMatchObject({ detail: "already there", existing_id: 7 });
  });
});

describe("request ids", () => {
  it("echoes the caller's X-Request-Id", async () => {
    const response = await call("/health", { headers: { "X-Request-Id": "abc-123" } });
    expect(response.headers.get("X-Request-Id")).toBe("abc-123");
  });

  it("generates one when absent, on success and on errors alike", async () => {
    const ok = await call("/health");
    const missing = await call("/missing");
    const ids = [ok.headers.get("X-Request-Id"), missing.headers.get("X-Request-Id")];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe("bearer auth", () => {
  const write = (init: RequestInit = {}, bindings: Partial<typeof env> = {}) =>
    request("/probe/items/3", { ...jsonInit("POST", { name: "a", rows: [] }), ...init }, bindings);

  it("rejects a write without a token with 401 and a challenge", async () => {
    const response = await write();
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="energy-edge"');
    await expectProblem(response, 401);
  });

  it("rejects a wrong token with 401 invalid_token", async () => {
    const response = await write({ headers: { Authorization: "Bearer nope", "Content-Type": "application/json" } });
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    await expectProblem(response, 401);
  });

  it("rejects every write when the server has no ingest token", async () => {
    const response = await write(withToken(jsonInit("POST", { name: "a", rows: [] })), { INGEST_TOKEN: undefined });
    const body = await expectProblem(response, 401);
    expect(body.detail).toContain("configured");
  });

  it("accepts the ingest token", async () => {
    const response = await write(withToken(jsonInit("POST", { name: "a", rows: [] })));
    expect(response.status).toBe(200);
  });

  it("leaves reads public when no read token is set", async () => {
    expect((await request("/probe/read")).status).toBe(200);
  });

  it("protects reads, but not health and docs, when READ_TOKEN is set", async () => {
    const bindings = { READ_TOKEN: "read-secret" };
    await expectProblem(await request("/probe/read", {}, bindings), 401);
    expect((await request("/probe/read", withToken({}, "read-secret"), bindings)).status).toBe(200);
    expect((await request("/probe/read", withToken({}, TEST_INGEST_TOKEN), bindings)).status).toBe(200);
    await expectProblem(await request("/probe/read", withToken({}, "wrong"), bindings), 401);
    expect((await request("/health", {}, bindings)).status).toBe(200);
    expect((await request("/openapi.json", {}, bindings)).status).toBe(200);
  });

  it("documents the write routes' security in the OpenAPI document", async () => {
    const doc = (await (await request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(doc.paths["/probe/items/{id}"]?.post?.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe("CORS", () => {
  it("lets other origins read", async () => {
    const response = await call("/health", { headers: { Origin: "https://dashboard.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
  });

  it("answers preflights for GET only", async () => {
    const response = await call("/health", {
      method: "OPTIONS",
      headers: { Origin: "https://dashboard.example", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,OPTIONS");
  });
});

describe("a write body that is not declared JSON", () => {
  it("is a 415 problem saying what to send, with or without a Content-Type", async () => {
    const plain = await call("/v1/markets", withToken({ method: "POST", headers: { "Content-Type": "text/plain" }, body: '{"name":"x"}' }));
    expect((await expectProblem(plain, 415)).detail).toBe("The body must be JSON sent with Content-Type: application/json, not text/plain");
    const none = await call("/v1/markets", withToken({ method: "POST", body: new Blob(['{"name":"x"}']) }));
    expect((await expectProblem(none, 415)).detail).toContain("(none was sent)");
    expect((await call("/v1/markets/x")).status).toBe(404);
  });
});
