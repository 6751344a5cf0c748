import { z } from "@hono/zod-openapi";
import { wellFormedString } from "../../lib/well-formed-string";
import { writeVersionField } from "../../lib/write-version";
import { normalizeNaiveTimestamp, normalizeWindowBound } from "./naive-timestamp";

/** Largest peak list a read can ask for, and the number of peaks kept per market at ingest. */
export const MAX_PEAK_LIMIT = 100;
export const MAX_READINGS_PER_BATCH = 10_000;

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export const MarketNameSchema = wellFormedString()
  .regex(NAME_PATTERN, "a market name starts with a letter and holds up to 64 letters, digits, '_', '.' or '-'")
  .openapi({ example: "spp" });

export const MarketRefParamSchema = z.object({
  market: z
    .string()
    .min(1)
    .max(64)
    .openapi({
      param: { name: "market", in: "path", description: "The market's name (`spp`) or numeric id (`1`)." },
      example: "spp",
    }),
});

const NaiveTimestampSchema = z
  .string()
  .refine((text) => normalizeNaiveTimestamp(text) !== undefined, {
    message: "expected a naive timestamp YYYY-MM-DD HH:MM:SS (or with T) naming a real date and time",
  })
  .openapi({ example: "2022-07-26 13:48:00" });

const WindowBoundSchema = (name: "from" | "to", description: string, example: string) =>
  z
    .string()
    .refine((text) => normalizeWindowBound(text) !== undefined, {
      message: "expected YYYY-MM-DD or a naive timestamp YYYY-MM-DD HH:MM:SS (or with T)",
    })
    .optional()
    .openapi({ param: { name, in: "query", description }, example });

/** A window's bounds in order; an unreadable bound is reported by its own field check. */
function fromBeforeTo(query: { from?: string; to?: string }): boolean {
  const from = query.from && normalizeWindowBound(query.from);
  const to = query.to && normalizeWindowBound(query.to);
  return !from || !to || from < to;
}

const FROM_BEFORE_TO = { message: "`from` must be before `to`", path: ["from"] };

export const LimitQuerySchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PEAK_LIMIT)
  .default(5)
  .openapi({
    param: { name: "limit", in: "query", description: `How many peaks per market, 1–${MAX_PEAK_LIMIT} (default 5).` },
    example: 5,
  });

export const FormatQuerySchema = z
  .enum(["json", "csv"])
  .optional()
  .openapi({
    param: {
      name: "format",
      in: "query",
      description: "`csv` answers text/csv (so does `Accept: text/csv`); default JSON.",
    },
    example: "csv",
  });

export const MarketPeaksQuerySchema = z
  .object({
    limit: LimitQuerySchema,
    from: WindowBoundSchema("from", "Only readings at or after this market-local time (inclusive).", "2022-07-01"),
    to: WindowBoundSchema("to", "Only readings before this market-local time (exclusive).", "2022-07-15 00:00:00"),
    format: FormatQuerySchema,
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

/** Bucket widths a readings chart can ask for, in seconds. */
export const READING_RESOLUTIONS = { "1m": 60, "5m": 300, "15m": 900, "1h": 3_600, "6h": 21_600, "1d": 86_400, "7d": 604_800 } as const;
export type BucketResolution = keyof typeof READING_RESOLUTIONS;
/** At most this many points (readings or buckets) in one answer: more than any chart can show. */
export const MAX_READING_POINTS = 10_000;

export const ReadingsQuerySchema = z
  .object({
    from: WindowBoundSchema("from", "Readings at or after this market-local time (inclusive); absent: the first.", "2022-07-01"),
    to: WindowBoundSchema("to", "Readings before this market-local time (exclusive); absent: after the last.", "2022-07-15"),
    resolution: z
      .enum(["auto", "raw", ...(Object.keys(READING_RESOLUTIONS) as BucketResolution[])])
      .default("auto")
      .openapi({
        param: {
          name: "resolution",
          in: "query",
          description:
            "`raw`: the readings themselves; `1m` … `7d`: per bucket of that width (UTC-aligned on the naive clock); " +
            `\`auto\` (default): raw when the window holds at most ${MAX_READING_POINTS} readings, else the finest width ` +
            `that gives at most ${MAX_READING_POINTS} buckets.`,
        },
        example: "auto",
      }),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export const ReadingPointSchema = z
  .object({
    timestamp: z.string().openapi({ example: "2022-07-26T13:48:00" }),
    usage_kw: z.number().openapi({ example: 977 }),
  })
  .openapi("ReadingPoint");

export const ReadingBucketSchema = z
  .object({
    start: z.string().openapi({ example: "2022-07-26T13:00:00", description: "The bucket's first instant (market-local)" }),
    count: z.number().int().openapi({ example: 60 }),
    min_kw: z.number().openapi({ example: 402.5 }),
    max_kw: z.number().openapi({ example: 977 }),
    mean_kw: z.number().openapi({ example: 688.31 }),
    max_at: z
      .string()
      .openapi({ example: "2022-07-26T13:48:00", description: "When the bucket's highest reading was (the earliest of equals)" }),
  })
  .openapi("ReadingBucket");

export const AllPeaksQuerySchema = z.object({ limit: LimitQuerySchema, format: FormatQuerySchema });

export const CompatPeaksQuerySchema = z.object({
  market_name: z
    .string()
    .min(1)
    .openapi({ param: { name: "market_name", in: "query", description: "The market's name." }, example: "spp" }),
});

export const CompatPeakSchema = z
  .object({
    usage_kw: z.number().openapi({ example: 996 }),
    market_name: z.string().openapi({ example: "spp" }),
    timestamp: z.string().openapi({ example: "2022-07-26T13:48:00" }),
  })
  .openapi("CompatPeak");

export const CompatPeaksSchema = z.array(CompatPeakSchema).openapi({
  example: [
    { usage_kw: 996, market_name: "spp", timestamp: "2022-07-26T13:48:00" },
    { usage_kw: 991, market_name: "spp", timestamp: "2022-07-02T10:19:54" },
  ],
});

export const RankedPeakSchema = z
  .object({
    rank: z.number().int().openapi({ example: 1 }),
    timestamp: z.string().openapi({ example: "2022-07-26T13:48:00", description: "Market-local, zone-less" }),
    usage_kw: z.number().openapi({ example: 996 }),
  })
  .openapi("RankedPeak");

export const MarketRefSchema = z
  .object({ id: z.number().int().openapi({ example: 1 }), name: z.string().openapi({ example: "spp" }) })
  .openapi("MarketRef");

export const MarketSchema = z
  .object({
    id: z.number().int().openapi({ example: 1 }),
    name: z.string().openapi({ example: "spp" }),
    reading_count: z.number().int().openapi({ example: 2000 }),
    first_reading_at: z.string().nullable().openapi({ example: "2022-07-01T00:04:10" }),
    last_reading_at: z.string().nullable().openapi({ example: "2022-07-31T23:52:13" }),
    changed_at: z
      .string()
      .nullable()
      .openapi({
        example: "2026-12-05T02:41:07.311Z",
        description:
          "When an ingest last inserted or changed one of the market's readings (UTC, unlike the readings' own " +
          "market-local times); null before the first. Re-sending stored readings leaves it as it is.",
      }),
  })
  .openapi("Market");

export const MarketListSchema = z.object({ markets: z.array(MarketSchema) });

export const MarketPeaksSchema = z
  .object({
    market: MarketRefSchema,
    limit: z.number().int().openapi({ example: 5 }),
    from: z.string().optional().openapi({ example: "2022-07-01T00:00:00" }),
    to: z.string().optional().openapi({ example: "2022-07-15T00:00:00" }),
    peaks: z.array(RankedPeakSchema),
  })
  .openapi("MarketPeaks");

export const AllPeaksSchema = z
  .object({
    limit: z.number().int().openapi({ example: 5 }),
    markets: z.array(z.object({ market: MarketRefSchema, peaks: z.array(RankedPeakSchema) })),
  })
  .openapi("AllPeaks");

/** The CSV form of a peaks read: one row per peak. */
export const PeaksCsvSchema = z.string().openapi({ example: "market_name,rank,timestamp,usage_kw\r\nspp,1,2022-07-26T13:48:00,996\r\n" });

export const CreateMarketSchema = z
  .object({
    name: MarketNameSchema,
    id: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .openapi({ example: 1, description: "Keep the source system's id; assigned when absent." }),
  })
  .openapi("CreateMarket", { example: { id: 1, name: "spp" } });

export const ReadingInputSchema = z
  .object({
    timestamp: NaiveTimestampSchema,
    usage_kw: z.number().finite().min(0).openapi({ example: 996 }),
  })
  .openapi("ReadingInput");

export const ReadingBatchSchema = z
  .object({
    readings: z.array(ReadingInputSchema).min(1).max(MAX_READINGS_PER_BATCH),
  })
  .openapi("ReadingBatch", {
    example: {
      readings: [
        { timestamp: "2022-07-26 13:48:00", usage_kw: 996 },
        { timestamp: "2022-07-02T10:19:54", usage_kw: 991 },
      ],
    },
  });

export const IngestResultSchema = z
  .object({
    market: MarketRefSchema,
    received: z.number().int().openapi({ example: 2 }),
    inserted: z.number().int().openapi({ example: 1 }),
    updated: z.number().int().openapi({ example: 1, description: "Readings whose usage was corrected" }),
    unchanged: z.number().int().openapi({ example: 0 }),
    version: writeVersionField("market's"),
  })
  .openapi("IngestResult");

export type ReadingInput = z.infer<typeof ReadingInputSchema>;
export type Market = z.infer<typeof MarketSchema>;

export const MarketReadingsSchema = z
  .object({
    market: MarketRefSchema,
    from: z.string().nullable().openapi({ example: "2022-07-01T00:00:00" }),
    to: z.string().nullable().openapi({ example: "2022-07-15T00:00:00" }),
    resolution: z.string().openapi({ example: "1h", description: "`raw`, or the bucket width used" }),
    readings: z.number().int().openapi({ example: 20160, description: "Readings in the window" }),
    points: z.array(ReadingPointSchema).optional().openapi({ description: "With resolution `raw`: the readings, in time order" }),
    buckets: z.array(ReadingBucketSchema).optional().openapi({ description: "With a bucket width: the non-empty buckets, in time order" }),
  })
  .openapi("MarketReadings");
