import { z } from "@hono/zod-openapi";
import { digitsToNumber } from "../../../lib/decimal-digits";
import { normalizeWindowBound } from "../naive-timestamp";
import { MAX_PEAK_LIMIT } from "../peaks.schemas";

/** How many peaks a market page lists: 5 at least (the board's count), up to every peak the API serves. */
export const MIN_PEAKS_SHOWN = 5;
export const MAX_PEAKS_SHOWN = MAX_PEAK_LIMIT;
export const DEFAULT_PEAKS_SHOWN = 10;
/** The counts the page offers in its select; the URL takes any whole number in range. */
export const PEAKS_SHOWN_CHOICES = [5, 10, 20, 50, 100] as const;

const FormatSchema = z.enum(["html", "csv"], { error: "expected html or csv" }).optional();

/** An empty field (a GET form's blank input) counts as absent. */
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** A window bound as the peaks API takes it (market-local, zone-less), given back in the stored `T` form. */
const WindowBoundSchema = z.preprocess(
  blankIsAbsent,
  z
    .string()
    .transform((text, ctx) => {
      const bound = normalizeWindowBound(text);
      if (bound === undefined) {
        ctx.addIssue({ code: "custom", message: "expected YYYY-MM-DD or a timestamp YYYY-MM-DD HH:MM:SS (or with T), market-local" });
        return z.NEVER;
      }
      return bound;
    })
    .optional(),
);

/** The board's URL: nothing, or the CSV of what it shows. */
export const BoardQuerySchema = z.object({ format: FormatSchema });

/** A market page's URL state: how many peaks, the window (`[from, to)`, absent bounds: all the data), and the format. */
export const MarketPageQuerySchema = z
  .object({
    n: z.preprocess(
      (value) => digitsToNumber(blankIsAbsent(value)),
      z
        .number({ error: `expected a whole number from ${MIN_PEAKS_SHOWN} to ${MAX_PEAKS_SHOWN}` })
        .int()
        .min(MIN_PEAKS_SHOWN, `at least ${MIN_PEAKS_SHOWN}`)
        .max(MAX_PEAKS_SHOWN, `at most ${MAX_PEAKS_SHOWN}`)
        .default(DEFAULT_PEAKS_SHOWN),
    ),
    from: WindowBoundSchema,
    to: WindowBoundSchema,
    format: FormatSchema,
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    }
  });

export type MarketPageQuery = z.infer<typeof MarketPageQuerySchema>;
