import fc from "fast-check";
import type { FuzzRequest } from "./fuzz-types";
import { type FuzzOperation, fillPath, type OpenApiDocument, parametersIn } from "./openapi-model";
import { valueArb } from "./schema-arbitrary";

/**
 * A request before it is spelled: mutations edit these parts, then
 * `spell` encodes them. `null` in `headers` removes a header the
 * defaults would add.
 */
export interface RequestParts {
  /** Decoded path parameter values; `rawPath` ones are inserted as they are (already encoded, or deliberately not). */
  path: Record<string, string>;
  rawPath: Record<string, string>;
  query: Array<[string, string]>;
  /** The JSON body; `rawBody` (not JSON, or JSON that JSON.stringify cannot write) replaces it. */
  body?: unknown;
  rawBody?: string;
  headers: Record<string, string | null>;
}

function paramText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Valid parts of an operation from its parameter and body schemas (and their examples). */
export function validPartsArb(doc: OpenApiDocument, operation: FuzzOperation): fc.Arbitrary<RequestParts> {
  const pathParams = parametersIn(operation, "path");
  const queryParams = parametersIn(operation, "query");
  const path = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, valueArb(doc, p.schema ?? {}).map(paramText)])));
  const query = fc.tuple(
    ...queryParams.map((p) => {
      const value = valueArb(doc, p.schema ?? {}).map((v): [string, string] => [p.name, paramText(v)]);
      return p.required ? value.map((pair) => [pair]) : fc.option(value, { nil: undefined }).map((pair) => (pair ? [pair] : []));
    }),
  );
  const body = operation.bodySchema ? valueArb(doc, operation.bodySchema) : fc.constant(undefined);
  return fc.record({ path, query, body }).map(({ path, query, body }) => ({
    path: path as Record<string, string>,
    rawPath: {},
    query: (query as Array<Array<[string, string]>>).flat(),
    body,
    headers: {},
  }));
}

/** The example request of an operation: every parameter and the body at its documented example. */
export function exampleParts(operation: FuzzOperation): RequestParts {
  const example = (p: { example?: unknown; schema?: { example?: unknown; default?: unknown } }) =>
    paramText(p.example ?? p.schema?.example ?? p.schema?.default);
  return {
    path: Object.fromEntries(parametersIn(operation, "path").map((p) => [p.name, example(p)])),
    rawPath: {},
    query: parametersIn(operation, "query")
      .filter((p) => p.required)
      .map((p): [string, string] => [p.name, example(p)]),
    body: operation.bodyExample,
    headers: {},
  };
}

/** Encodes parts into the request the fuzz sends: JSON body, token on writes, unless the parts say otherwise. */
export function spell(operation: FuzzOperation, parts: RequestParts, token: string): FuzzRequest {
  const segments: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.path)) segments[name] = encodeURIComponent(value);
  Object.assign(segments, parts.rawPath);
  const search = parts.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  const body = parts.rawBody ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body));
  const headers: Record<string, string | null> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (operation.isWrite) headers.Authorization = `Bearer ${token}`;
  Object.assign(headers, parts.headers);
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== null) clean[name] = value;
  return { method: operation.method, path: fillPath(operation.template, segments) + (search ? `?${search}` : ""), headers: clean, body };
}
