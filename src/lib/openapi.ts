import { z } from "@hono/zod-openapi";
import { PROBLEM_TYPES, type ProblemKind, ProblemSchema } from "./problem";

const PROBLEM_DESCRIPTIONS: Partial<Record<number, string>> = {
  400: "Malformed request (for example a body that is not JSON)",
  401: "Missing or wrong bearer token",
  404: "Not found",
  409: "Conflicts with stored data",
  413: "Request body too large",
  422: "Invalid input: `errors` holds a JSON pointer per invalid field",
  426: "This endpoint speaks WebSocket: send `Upgrade: websocket`",
  429: "Rate limited",
};

/** OpenAPI `responses` entries for the problem+json answers a route can give. */
export function problemResponses(...statuses: number[]) {
  const responses: Record<number, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }> = {};
  for (const status of statuses) {
    responses[status] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? kindFor(status),
      content: { "application/problem+json": { schema: ProblemSchema } },
    };
  }
  return responses;
}

function kindFor(status: number): string {
  const entry = Object.values(PROBLEM_TYPES).find((meta) => meta.status === status);
  return entry?.title ?? "Error";
}

/** A JSON body or response entry with a description. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body: without `required`, zod-openapi skips validation of an absent body. */
export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { description, required: true, content: { "application/json": { schema } } };
}

/** Security requirement for routes that need the ingest token. */
export const WRITE_SECURITY = [{ bearerAuth: [] }];

export type { ProblemKind };

/** The request header of a WebSocket route: anything but `Upgrade: websocket` is answered 426. */
export const WebSocketUpgradeHeadersSchema = z.object({
  upgrade: z
    .string()
    .optional()
    .openapi({ param: { name: "upgrade", in: "header", description: "Must be `websocket` (426 otherwise)." }, example: "websocket" }),
});
