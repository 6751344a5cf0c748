import { z } from "@hono/zod-openapi";
import { DAY_MS, MAX_WINDOW_DAYS, readInstant } from "../../../lib/instant";
import type { Resolution } from "../insights.schemas";
import type { TimeWindow } from "../usage-figures";
import { DEFAULT_PRESET, PRESET_NAMES, type Preset, RESOLUTION_NAMES } from "./chart-window";
import { parseWallTime, Zone } from "./zoned-time";

export const GROUPINGS = ["circuit", "location"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A GET form sends empty fields for blank inputs ("Automatic" resolution, no custom window): absent. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const TZ_HELP = "expected an IANA time zone name such as UTC, Europe/Amsterdam or America/New_York";

/**
 * A window bound: an instant with an offset (`2024-04-01T00:00:00Z`, as the API takes it), or a wall time in the
 * page's zone as a date or datetime-local input sends it (`2024-04-01`, `2024-04-01T02:00`).
 */
export function parseBound(text: string, zone: Zone): number | undefined {
  const instant = readInstant(text);
  return instant.ok ? instant.ms : parseWallTime(text, zone);
}

const BOUND_HELP = "expected a date (2024-04-01), a wall time in the page's zone (2024-04-01T02:00) or an instant with an offset";

const zoneOf = (tz: string | undefined) => (tz === undefined ? Zone.UTC : Zone.of(tz));

/** A dashboard URL's query: the window (a preset, or start and end), the zone, the resolution, the grouping, the format. */
export const ViewQuerySchema = z
  .object({
    preset: blankIsAbsent(z.enum(PRESET_NAMES as [Preset, ...Preset[]], { error: "expected 24h, 7d or 30d" })),
    start: blankIsAbsent(z.string().max(64)),
    end: blankIsAbsent(z.string().max(64)),
    tz: blankIsAbsent(
      z
        .string()
        .max(64)
        .refine((tz) => Zone.of(tz) !== undefined, { error: TZ_HELP }),
    ),
    resolution: blankIsAbsent(
      z.enum(RESOLUTION_NAMES as [Resolution, ...Resolution[]], { error: `expected one of ${RESOLUTION_NAMES.join(", ")}` }),
    ),
    group: blankIsAbsent(z.enum(GROUPINGS, { error: "expected circuit or location" })),
    format: blankIsAbsent(z.enum(["html", "csv"], { error: "expected html or csv" })),
  })
  .superRefine((query, ctx) => {
    if ((query.start === undefined) !== (query.end === undefined)) {
      const missing = query.start === undefined ? "start" : "end";
      ctx.addIssue({ code: "custom", path: [missing], message: "give both start and end, or neither (a preset)" });
      return;
    }
    if (query.start === undefined || query.end === undefined) return;
    if (query.preset !== undefined) {
      ctx.addIssue({ code: "custom", path: ["preset"], message: "give a preset or start and end, not both" });
    }
    const zone = zoneOf(query.tz);
    if (!zone) return;
    const from = parseBound(query.start, zone);
    const to = parseBound(query.end, zone);
    if (from === undefined) ctx.addIssue({ code: "custom", path: ["start"], message: BOUND_HELP });
    if (to === undefined) ctx.addIssue({ code: "custom", path: ["end"], message: BOUND_HELP });
    if (from === undefined || to === undefined) return;
    if (from >= to) ctx.addIssue({ code: "custom", path: ["start"], message: "start must be before end" });
    else if (to - from > MAX_WINDOW_DAYS * DAY_MS) {
      ctx.addIssue({ code: "custom", path: ["end"], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
    }
  });

/** What a valid dashboard URL asks for. */
export interface ViewRequest {
  /** The preset, when no custom window is given (24h by default). */
  preset: Preset | undefined;
  /** The custom window, as typed and as instants. */
  custom: { start: string; end: string; window: TimeWindow } | undefined;
  zone: Zone;
  /** Absent: automatic (at most MAX_AUTO_POINTS points a series). */
  resolution: Resolution | undefined;
  group: Grouping;
  csv: boolean;
}

export type ViewQuery = z.infer<typeof ViewQuerySchema>;

/** The request a query the schema accepted makes. */
export function viewRequest(query: ViewQuery): ViewRequest {
  const zone = zoneOf(query.tz)!;
  const custom =
    query.start !== undefined && query.end !== undefined
      ? { start: query.start, end: query.end, window: { from: parseBound(query.start, zone)!, to: parseBound(query.end, zone)! } }
      : undefined;
  return {
    preset: custom ? undefined : (query.preset ?? DEFAULT_PRESET),
    custom,
    zone,
    resolution: query.resolution,
    group: query.group ?? "circuit",
    csv: query.format === "csv",
  };
}
