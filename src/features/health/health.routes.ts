import { createRoute } from "@hono/zod-openapi";
import { jsonContent } from "../../lib/openapi";
import { HealthSchema } from "./health.schemas";

export const getHealth = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness check",
  description: "Answers without touching storage: the baseline every benchmark compares against.",
  responses: {
    200: jsonContent(HealthSchema, "The Worker is up"),
  },
});

export type GetHealthRoute = typeof getHealth;
