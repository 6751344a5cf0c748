import type { OpenApiDocument } from "./openapi-model";
import type { Violation } from "./oracle";

/**
 * Promises of the contract document itself (issue 10 §4): OpenAPI 3.1
 * requires `required: true` on every path parameter, and a path segment is
 * never null, so client generators get a usable signature.
 */
export function checkDocument(doc: OpenApiDocument): Violation[] {
  const violations: Violation[] = [];
  if (!doc.openapi?.startsWith("3.1")) violations.push({ check: "openapi-version", detail: `openapi ${doc.openapi}` });
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== "path") continue;
        const where = `${method.toUpperCase()} ${path} path parameter ${parameter.name}`;
        if (parameter.required !== true) violations.push({ check: "path-parameter-required", detail: `${where} lacks required: true` });
        const type = parameter.schema?.type;
        if (Array.isArray(type) && type.includes("null"))
          violations.push({ check: "path-parameter-nullable", detail: `${where} admits null` });
      }
      for (const name of path.match(/\{([^}]+)\}/g)?.map((token) => token.slice(1, -1)) ?? []) {
        if (!(operation.parameters ?? []).some((parameter) => parameter.in === "path" && parameter.name === name)) {
          violations.push({ check: "path-parameter-declared", detail: `${method.toUpperCase()} ${path} does not declare {${name}}` });
        }
      }
    }
  }
  return violations;
}
