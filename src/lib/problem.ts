import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One invalid field: a JSON pointer into the named part of the request. */
export const FieldErrorSchema = z
  .object({
    pointer: z.string().openapi({ example: "/readings/3/usage_kw" }),
    location: z.enum(["body", "query", "path", "header", "cookie", "form"]).openapi({ example: "body" }),
    detail: z.string().openapi({ example: "Expected number, received string" }),
  })
  .openapi("FieldError");

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://energy-edge.dev/problems/validation" }),
    title: z.string().openapi({ example: "Request validation failed" }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().optional().openapi({ example: "2 fields are invalid" }),
    instance: z.string().optional().openapi({ example: "/v1/markets/spp/peaks" }),
    request_id: z.string().optional().openapi({ example: "3f0c2a4e-8f7b-4c2e-9a43-1f2d3c4b5a69" }),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .passthrough()
  .openapi("Problem", { description: "RFC 9457 problem details" });

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;

const PROBLEM_BASE = "https://energy-edge.dev/problems/";

/** Problem types the API answers with; each has a stable `type` URI and title. */
export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "upgrade-required": { status: 426, title: "Upgrade required" },
  validation: { status: 422, title: "Request validation failed" },
  unprocessable: { status: 422, title: "Unprocessable request" },
  "too-many-requests": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  "bad-gateway": { status: 502, title: "Upstream failure" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

export interface ProblemInit {
  detail?: string;
  errors?: FieldError[];
  /** Overrides the kind's default title. */
  title?: string;
  /** Extension members (RFC 9457 §3.2), e.g. `nearest_feasible_loads`. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Thrown anywhere in a request to answer with a problem+json response.
 * The app's error handler turns it into the response, so handlers and
 * domain adapters need no access to the Context.
 */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly init: ProblemInit;

  constructor(kind: ProblemKind, init: ProblemInit = {}) {
    super(init.detail ?? PROBLEM_TYPES[kind].title);
    this.name = "ProblemError";
    this.kind = kind;
    this.init = init;
  }
}

export function problemBody(c: Context, kind: ProblemKind, init: ProblemInit = {}): Problem {
  const meta = PROBLEM_TYPES[kind];
  const body: Problem = {
    type: PROBLEM_BASE + kind,
    title: init.title ?? meta.title,
    status: meta.status,
    instance: c.req.path,
  };
  if (init.detail !== undefined) body.detail = init.detail;
  const requestId = c.get("requestId") as string | undefined;
  if (requestId) body.request_id = requestId;
  if (init.errors) body.errors = init.errors;
  return { ...init.extensions, ...body };
}

export function problemResponse(c: Context, kind: ProblemKind, init: ProblemInit = {}): Response {
  const body = problemBody(c, kind, init);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "Content-Type": "application/problem+json", ...init.headers },
  });
}

/** JSON Pointer (RFC 6901) of a zod issue path. */
export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
