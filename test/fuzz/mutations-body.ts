import fc from "fast-check";
import { deepJson, EDGE_NUMBERS, hostileStringArb, VALUES_BY_TYPE } from "./hostile-values";
import { edgeInstantArb, shapeOf } from "./instants";
import { type JsonNode, nodesOf, pick, pointerOf, updateAt } from "./json-walk";
import { type Mutated, type Mutation, type MutationContext, unchanged } from "./mutation";
import { typesOf } from "./openapi-model";
import type { RequestParts } from "./request-parts";
import { violates } from "./schema-check";

const hasBody = ({ operation }: MutationContext) => operation.bodySchema !== undefined;

function bodyNodes(context: MutationContext, parts: RequestParts): JsonNode[] {
  return nodesOf(context.doc, context.operation.bodySchema, parts.body);
}

/** Replaces one node; a 422 naming it is owed whenever the schema alone rules the new value out. */
function replaced(parts: RequestParts, node: JsonNode, value: unknown, note: string): Mutated {
  const verdict = node.schema ? violates(node.schema, value) : undefined;
  return {
    parts: { ...parts, body: updateAt(parts.body, node.path, value) },
    expect: verdict ? { statuses: [422], namesField: { location: "body", pointer: pointerOf(node.path) } } : {},
    note: `${note} at ${pointerOf(node.path) || "the root"}`,
  };
}

const isLeaf = (node: JsonNode) => node.value === null || typeof node.value !== "object";

export const missingField: Mutation = {
  family: "missing-field",
  applies: hasBody,
  arb: (context, parts) =>
    fc.nat().map((index) => {
      const candidates = bodyNodes(context, parts).flatMap((node) =>
        (node.schema?.required ?? [])
          .filter((name) => node.value !== null && typeof node.value === "object" && name in (node.value as object))
          .map((name) => [...node.path, name]),
      );
      const path = pick(candidates, index);
      if (!path) return unchanged(parts, "no required field present");
      return {
        parts: { ...parts, body: updateAt(parts.body, path, undefined, true) },
        expect: { statuses: [422], namesField: { location: "body", pointer: pointerOf(path) } },
        note: `dropped ${pointerOf(path)}`,
      };
    }),
};

export const extraField: Mutation = {
  family: "extra-field",
  applies: hasBody,
  arb: (context, parts) =>
    fc
      .tuple(fc.nat(), fc.constantFrom("__proto__", "constructor", "extra", "id ", "ID"), hostileStringArb())
      .map(([index, key, hostile]) => {
        const objects = bodyNodes(context, parts).filter(
          (node) => node.value !== null && typeof node.value === "object" && !Array.isArray(node.value),
        );
        const node = pick(objects, index);
        if (!node) return unchanged(parts, "no object in the body");
        const value = { ...(node.value as object), [key]: hostile.value };
        return {
          parts: { ...parts, body: updateAt(parts.body, node.path, value) },
          expect: {},
          note: `added ${key} (${hostile.name}) at ${pointerOf(node.path) || "the root"}`,
        };
      }),
};

export const wrongType: Mutation = {
  family: "wrong-type",
  applies: hasBody,
  arb: (context, parts) =>
    fc.tuple(fc.nat(), fc.nat()).map(([nodeIndex, valueIndex]) => {
      const typed = bodyNodes(context, parts).filter((node) => node.schema && typesOf(node.schema).length > 0);
      const node = pick(typed, nodeIndex);
      if (!node) return unchanged(parts, "no typed node");
      const others = Object.values(VALUES_BY_TYPE)
        .flat()
        .filter((value) => violates(node.schema!, value) === true);
      return replaced(parts, node, pick(others, valueIndex), "wrong type");
    }),
};

export const edgeNumber: Mutation = {
  family: "edge-number",
  applies: hasBody,
  arb: (context, parts) =>
    fc.tuple(fc.nat(), fc.constantFrom(...EDGE_NUMBERS)).map(([index, value]) => {
      const numeric = bodyNodes(context, parts).filter((node) => typeof node.value === "number");
      const node = pick(numeric, index);
      return node ? replaced(parts, node, value, `edge number ${String(value)}`) : unchanged(parts, "no number in the body");
    }),
};

export const hostileString: Mutation = {
  family: "hostile-string",
  applies: hasBody,
  arb: (context, parts) =>
    fc.tuple(fc.nat(), hostileStringArb()).map(([index, hostile]) => {
      const strings = bodyNodes(context, parts).filter((node) => typeof node.value === "string");
      const node = pick(strings, index);
      return node ? replaced(parts, node, hostile.value, `${hostile.name} string`) : unchanged(parts, "no string in the body");
    }),
};

export const edgeInstant: Mutation = {
  family: "edge-instant",
  applies: hasBody,
  arb: (context, parts) =>
    fc.tuple(fc.nat(), fc.nat()).chain(([index]) => {
      const instants = bodyNodes(context, parts).filter((node) => isLeaf(node) && shapeOf(node.schema?.example));
      const node = pick(instants, index);
      if (!node) return fc.constant(unchanged(parts, "no instant in the body"));
      return edgeInstantArb(shapeOf(node.schema!.example)!).map((instant) => replaced(parts, node, instant, `edge instant ${instant}`));
    }),
};

export const deepNesting: Mutation = {
  family: "deep-json",
  applies: hasBody,
  arb: (_, parts) =>
    fc.boolean().map((objects) => ({
      parts: { ...parts, rawBody: deepJson(10_000, objects) },
      // Nested arrays fit no body schema; nested objects may (every field optional, unknown keys dropped).
      expect: objects ? {} : { statuses: [400, 422] },
      note: `10,000-deep ${objects ? "objects" : "arrays"}`,
    })),
};

export const duplicateKeys: Mutation = {
  family: "duplicate-keys",
  applies: hasBody,
  arb: (_, parts) =>
    fc.constantFrom<unknown>(null, 1, "x", [], {}).map((first) => {
      const body = parts.body;
      if (body === null || typeof body !== "object" || Array.isArray(body) || Object.keys(body).length === 0)
        return unchanged(parts, "no object body");
      const [key] = Object.keys(body);
      const text = JSON.stringify(body);
      // The same key twice: JSON.parse keeps the last, so the answer must be the valid request's.
      return {
        parts: { ...parts, rawBody: `{${JSON.stringify(key)}:${JSON.stringify(first)},${text.slice(1)}` },
        expect: {},
        note: `key ${key} twice`,
      };
    }),
};

export const notJson: Mutation = {
  family: "not-json",
  applies: hasBody,
  arb: (_, parts) =>
    fc.constantFrom("truncated", "single-quotes", "nul", "trailing-comma", "bom-garbage").map((kind) => {
      const text = JSON.stringify(parts.body) ?? "{}";
      const raw = {
        truncated: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
        "single-quotes": text.includes('"') ? text.replaceAll('"', "'") : "{'a':1}",
        nul: "\u0000",
        "trailing-comma": text.endsWith("}") ? `${text.slice(0, -1)},}` : `${text.slice(0, -1)},]`,
        "bom-garbage": "\ufeff{{",
      }[kind];
      return { parts: { ...parts, rawBody: raw }, expect: { statuses: [400] }, note: `body not JSON (${kind})` };
    }),
};

export const BODY_MUTATIONS: Mutation[] = [
  missingField,
  extraField,
  wrongType,
  edgeNumber,
  hostileString,
  edgeInstant,
  deepNesting,
  duplicateKeys,
  notJson,
];
