import { z } from "@hono/zod-openapi";
import { MAX_WINDOW_DAYS } from "../../lib/instant";
import { instantString, instantWindow } from "../../lib/instant-window";
import { wellFormedString } from "../../lib/well-formed-string";
import { writeVersionField } from "../../lib/write-version";

export const MAX_READINGS_PER_REQUEST = 50_000;
/** Per kind in one metadata document: each kind travels as one bound JSON value, which D1 caps near 1 MB. */
export const MAX_METADATA_ROWS = 5_000;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Any 8-4-4-4-12 hex id (the monolith's seed ids are not all RFC-variant UUIDs), lower-cased. */
export const IdSchema = wellFormedString()
  .regex(UUID, "expected a UUID (8-4-4-4-12 hexadecimal digits)")
  .transform((id) => id.toLowerCase())
  .openapi({ example: "955c3c4d-3a03-4d79-9655-3871f5ad999d" });

function idParam<N extends string>(name: N, description: string, example: string) {
  const idSchema = z
    .string()
    .regex(UUID, "expected a UUID (8-4-4-4-12 hexadecimal digits)")
    .openapi({ param: { name, in: "path", description }, example });
  return z.object({ [name]: idSchema } as Record<N, typeof idSchema>);
}

export const CircuitIdParamSchema = idParam(
  "circuit_id",
  "The circuit's id (UUIDv5 of sensor id and circuit number).",
  "470d206c-b732-53fd-861e-984e41761150",
);
export const OrganizationIdParamSchema = idParam("org_id", "The organisation's id.", "955c3c4d-3a03-4d79-9655-3871f5ad999d");
export const BrandIdParamSchema = idParam("brand_id", "The brand's id.", "11111111-1111-1111-1111-111111111111");
export const SensorIdParamSchema = idParam("sensor_id", "The electric sensor's id.", "785097c8-2b34-410a-a8ea-bcaf10791c45");
export const LocationIdParamSchema = idParam("location_id", "The location's id.", "ea125f67-6b94-4992-8eb9-d832ae026106");

const instant = (name: "start" | "end", description: string, example: string) =>
  instantString().openapi({ param: { name, in: "query", description }, example });

export const RESOLUTIONS = { "1m": 60_000, "15m": 900_000, "1h": 3_600_000, "1d": 86_400_000 } as const;
export type Resolution = keyof typeof RESOLUTIONS;
export const MAX_SERIES_BUCKETS = 10_000;

const windowChecks = instantWindow("start", "end", MAX_WINDOW_DAYS);

const START_DOC = "Window start, inclusive: ISO 8601 with an offset (`Z` or `+02:00`).";
const END_DOC = `Window end, exclusive: ISO 8601 with an offset; after \`start\`, at most ${MAX_WINDOW_DAYS} days later.`;

export const UsageQuerySchema = z
  .object({
    start: instant("start", START_DOC, "2024-04-01T00:00:00Z"),
    end: instant("end", END_DOC, "2024-04-02T00:00:00Z"),
    resolution: z
      .enum(["1m", "15m", "1h", "1d"])
      .optional()
      .openapi({
        param: {
          name: "resolution",
          in: "query",
          description: `Adds a \`series\` of buckets of this size, aligned to \`start\` (at most ${MAX_SERIES_BUCKETS} buckets).`,
        },
        example: "1h",
      }),
  })
  .superRefine(windowChecks);

export const GroupUsageQuerySchema = z
  .object({ start: instant("start", START_DOC, "2024-04-01T00:00:00Z"), end: instant("end", END_DOC, "2024-04-02T00:00:00Z") })
  .superRefine(windowChecks);

export const OptionalWindowQuerySchema = z
  .object({
    start: instant("start", `${START_DOC} With \`end\`, adds each circuit's usage.`, "2024-04-01T00:00:00Z").optional(),
    end: instant("end", `${END_DOC} With \`start\`, adds each circuit's usage.`, "2024-04-02T00:00:00Z").optional(),
  })
  .superRefine(windowChecks)
  .refine((q) => (q.start === undefined) === (q.end === undefined), {
    message: "give both `start` and `end`, or neither",
    path: ["end"],
  });

const Named = (example: { id: string; name: string }) =>
  z.object({ id: z.string().openapi({ example: example.id }), name: z.string().openapi({ example: example.name }) });

export const UsageFiguresSchema = z
  .object({
    sample_count: z.number().int().openapi({ example: 1380 }),
    expected_samples: z.number().int().openapi({
      example: 1440,
      description: "Instants of the sensor's sample grid inside [start, end); the grid is anchored at the Unix epoch (k × sample interval)",
    }),
    coverage: z.number().openapi({
      example: 0.958333,
      description: "min(sample_count, expected_samples) / expected_samples, never above 1; 1 when no grid instant falls in the window",
    }),
    total_watts: z.number().openapi({ example: 17480232, description: "Sum of the readings (the origin's 'total watts')" }),
    avg_watts: z.number().nullable().openapi({ example: 12666.834, description: "total_watts / sample_count" }),
    max_watts: z.number().nullable().openapi({ example: 30110 }),
    max_at: z.string().nullable().openapi({ example: "2024-04-01T18:07:00Z", description: "Earliest time of max_watts" }),
    energy_wh: z.number().openapi({ example: 291337.2, description: "Σ power × sample interval, in watt-hours" }),
  })
  .openapi("UsageFigures");

export const GroupFiguresSchema = z
  .object({
    circuit_count: z.number().int().openapi({ example: 12 }),
    sample_count: z.number().int().openapi({ example: 17220 }),
    expected_samples: z.number().int().openapi({ example: 17280, description: "Σ of the circuits' expected_samples" }),
    coverage: z.number().openapi({
      example: 0.996528,
      description:
        "Σ min(sample_count, expected_samples) over circuits / expected_samples: one circuit's extra readings never hide another's gap",
    }),
    total_watts: z.number().openapi({ example: 512301223 }),
    avg_watts: z
      .number()
      .openapi({ example: 357301.5, description: "Σ over circuits of each circuit's avg_watts: the average total draw" }),
    avg_watts_per_circuit: z.number().nullable().openapi({ example: 29775.125, description: "avg_watts / circuit_count" }),
    energy_wh: z.number().openapi({ example: 8538353.7 }),
  })
  .openapi("GroupFigures");

const WindowSchema = z.object({
  start: z.string().openapi({ example: "2024-04-01T00:00:00Z" }),
  end: z.string().openapi({ example: "2024-04-02T00:00:00Z" }),
});

const CircuitRefSchema = z.object({
  id: z.string().openapi({ example: "470d206c-b732-53fd-861e-984e41761150" }),
  name: z.string().openapi({ example: "Circuit 1" }),
  number: z.number().int().openapi({ example: 1 }),
});
const SensorRefSchema = z.object({
  id: z.string().openapi({ example: "785097c8-2b34-410a-a8ea-bcaf10791c45" }),
  duid: z.string().openapi({ example: "6D12E310B371FCB1" }),
  name: z.string().openapi({ example: "Panel-1" }),
  sample_interval_seconds: z.number().int().openapi({ example: 60 }),
});
const LocationRefSchema = Named({ id: "ea125f67-6b94-4992-8eb9-d832ae026106", name: "East‑NYC" });
const OrganizationRefSchema = Named({ id: "955c3c4d-3a03-4d79-9655-3871f5ad999d", name: "East Franchise" });
const BrandRefSchema = Named({ id: "11111111-1111-1111-1111-111111111111", name: "DemoBrand" });

export const SeriesBucketSchema = UsageFiguresSchema.extend({
  start: z.string().openapi({ example: "2024-04-01T00:00:00Z" }),
  end: z.string().openapi({ example: "2024-04-01T01:00:00Z" }),
}).openapi("UsageBucket");

export const CircuitUsageSchema = z
  .object({
    circuit: CircuitRefSchema,
    sensor: SensorRefSchema,
    location: LocationRefSchema,
    organization: OrganizationRefSchema,
    window: WindowSchema,
    usage: UsageFiguresSchema,
    resolution: z.string().optional().openapi({ example: "1h" }),
    series: z.array(SeriesBucketSchema).optional(),
  })
  .openapi("CircuitUsage");

export const CircuitUsageRowSchema = z
  .object({ circuit: CircuitRefSchema, sensor: SensorRefSchema, usage: UsageFiguresSchema })
  .openapi("CircuitUsageRow");

export const LocationUsageSchema = z
  .object({ location: LocationRefSchema, usage: GroupFiguresSchema, circuits: z.array(CircuitUsageRowSchema) })
  .openapi("LocationUsage");

export const OrganizationUsageSchema = z
  .object({
    organization: OrganizationRefSchema.extend({ brand: BrandRefSchema }),
    window: WindowSchema,
    usage: GroupFiguresSchema,
    locations: z.array(LocationUsageSchema),
  })
  .openapi("OrganizationUsage");

const CircuitMetaSchema = CircuitRefSchema;
const SensorMetaSchema = SensorRefSchema.extend({ circuits: z.array(CircuitMetaSchema) });
const LocationMetaSchema = LocationRefSchema.extend({ electric_sensors: z.array(SensorMetaSchema) });
const OrganizationMetaSchema = OrganizationRefSchema.extend({ locations: z.array(LocationMetaSchema) });

export const BrandMetadataSchema = BrandRefSchema.extend({ organizations: z.array(OrganizationMetaSchema) }).openapi("BrandMetadata");

export const SensorDetailSchema = SensorRefSchema.extend({
  location: LocationRefSchema,
  organization: OrganizationRefSchema,
  brand: BrandRefSchema,
  circuits: z.array(CircuitMetaSchema),
}).openapi("ElectricSensor");

export const CircuitSummarySchema = z
  .object({
    location: LocationRefSchema,
    organization: OrganizationRefSchema,
    window: WindowSchema.optional(),
    usage: GroupFiguresSchema.optional(),
    circuits: z.array(CircuitRefSchema.extend({ sensor: SensorRefSchema, usage: UsageFiguresSchema.optional() })),
  })
  .openapi("LocationCircuitSummary");

// ── writes ──
const NameSchema = wellFormedString().trim().min(1).max(200);

export const MetadataDocumentSchema = z
  .object({
    brands: z
      .array(z.object({ id: IdSchema, name: NameSchema }))
      .max(MAX_METADATA_ROWS)
      .default([]),
    organizations: z
      .array(z.object({ id: IdSchema, brand_id: IdSchema, name: NameSchema }))
      .max(MAX_METADATA_ROWS)
      .default([]),
    locations: z
      .array(z.object({ id: IdSchema, organization_id: IdSchema, name: NameSchema }))
      .max(MAX_METADATA_ROWS)
      .default([]),
    electric_sensors: z
      .array(
        z.object({
          id: IdSchema,
          duid: wellFormedString().trim().min(1).max(64),
          name: NameSchema,
          location_id: IdSchema,
          sample_interval_seconds: z.number().int().min(1).max(86_400).default(60),
        }),
      )
      .max(MAX_METADATA_ROWS)
      .default([]),
    circuits: z
      .array(z.object({ sensor_id: IdSchema, circuit_number: z.number().int().min(0).max(1_000_000), name: NameSchema }))
      .max(MAX_METADATA_ROWS)
      .default([]),
  })
  .openapi("MetadataDocument", {
    example: {
      brands: [{ id: "11111111-1111-1111-1111-111111111111", name: "DemoBrand" }],
      organizations: [
        { id: "955c3c4d-3a03-4d79-9655-3871f5ad999d", brand_id: "11111111-1111-1111-1111-111111111111", name: "East Franchise" },
      ],
      locations: [
        { id: "ea125f67-6b94-4992-8eb9-d832ae026106", organization_id: "955c3c4d-3a03-4d79-9655-3871f5ad999d", name: "East‑NYC" },
      ],
      electric_sensors: [
        {
          id: "785097c8-2b34-410a-a8ea-bcaf10791c45",
          duid: "6D12E310B371FCB1",
          name: "Panel-1",
          location_id: "ea125f67-6b94-4992-8eb9-d832ae026106",
          sample_interval_seconds: 60,
        },
      ],
      circuits: [{ sensor_id: "785097c8-2b34-410a-a8ea-bcaf10791c45", circuit_number: 1, name: "Circuit 1" }],
    },
  });

const CountsSchema = z.object({
  inserted: z.number().int().openapi({ example: 1 }),
  updated: z.number().int().openapi({ example: 0 }),
  unchanged: z.number().int().openapi({ example: 0 }),
});

export const MetadataResultSchema = z
  .object({
    brands: CountsSchema,
    organizations: CountsSchema,
    locations: CountsSchema,
    electric_sensors: CountsSchema,
    circuits: CountsSchema,
    circuit_ids: z.array(
      z.object({
        sensor_id: z.string().openapi({ example: "785097c8-2b34-410a-a8ea-bcaf10791c45" }),
        circuit_number: z.number().int().openapi({ example: 1 }),
        id: z.string().openapi({ example: "470d206c-b732-53fd-861e-984e41761150" }),
      }),
    ),
    version: writeVersionField("insights"),
  })
  .openapi("MetadataResult");

export const TimeseriesBatchSchema = z
  .array(
    z.object({
      duid: wellFormedString().min(1).openapi({ example: "6D12E310B371FCB1" }),
      circuit_number: z.number().int().min(0).openapi({ example: 1 }),
      timestamp: instantString().openapi({ example: "2024-04-01T00:00:00Z" }),
      power_watts: z.number().finite().min(0).openapi({ example: 12674 }),
    }),
  )
  .min(1)
  .max(MAX_READINGS_PER_REQUEST)
  .openapi("TimeseriesBatch", {
    example: [
      { duid: "6D12E310B371FCB1", circuit_number: 1, timestamp: "2024-04-01T00:00:00Z", power_watts: 12674 },
      { duid: "6D12E310B371FCB1", circuit_number: 2, timestamp: "2024-04-01T00:00:00Z", power_watts: 23274 },
    ],
  });

export const TimeseriesResultSchema = z
  .object({
    received: z.number().int().openapi({ example: 2 }),
    inserted: z.number().int().openapi({ example: 2 }),
    updated: z.number().int().openapi({ example: 0 }),
    unchanged: z.number().int().openapi({ example: 0 }),
    circuits: z.number().int().openapi({ example: 2, description: "Circuits the batch touched" }),
    version: writeVersionField("insights"),
  })
  .openapi("TimeseriesResult");

export type MetadataDocument = z.infer<typeof MetadataDocumentSchema>;
export type TimeseriesBatch = z.infer<typeof TimeseriesBatchSchema>;
export type UsageQuery = z.infer<typeof UsageQuerySchema>;
