import fc from "fast-check";
import { EDGE_NUMBERS, HOSTILE_SEGMENTS, hostileStringArb } from "./hostile-values";
import { civilMs, edgeInstantArb, instantMs, isoUtc, naiveKey, shapeOf } from "./instants";
import { pick } from "./json-walk";
import { type Mutated, type Mutation, type MutationContext, unchanged } from "./mutation";
import { type Parameter, parametersIn, typesOf } from "./openapi-model";
import type { RequestParts } from "./request-parts";
import { violatesParam } from "./schema-check";

const params = ({ operation }: MutationContext, where: Parameter["in"]) => parametersIn(operation, where);
const hasParams = (context: MutationContext) => params(context, "path").length + params(context, "query").length > 0;

/** Sets one parameter to a text; a 422 naming it is owed when its schema alone rules the text out. */
function withParam(parts: RequestParts, parameter: Parameter, text: string, note: string): Mutated {
  // An empty path segment changes the route itself: routing answers, not validation.
  const routed = parameter.in === "path" && text === "";
  const verdict = parameter.schema && !routed ? violatesParam(parameter.schema, text) : undefined;
  const next: RequestParts =
    parameter.in === "path"
      ? { ...parts, path: { ...parts.path, [parameter.name]: text } }
      : { ...parts, query: [...parts.query.filter(([name]) => name !== parameter.name), [parameter.name, text]] };
  const expect = verdict ? { statuses: [422], namesField: { location: parameter.in, pointer: `/${parameter.name}` } } : {};
  return { parts: next, expect, note: `${note} in ${parameter.in} parameter ${parameter.name}` };
}

function paramValueMutation(
  family: string,
  values: (parameter: Parameter) => fc.Arbitrary<{ text: string; name: string }> | undefined,
): Mutation {
  return {
    family,
    applies: hasParams,
    arb: (context, parts) => {
      const candidates = [...params(context, "path"), ...params(context, "query")].filter((p) => values(p) !== undefined);
      if (candidates.length === 0) return fc.constant(unchanged(parts, "no parameter fits"));
      return fc.nat({ max: candidates.length - 1 }).chain((index) => {
        const parameter = candidates[index]!;
        return values(parameter)!.map(({ text, name }) => withParam(parts, parameter, text, name));
      });
    },
  };
}

const isNumeric = (p: Parameter) => typesOf(p.schema ?? {}).some((type) => type === "integer" || type === "number");

/**
 * A URL stays under the platform's own limit (Cloudflare: 16 KB; wrangler dev answers 431 from the runtime
 * above ~16 KB of request line and headers, before the Worker runs), so the 100 KB string is cut to 2,048
 * characters here: at most ~12 KB once percent-encoded.
 */
const MAX_PARAM_CHARS = 2 * 1024;

export const paramHostileString = paramValueMutation("param-hostile-string", () =>
  hostileStringArb().map(({ name, value }) => ({ text: value.slice(0, MAX_PARAM_CHARS), name })),
);
export const paramEdgeNumber = paramValueMutation("param-edge-number", (p) =>
  isNumeric(p)
    ? fc.constantFrom(...EDGE_NUMBERS.map((value) => ({ text: String(value), name: `edge number ${String(value)}` })))
    : undefined,
);
export const paramEdgeInstant = paramValueMutation("param-edge-instant", (p) => {
  const shape = shapeOf(p.example ?? p.schema?.example);
  return shape ? edgeInstantArb(shape).map((text) => ({ text, name: `edge instant ${text}` })) : undefined;
});

const instantParams = (context: MutationContext) =>
  params(context, "query").filter((p) => {
    const shape = shapeOf(p.example ?? p.schema?.example);
    return shape === "instant" || shape === "naive";
  });

/** Moves an instant by `ms`, spelled as the original was (UTC for instants, zone-less for naive ones). */
function shifted(text: string, ms: number): string | undefined {
  const instant = instantMs(text);
  if (instant !== undefined) return isoUtc(instant + ms);
  const key = naiveKey(text);
  if (!key) return undefined;
  const base = civilMs(+key.slice(0, 4), +key.slice(5, 7), +key.slice(8, 10), +key.slice(11, 13), +key.slice(14, 16), +key.slice(17, 19));
  return isoUtc(base + ms)
    .slice(0, 19)
    .replace("T", " ");
}

/**
 * A valid window at an edge instant (years 0000–0099, before 1970, leap days, every offset): the window's two
 * parameters an hour, a day or a millisecond apart, so the app answers 200 and its echo of them is checked.
 */
export const paramEdgeWindow: Mutation = {
  family: "param-edge-window",
  applies: (context) => instantParams(context).length >= 2,
  arb: (context, parts) => {
    const [first, second] = instantParams(context) as [Parameter, Parameter];
    const shape = shapeOf(first.example ?? first.schema?.example)!;
    return fc.tuple(edgeInstantArb(shape), fc.constantFrom(1, 3_600_000, 86_400_000)).map(([start, length]) => {
      const end = shifted(start, length);
      if (!end) return unchanged(parts, "edge instant not shiftable");
      const query = parts.query.filter(([name]) => name !== first.name && name !== second.name);
      return {
        parts: { ...parts, query: [...query, [first.name, start], [second.name, end]] },
        expect: {},
        note: `window ${start} .. ${end}`,
      };
    });
  },
};

export const missingParam: Mutation = {
  family: "missing-param",
  applies: (context) => params(context, "query").some((p) => p.required),
  arb: (context, parts) =>
    fc.constantFrom(...params(context, "query").filter((p) => p.required)).map((parameter) => ({
      parts: { ...parts, query: parts.query.filter(([name]) => name !== parameter.name) },
      expect: { statuses: [422], namesField: { location: "query", pointer: `/${parameter.name}` } },
      note: `dropped query parameter ${parameter.name}`,
    })),
};

export const pathSegment: Mutation = {
  family: "path-segment",
  applies: (context) => params(context, "path").length > 0,
  arb: (context, parts) =>
    fc.tuple(fc.constantFrom(...params(context, "path")), fc.constantFrom(...HOSTILE_SEGMENTS)).map(([parameter, segment]) => ({
      parts: { ...parts, rawPath: { ...parts.rawPath, [parameter.name]: segment } },
      expect: {},
      note: `path segment ${segment} as ${parameter.name}`,
    })),
};

export const queryNoise: Mutation = {
  family: "query-noise",
  applies: () => true,
  arb: (_context, parts) =>
    fc.tuple(fc.nat(), fc.constantFrom("repeat", "unknown", "empty-name", "no-value")).map(([index, kind]): Mutated => {
      const existing = pick(parts.query, index);
      const query: Array<[string, string]> = {
        repeat: existing ? [...parts.query, [existing[0], `${existing[1]}x`] as [string, string]] : parts.query,
        unknown: [...parts.query, ["__fuzz", "1"] as [string, string]],
        "empty-name": [...parts.query, ["", "x"] as [string, string]],
        "no-value": existing ? [...parts.query.filter((pair) => pair !== existing), [existing[0], ""] as [string, string]] : parts.query,
      }[kind];
      return { parts: { ...parts, query }, expect: {}, note: `query ${kind}` };
    }),
};

const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/octet-stream",
  "json",
  "application/jsonp",
];

export const contentType: Mutation = {
  family: "content-type",
  applies: (context) => context.operation.bodySchema !== undefined,
  arb: (_, parts) =>
    fc.constantFrom<string | null>(null, ...WRONG_TYPES).map((type) => ({
      parts: { ...parts, headers: { ...parts.headers, "Content-Type": type } },
      expect: { statuses: [400, 415, 422] },
      note: type === null ? "no Content-Type" : `Content-Type ${type}`,
    })),
};

export const emptyBody: Mutation = {
  family: "empty-body",
  applies: (context) => context.operation.bodySchema !== undefined,
  arb: (_, parts) =>
    fc.constant({ parts: { ...parts, rawBody: "" }, expect: { statuses: [400, 422] }, note: "empty body with a JSON Content-Type" }),
};

export const badToken: Mutation = {
  family: "auth",
  applies: (context) => context.operation.isWrite,
  arb: (_, parts) =>
    fc
      .constantFrom<string | null>(null, "Bearer", "Bearer ", "Bearer wrong-token", "Basic dXNlcjpwYXNz", "bearer", "Bearer  wrong")
      .map((value) => ({
        parts: { ...parts, headers: { ...parts.headers, Authorization: value } },
        expect: { statuses: [401] },
        note: value === null ? "no Authorization" : `Authorization ${JSON.stringify(value)}`,
      })),
};

/** Ids the app promises to echo: at most 255 characters of the set Hono's requestId accepts. */
export const ECHOED_REQUEST_ID = /^[\w\-=]{1,255}$/;

export const requestId: Mutation = {
  family: "request-id",
  applies: () => true,
  arb: (_, parts) =>
    fc
      .oneof(
        fc.constantFrom("a".repeat(255), "a".repeat(256), "id with spaces", "ü-ñ", "=-_", "x".repeat(10_000), ""),
        fc.stringMatching(/^[\w\-=]{1,255}$/),
      )
      .map((id) => ({
        parts: { ...parts, headers: { ...parts.headers, "X-Request-Id": id } },
        expect: {},
        note: `X-Request-Id of ${id.length} characters`,
      })),
};

export const wrongMethod: Mutation = {
  family: "wrong-method",
  applies: () => true,
  arb: (context, parts) => {
    const allowed = new Set(Object.keys(context.doc.paths[context.operation.template] ?? {}).map((method) => method.toUpperCase()));
    const others = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => !allowed.has(method));
    if (others.length === 0) return fc.constant(unchanged(parts, "every method is allowed"));
    return fc
      .constantFrom(...others)
      .map((method) => ({ parts, method, expect: { statuses: [405] }, note: `${method} on ${context.operation.template}` }));
  },
};

export const REQUEST_MUTATIONS: Mutation[] = [
  paramHostileString,
  paramEdgeNumber,
  paramEdgeInstant,
  paramEdgeWindow,
  missingParam,
  pathSegment,
  queryNoise,
  contentType,
  emptyBody,
  badToken,
  requestId,
  wrongMethod,
];
