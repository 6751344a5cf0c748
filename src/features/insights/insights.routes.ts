import { createRoute } from "@hono/zod-openapi";
import { requireIngestToken } from "../../lib/auth";
import { jsonBody, jsonContent, problemResponses, WRITE_SECURITY } from "../../lib/openapi";
import {
  BrandIdParamSchema,
  BrandMetadataSchema,
  CircuitIdParamSchema,
  CircuitSummarySchema,
  CircuitUsageSchema,
  GroupUsageQuerySchema,
  LocationIdParamSchema,
  MetadataDocumentSchema,
  MetadataResultSchema,
  OptionalWindowQuerySchema,
  OrganizationIdParamSchema,
  OrganizationUsageSchema,
  SensorDetailSchema,
  SensorIdParamSchema,
  TimeseriesBatchSchema,
  TimeseriesResultSchema,
  UsageQuerySchema,
} from "./insights.schemas";

const tags = ["insights"];
const ROWS_READ =
  "The response's `X-Rows-Read` header says how many rows D1 read to answer (0 when the answer came from the isolate's " +
  "cache, which a write through the same isolate clears at once and others' writes within 1 s). Carries a strong ETag: " +
  "send it back in If-None-Match and an unchanged answer costs a 304 with no body.";
const NOT_MODIFIED = { description: "Not modified: the answer is still the one your If-None-Match names" };

export const getCircuitUsage = createRoute({
  method: "get",
  path: "/v1/circuits/{circuit_id}/usage",
  tags,
  summary: "Power usage of one circuit over a time window",
  description:
    "Total, average and peak power, energy and coverage of the circuit over `[start, end)`, with its sensor, location " +
    "and organisation. Whole days come from daily rollups, whole hours from hourly rollups, only the partial hours at " +
    `the edges from raw readings, so a one-year window costs about as much as a one-hour window. ${ROWS_READ}`,
  request: { params: CircuitIdParamSchema, query: UsageQuerySchema },
  responses: { 200: jsonContent(CircuitUsageSchema, "The circuit's usage"), 304: NOT_MODIFIED, ...problemResponses(404, 422) },
});

export type GetCircuitUsageRoute = typeof getCircuitUsage;

export const getOrganizationUsage = createRoute({
  method: "get",
  path: "/v1/organizations/{org_id}/usage",
  tags,
  summary: "Power usage of a whole organisation over a time window",
  description:
    "The organisation's totals across all its locations, with a per-location breakdown listing every circuit " +
    `(circuits without readings count, with sample_count 0). ${ROWS_READ}`,
  request: { params: OrganizationIdParamSchema, query: GroupUsageQuerySchema },
  responses: {
    200: jsonContent(OrganizationUsageSchema, "The organisation's usage"),
    304: NOT_MODIFIED,
    ...problemResponses(404, 422),
  },
});

export type GetOrganizationUsageRoute = typeof getOrganizationUsage;

export const getBrandMetadata = createRoute({
  method: "get",
  path: "/v1/brands/{brand_id}/metadata",
  tags,
  summary: "A brand with its organisations, locations, sensors and circuits",
  request: { params: BrandIdParamSchema },
  responses: { 200: jsonContent(BrandMetadataSchema, "The brand's tree"), ...problemResponses(404, 422) },
});

export type GetBrandMetadataRoute = typeof getBrandMetadata;

export const getSensor = createRoute({
  method: "get",
  path: "/v1/electric_sensors/{sensor_id}",
  tags,
  summary: "An electric sensor with its location, organisation and circuits",
  request: { params: SensorIdParamSchema },
  responses: { 200: jsonContent(SensorDetailSchema, "The sensor"), ...problemResponses(404, 422) },
});

export type GetSensorRoute = typeof getSensor;

export const getLocationCircuitSummary = createRoute({
  method: "get",
  path: "/v1/locations/{location_id}/circuit-summary",
  tags,
  summary: "A location with each of its circuits, and their usage over an optional window",
  description: `With a window, each circuit's usage and the location's. ${ROWS_READ}`,
  request: { params: LocationIdParamSchema, query: OptionalWindowQuerySchema },
  responses: { 200: jsonContent(CircuitSummarySchema, "The location's circuits"), 304: NOT_MODIFIED, ...problemResponses(404, 422) },
});

export type GetLocationCircuitSummaryRoute = typeof getLocationCircuitSummary;

export const ingestMetadata = createRoute({
  method: "post",
  path: "/v1/insights/metadata",
  tags,
  summary: "Create or update brands, organisations, locations, sensors and circuits",
  description:
    "One document, upserted atomically. References must resolve within the document or to stored rows; a duid names " +
    "one sensor. A circuit's id is the UUIDv5 of `<sensor id>:<circuit number>` in namespace " +
    "6f3c1e52-9d7a-5b8e-a1c4-2e9f0d8b7a61, so it is the same on every import; the answer lists them.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(MetadataDocumentSchema, "The metadata") },
  responses: { 200: jsonContent(MetadataResultSchema, "What changed, and the circuit ids"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type IngestMetadataRoute = typeof ingestMetadata;

export const ingestReadings = createRoute({
  method: "post",
  path: "/v1/insights/readings",
  tags,
  summary: "Ingest power readings in the monolith's time-series format",
  description:
    "Up to 50,000 readings `{duid, circuit_number, timestamp, power_watts}`, identified by (circuit, timestamp). " +
    "Re-sending changes nothing; a new value is a correction and the rollups follow. A batch naming an unknown " +
    "duid or circuit, or holding a bad value, is rejected whole with each offending item listed.",
  middleware: [requireIngestToken] as const,
  security: WRITE_SECURITY,
  request: { body: jsonBody(TimeseriesBatchSchema, "The readings") },
  responses: { 200: jsonContent(TimeseriesResultSchema, "What the batch changed"), ...problemResponses(400, 401, 409, 413, 422) },
});

export type IngestReadingsRoute = typeof ingestReadings;
