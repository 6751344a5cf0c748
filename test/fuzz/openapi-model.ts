/** The slice of an OpenAPI 3.1 document the fuzz reads, and the operations it lists. */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  example?: unknown;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema; example?: unknown }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One method on one path, as the fuzz addresses it ("POST /v1/messages"). */
export interface FuzzOperation {
  id: string;
  method: string;
  template: string;
  operation: Operation;
  /** Writes need the ingest token: the document marks them with bearer security. */
  isWrite: boolean;
  bodySchema?: JsonSchema;
  bodyExample?: unknown;
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

export function listOperations(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const media = operation.requestBody?.content["application/json"];
        const bodySchema = media?.schema;
        return {
          id: `${method.toUpperCase()} ${template}`,
          method: method.toUpperCase(),
          template,
          operation,
          isWrite: (operation.security?.length ?? 0) > 0 && method !== "get",
          bodySchema,
          bodyExample: media?.example ?? (bodySchema ? resolve(doc, bodySchema).example : undefined),
        };
      }),
  );
}

/** Follows `$ref`s into components (local references only, which is all the app emits). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const name = current.$ref.split("/").pop()!;
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** An allOf flattened into one object schema, so its fields can be generated and walked together. */
export function flatten(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const resolved = resolve(doc, schema);
  if (!resolved.allOf) return resolved;
  const parts = resolved.allOf.map((part) => flatten(doc, part));
  return {
    type: "object",
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: parts.flatMap((part) => part.required ?? []),
  };
}

/** The JSON types a schema admits ("integer" counts as a number too). */
export function typesOf(schema: JsonSchema): string[] {
  if (schema.enum) return [...new Set(schema.enum.map((value) => (value === null ? "null" : typeof value)))];
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ["object"];
  return [];
}

export function parametersIn(operation: FuzzOperation, where: Parameter["in"]): Parameter[] {
  return (operation.operation.parameters ?? []).filter((parameter) => parameter.in === where);
}

/** Fills a path template ("/v1/markets/{market}") with already-encoded segments. */
export function fillPath(template: string, segments: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => segments[name] ?? "");
}
