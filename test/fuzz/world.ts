import { instantMs, isoUtc } from "./instants";
import type { FuzzOperation } from "./openapi-model";

/**
 * The rows the fuzz knows exist (seeded from the document's examples, grown
 * by accepted metadata writes): what the state digest and the read-backs
 * look at.
 */
export interface World {
  markets: Set<string>;
  brands: Set<string>;
  organizations: Set<string>;
  locations: Set<string>;
  /** duid → sensor id, to find a circuit's id for read-backs. */
  sensors: Map<string, string>;
  /** A window holding the seeded messages, [from, to). */
  messageWindow: [string, string];
  /** A window holding the seeded insights readings. */
  readingWindow: [string, string];
}

interface MetadataDoc {
  brands?: Array<{ id: string }>;
  organizations?: Array<{ id: string }>;
  locations?: Array<{ id: string }>;
  electric_sensors?: Array<{ id: string; duid: string }>;
}

const DAY = 86_400_000;

function windowAround(instants: string[], fallback: string): [string, string] {
  const ms = instants.map(instantMs).filter((value): value is number => value !== undefined);
  const times = ms.length ? ms : [instantMs(fallback)!];
  const day = (value: number) => Math.floor(value / DAY) * DAY;
  return [isoUtc(day(Math.min(...times)) - DAY), isoUtc(day(Math.max(...times)) + 2 * DAY)];
}

/** A world that knows nothing yet. */
export function emptyWorld(): World {
  return {
    markets: new Set(),
    brands: new Set(),
    organizations: new Set(),
    locations: new Set(),
    sensors: new Map(),
    messageWindow: ["", ""],
    readingWindow: ["", ""],
  };
}

/** The world the examples describe; `learn` adds what accepted writes create. */
export function worldFromExamples(operations: FuzzOperation[]): World {
  const example = (id: string) => operations.find((operation) => operation.id === id)?.bodyExample;
  const world = emptyWorld();
  const market = example("POST /v1/markets") as { name?: string } | undefined;
  if (market?.name) world.markets.add(market.name);
  learnMetadata(world, example("POST /v1/insights/metadata") as MetadataDoc | undefined);
  const messages = (example("POST /v1/messages") as { messages?: Array<{ timestamp: string }> } | undefined)?.messages ?? [];
  world.messageWindow = windowAround(
    messages.map((m) => m.timestamp),
    "2024-04-29T00:00:00Z",
  );
  const readings = (example("POST /v1/insights/readings") as Array<{ timestamp: string }> | undefined) ?? [];
  world.readingWindow = windowAround(
    readings.map((r) => r.timestamp),
    "2024-04-01T00:00:00Z",
  );
  return world;
}

/** Rows watched per kind: enough to see a write land, few enough that a digest stays a handful of reads. */
const MAX_WATCHED = 8;

function watch(set: Set<string>, value: string): void {
  if (set.size < MAX_WATCHED) set.add(value);
}

export function learnMetadata(world: World, doc: MetadataDoc | undefined): void {
  const ids = (rows: Array<{ id: string }> | undefined) => (rows ?? []).map((row) => row.id.toLowerCase());
  for (const id of ids(doc?.brands)) watch(world.brands, id);
  for (const id of ids(doc?.organizations)) watch(world.organizations, id);
  for (const id of ids(doc?.locations)) watch(world.locations, id);
  for (const sensor of doc?.electric_sensors ?? [])
    if (world.sensors.size < MAX_WATCHED || world.sensors.has(sensor.duid)) world.sensors.set(sensor.duid, sensor.id.toLowerCase());
}

/** Accepted writes that create rows the digest must then watch. */
export function learn(world: World, operation: FuzzOperation, body: unknown, path: Record<string, string>): void {
  if (operation.id === "POST /v1/insights/metadata") learnMetadata(world, body as MetadataDoc);
  if (operation.id === "POST /v1/markets") {
    const name = (body as { name?: unknown })?.name;
    if (typeof name === "string") watch(world.markets, name);
  }
  if (operation.id === "POST /v1/markets/{market}/readings" && path.market) watch(world.markets, path.market);
}
