import { z } from "@hono/zod-openapi";
import { digitsToNumber } from "../../../lib/decimal-digits";
import { isIsoDay } from "../../../lib/instant";
import { instantString, instantWindow } from "../../../lib/instant-window";
import { MAX_WINDOW_DAYS } from "../credits.schemas";

/** Rows per page of the messages table a person can choose; the default keeps a page light on a phone. */
export const ROWS_PER_PAGE = [25, 50, 100, 250, 500, 1000] as const;
export type RowsPerPage = (typeof ROWS_PER_PAGE)[number];
export const DEFAULT_ROWS_PER_PAGE: RowsPerPage = 100;

/** A whole number from the URL: digits only; an empty field (a GET form's blank input) counts as absent. */
const WholeNumberSchema = (max: number) =>
  z.preprocess(
    (value) => (value === "" ? undefined : digitsToNumber(value)),
    z.number({ error: "expected a whole number, 1 or more" }).int().positive().max(max).optional(),
  );

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
    message: WholeNumberSchema(Number.MAX_SAFE_INTEGER),
    page: WholeNumberSchema(1_000_000),
    per_page: z.preprocess(
      (value) => (value === "" ? undefined : digitsToNumber(value)),
      z
        .custom<RowsPerPage>((rows) => (ROWS_PER_PAGE as readonly unknown[]).includes(rows), {
          message: `rows per page is one of ${ROWS_PER_PAGE.join(", ")}`,
        })
        .optional(),
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
