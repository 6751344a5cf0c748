import { z } from "@hono/zod-openapi";
import { isIsoDay } from "../../../lib/instant";
import { instantString, instantWindow } from "../../../lib/instant-window";
import { MAX_WINDOW_DAYS } from "../credits.schemas";

/** A window bound from the URL: an ISO instant with an offset, or a UTC day (its midnight); empty means absent. */
const WindowBoundSchema = z.preprocess((value) => {
  if (value === "") return undefined;
  return typeof value === "string" && isIsoDay(value) ? `${value}T00:00:00Z` : value;
}, instantString("2024-06-01").optional());

/** The dashboard's URL state. Absent bounds: the current billing period. */
export const DashboardQuerySchema = z
  .object({
    from: WindowBoundSchema,
    to: WindowBoundSchema,
    sort: z.string().max(200).optional(),
    message: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    ),
    format: z.enum(["html", "csv"]).optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.from === undefined) !== (query.to === undefined)) {
      ctx.addIssue({ code: "custom", path: [query.from === undefined ? "from" : "to"], message: "give both from and to, or neither" });
    }
  })
  .superRefine(instantWindow("from", "to", MAX_WINDOW_DAYS));

export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;
