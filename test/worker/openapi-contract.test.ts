import { describe, expect, it } from "vitest";
import { SERVICE_TAGS } from "../../src/features/docs/openapi-document";
import { call } from "./helpers";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: { type?: string | string[]; example?: unknown; default?: unknown; enum?: unknown[] };
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown[];
}

/** Whether a schema (or a referenced component) carries an example anywhere near its top. */
function hasExample(schema: Record<string, unknown> | undefined, components: Record<string, Record<string, unknown>>): boolean {
  if (!schema) return false;
  if ("example" in schema || "examples" in schema) return true;
  const ref = schema.$ref;
  if (typeof ref === "string") return hasExample(components[ref.split("/").pop()!], components);
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties) return Object.values(properties).some((property) => hasExample(property, components));
  const items = schema.items as Record<string, unknown> | undefined;
  return hasExample(items, components);
}

/**
 * Every route any service adds must be documented: a summary, a known tag,
 * a description and an example for each parameter, an example for each
 * request body, problem+json for its errors, and bearer security on writes.
 */
describe("OpenAPI contract of every route", async () => {
  const doc = (await (await call("/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ id: `${method.toUpperCase()} ${path}`, method, operation })),
  );
  const tags = new Set(SERVICE_TAGS.map((tag) => tag.name));

  it("lists at least the health route", () => {
    expect(operations.map((op) => op.id)).toContain("GET /health");
  });

  it.each(operations)("$id is documented", ({ operation, method }) => {
    expect(operation.summary?.length ?? 0).toBeGreaterThan(3);
    expect(operation.tags?.length).toBeGreaterThan(0);
    for (const tag of operation.tags ?? []) expect(tags.has(tag), `unknown tag ${tag}`).toBe(true);
    for (const parameter of operation.parameters ?? []) {
      expect(parameter.description, `${parameter.in} parameter ${parameter.name} description`).toBeTruthy();
      if (parameter.in === "path") {
        // OpenAPI 3.1, Parameter Object: a path parameter must be required, and a path segment is never null.
        expect(parameter.required, `path parameter ${parameter.name} required`).toBe(true);
        expect(parameter.schema?.type, `path parameter ${parameter.name} type`).toMatch(/^(string|integer)$/);
      }
      const example = parameter.example ?? parameter.schema?.example ?? parameter.schema?.default ?? parameter.schema?.enum;
      expect(example, `${parameter.in} parameter ${parameter.name} example`).toBeDefined();
    }
    if (operation.requestBody) {
      const media = Object.values(operation.requestBody.content);
      expect(media.some((m) => m.example !== undefined || hasExample(m.schema, doc.components.schemas))).toBe(true);
    }
    const statuses = Object.keys(operation.responses);
    expect(statuses.some((status) => status.startsWith("2") || status === "101")).toBe(true);
    for (const status of statuses.filter((s) => Number(s) >= 400)) {
      expect(Object.keys(operation.responses[status]?.content ?? {})).toEqual(["application/problem+json"]);
    }
    if (["post", "put", "patch", "delete"].includes(method) && operation.security) {
      expect(operation.responses["401"], "writes document their 401").toBeDefined();
    }
  });
});
