import { flatten, type JsonSchema, type OpenApiDocument, resolve } from "./openapi-model";

export type JsonPath = ReadonlyArray<string | number>;

/** One place in a JSON value, with the schema that governs it when the schema says. */
export interface JsonNode {
  path: JsonPath;
  value: unknown;
  schema?: JsonSchema;
}

/** RFC 6901 pointer of a path, as the app's `errors[].pointer` spells it. */
export function pointerOf(path: JsonPath): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Every node of a value, root first, each paired with its schema. */
export function nodesOf(doc: OpenApiDocument, schema: JsonSchema | undefined, value: unknown, path: JsonPath = []): JsonNode[] {
  const own = schema ? flatten(doc, schema) : undefined;
  const nodes: JsonNode[] = [{ path, value, schema: own ? resolve(doc, own) : undefined }];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) nodes.push(...nodesOf(doc, own?.items, item, [...path, index]));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) nodes.push(...nodesOf(doc, own?.properties?.[key], item, [...path, key]));
  }
  return nodes;
}

/** A copy of `value` with the node at `path` replaced (or removed, when `remove`). */
export function updateAt(value: unknown, path: JsonPath, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && remove) copy.splice(head as number, 1);
    else copy[head as number] = updateAt(copy[head as number], rest, replacement, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) delete copy[head as string];
  else copy[head as string] = updateAt(copy[head as string], rest, replacement, remove);
  return copy;
}

/** Picks one element by an index drawn from any range, so fast-check can shrink the index. */
export function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}
