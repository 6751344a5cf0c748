import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";

/**
 * The document client generators read must be valid OpenAPI 3.1, checked
 * against the specification's own JSON Schema. The validator reads its schemas
 * with node:fs, so this runs in Node on the app itself (the same module the
 * Worker serves; /openapi.json needs no binding).
 */
describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const response = await app.request("/openapi.json", {}, {});
    expect(response.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate((await response.json()) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });
});
