import { read } from "./exchange";
import type { FuzzConfig } from "./fuzz-types";
import { civilMs, instantMs, isoUtc, naiveKey, naiveOf } from "./instants";
import type { FuzzOperation } from "./openapi-model";
import type { RequestParts } from "./request-parts";
import type { World } from "./world";

const DAY = 86_400_000;
/** Targeted reads per write: enough to cover what a small batch touches. */
const MAX_TARGETED = 4;

const q = encodeURIComponent;

/** Reads every stored thing the fuzz watches: the answers, byte for byte, are the state. */
function baseReads(world: World): string[] {
  const [from, to] = world.messageWindow;
  const [start, end] = world.readingWindow;
  return [
    "/v1/markets",
    "/v1/peaks?limit=100",
    "/v1/reports",
    "/v1/billing-periods/current",
    "/usage",
    `/v1/usage?from=${q(from)}&to=${q(to)}`,
    `/v1/usage/daily?from=${q(from)}&to=${q(to)}`,
    ...[...world.markets].map((market) => `/v1/markets/${q(market)}/peaks?limit=100`),
    ...[...world.brands].map((id) => `/v1/brands/${id}/metadata`),
    ...[...world.sensors.values()].map((id) => `/v1/electric_sensors/${id}`),
    ...[...world.organizations].map((id) => `/v1/organizations/${id}/usage?start=${q(start)}&end=${q(end)}`),
  ];
}

const rows = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((row) => row && typeof row === "object").slice(0, MAX_TARGETED) : [];

function dayWindow(ms: number): [string, string] {
  const day = Math.floor(ms / DAY) * DAY;
  return [isoUtc(day - DAY), isoUtc(day + 2 * DAY)];
}

/** Reads aimed at what this request names (its ids, its instants), so a stray write there is seen. */
function targetedReads(operation: FuzzOperation, parts: RequestParts, world: World): string[] {
  const body = (parts.body ?? {}) as Record<string, unknown>;
  const reads: string[] = [];
  switch (operation.template) {
    case "/v1/markets":
      for (const key of ["name", "id"])
        if (typeof body[key] === "string" || typeof body[key] === "number") reads.push(`/v1/markets/${q(String(body[key]))}`);
      break;
    case "/v1/markets/{market}/readings": {
      const market = q(parts.path.market ?? "");
      reads.push(`/v1/markets/${market}`, `/v1/markets/${market}/peaks?limit=100`);
      for (const row of rows(body.readings)) {
        const key = typeof row.timestamp === "string" ? naiveKey(row.timestamp) : undefined;
        if (!key) continue;
        const ms = civilMs(+key.slice(0, 4), +key.slice(5, 7), +key.slice(8, 10));
        reads.push(`/v1/markets/${market}/peaks?limit=100&from=${q(naiveOf(ms - DAY))}&to=${q(naiveOf(ms + 2 * DAY))}`);
      }
      break;
    }
    case "/v1/insights/metadata":
      for (const row of rows(body.brands)) reads.push(`/v1/brands/${q(String(row.id))}/metadata`);
      for (const row of rows(body.electric_sensors)) reads.push(`/v1/electric_sensors/${q(String(row.id))}`);
      for (const row of rows(body.locations)) reads.push(`/v1/locations/${q(String(row.id))}/circuit-summary`);
      break;
    case "/v1/insights/readings":
      for (const row of rows(parts.body)) {
        const ms = typeof row.timestamp === "string" ? instantMs(row.timestamp) : undefined;
        if (ms === undefined) continue;
        const [start, end] = dayWindow(ms);
        for (const org of world.organizations) reads.push(`/v1/organizations/${org}/usage?start=${q(start)}&end=${q(end)}`);
      }
      break;
    case "/v1/messages":
      for (const row of rows(body.messages)) {
        if (typeof row.id === "number" || typeof row.id === "string") reads.push(`/v1/messages/${q(String(row.id))}`);
        const ms = typeof row.timestamp === "string" ? instantMs(row.timestamp) : undefined;
        if (ms === undefined) continue;
        const [from, to] = dayWindow(ms);
        reads.push(`/v1/usage?from=${q(from)}&to=${q(to)}`);
      }
      break;
  }
  return reads;
}

export type Digest = Map<string, string>;

export function digestReads(operation: FuzzOperation, parts: RequestParts, world: World): string[] {
  return [...new Set([...baseReads(world), ...targetedReads(operation, parts, world)])];
}

export async function takeDigest(config: FuzzConfig, paths: string[]): Promise<Digest> {
  const digest: Digest = new Map();
  for (const path of paths) {
    const answer = await read(config, path);
    // A refusal's request id is new on every read; the rest of the answer is the state.
    digest.set(path, `${answer.status} ${answer.text.replace(/"request_id":"[^"]*"/, "")}`);
  }
  return digest;
}

/** The reads whose answers differ, with the first difference of each. */
export function differences(before: Digest, after: Digest): string[] {
  return [...before].flatMap(([path, was]) => {
    const now = after.get(path) ?? "";
    if (now === was) return [];
    let at = 0;
    while (at < was.length && was[at] === now[at]) at++;
    return [`${path}: was …${was.slice(Math.max(0, at - 30), at + 60)}… now …${now.slice(Math.max(0, at - 30), at + 60)}…`];
  });
}
