import { createRoute, type z } from "@hono/zod-openapi";
import { requireIngestToken } from "../../lib/auth";
import { jsonBody, jsonContent, problemResponses, WRITE_SECURITY } from "../../lib/openapi";
import {
  AllPeaksQuerySchema,
  AllPeaksSchema,
  CompatPeaksQuerySchema,
  CompatPeaksSchema,
  CreateMarketSchema,
  IngestResultSchema,
  MarketListSchema,
  MarketPeaksQuerySchema,
  MarketPeaksSchema,
  MarketReadingsSchema,
  MarketRefParamSchema,
  MarketSchema,
  PeaksCsvSchema,
  ReadingBatchSchema,
  ReadingsQuerySchema,
} from "./peaks.schemas";

const tags = ["peaks"];

/** A cacheable read: JSON or CSV, ETag-validated. */
function cachedRead<T extends z.ZodType>(schema: T, description: string) {
  return {
    200: {
      description: `${description}. Carries ETag and Cache-Control; \`format=csv\` or \`Accept: text/csv\` answers CSV.`,
      content: {
        "application/json": { schema },
        "text/csv": { schema: PeaksCsvSchema },
      },
    },
    304: { description: "Not modified: the client's If-None-Match matches the current ETag" },
  };
}

export const getCompatPeaks = createRoute({
  method: "get",
  path: "/peaks",
  tags,
  summary: "Top 5 usage readings of a market (origin contract)",
  description:
    "The origin's contract: exactly the 5 highest readings of the market (fewer if it has fewer), highest first, " +
    "ties broken by the earlier timestamp. Served from the peak table held in memory.",
  request: { query: CompatPeaksQuerySchema },
  responses: {
    200: {
      description: "The market's 5 highest readings. Carries ETag and Cache-Control.",
      content: {
        "application/json": {
          schema: CompatPeaksSchema,
        },
      },
    },
    304: { description: "Not modified" },
    ...problemResponses(404, 422),
  },
});

export type GetCompatPeaksRoute = typeof getCompatPeaks;

export const listMarkets = createRoute({
  method: "get",
  path: "/v1/markets",
  tags,
  summary: "List markets with reading counts",
  description: "Every market with its number of readings and the times of its first and last reading.",
  responses: {
    200: {
      description: "All markets, by id. Carries ETag and Cache-Control.",
      content: { "application/json": { schema: MarketListSchema } },
    },
    304: { description: "Not modified" },
  },
});

export type ListMarketsRoute = typeof listMarkets;

export const getMarket = createRoute({
  method: "get",
  path: "/v1/markets/{market}",
  tags,
  summary: "One market with its reading count",
  request: { params: MarketRefParamSchema },
  responses: {
    200: jsonContent(MarketSchema, "The market"),
    ...problemResponses(404, 422),
  },
});

export type GetMarketRoute = typeof getMarket;

export const getMarketPeaks = createRoute({
  method: "get",
  path: "/v1/markets/{market}/peaks",
  tags,
  summary: "Top N usage readings of a market, optionally within a time window",
  description:
    "Without a window, served from the peak table (the top 100 readings of every market, rebuilt at each ingest) held " +
    "in memory. With `from` and/or `to` (market-local, `[from, to)`), answered from the readings' rank index.",
  request: { params: MarketRefParamSchema, query: MarketPeaksQuerySchema },
  responses: { ...cachedRead(MarketPeaksSchema, "The market's top readings"), ...problemResponses(404, 422) },
});

export type GetMarketPeaksRoute = typeof getMarketPeaks;

export const getAllPeaks = createRoute({
  method: "get",
  path: "/v1/peaks",
  tags,
  summary: "Top N usage readings of every market in one response",
  description: "What the Peak Usage dashboard renders in one call: each market's top N readings, markets by id.",
  request: { query: AllPeaksQuerySchema },
  responses: { ...cachedRead(AllPeaksSchema, "Every market's top readings"), ...problemResponses(422) },
});

export type GetAllPeaksRoute = typeof getAllPeaks;

export const createMarket = createRoute({
  method: "post",
  path: "/v1/markets",
  tags,
  summary: "Create a market",
  description:
    "Creates a market by name, optionally with the source system's id. Sending an identical market again answers 200 " +
    "with it; a name or id already taken by another market is a 409.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(CreateMarketSchema, "The market to create") },
  responses: {
    201: jsonContent(MarketSchema, "Created"),
    200: jsonContent(MarketSchema, "The identical market already existed: nothing changed"),
    ...problemResponses(400, 401, 409, 413, 422),
  },
});

export type CreateMarketRoute = typeof createMarket;

export const ingestReadings = createRoute({
  method: "post",
  path: "/v1/markets/{market}/readings",
  tags,
  summary: "Ingest a batch of usage readings",
  description:
    "Up to 10,000 readings per request, identified by (market, timestamp). Re-sending a reading changes nothing; a new " +
    "value for an existing timestamp corrects it. The readings and the market's peak table are written in one atomic " +
    "D1 batch. A batch with any invalid row is rejected whole (422 naming each bad row and field) and writes nothing.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { params: MarketRefParamSchema, body: jsonBody(ReadingBatchSchema, "The readings") },
  responses: {
    200: jsonContent(IngestResultSchema, "What the batch changed"),
    ...problemResponses(400, 401, 404, 409, 413, 422),
  },
});

export type IngestReadingsRoute = typeof ingestReadings;

export const listMarketReadings = createRoute({
  method: "get",
  path: "/v1/markets/{market}/readings",
  tags,
  summary: "A market's readings over a window, raw or per bucket, for charts",
  description:
    "The readings of `[from, to)` (market-local; absent bounds: all the market's data) in time order, or per bucket " +
    "of a width (`1m` … `7d`) with count, min, max, mean and when the max was. At most 10,000 points: `auto` picks raw " +
    "readings when the window holds that many or fewer, else the finest width that fits; an explicit resolution " +
    "that would give more is a 422. Served from the readings' (market_id, ts) primary key: the cost is one range " +
    "scan over the window's readings (a count first for `auto`), so it grows linearly with the readings in the " +
    "window, not with the market's history; buckets add one sort of those readings. An answer is kept per data " +
    "version, so the same window read again costs no query; it carries a strong ETag (If-None-Match → 304).",
  request: { params: MarketRefParamSchema, query: ReadingsQuerySchema },
  responses: {
    200: jsonContent(MarketReadingsSchema, "The window's points or buckets"),
    304: { description: "Not modified: the client's If-None-Match matches the current ETag" },
    ...problemResponses(404, 422),
  },
});

export type ListMarketReadingsRoute = typeof listMarketReadings;
