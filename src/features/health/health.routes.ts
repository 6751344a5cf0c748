import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent } from "../../lib/openapi";

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string().openapi({ example: "0.1.0" }),
  })
  .openapi("Health");

export const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness check",
  description: "Answers without touching storage: the baseline every benchmark compares against.",
  responses: {
    200: jsonContent(HealthSchema.openapi({ example: { status: "ok", version: "0.1.0" } }), "The Worker is up"),
  },
});
