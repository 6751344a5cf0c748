import { read } from "./exchange";
import type { FuzzConfig } from "./fuzz-types";
import { civilMs, instantMs, isoUtc, naiveKey, naiveOf } from "./instants";
import type { FuzzOperation } from "./openapi-model";
import type { Violation } from "./oracle";
import type { RequestParts } from "./request-parts";
import type { World } from "./world";

/** Items read back per accepted write. */
const MAX_CHECKED = 3;
const q = encodeURIComponent;

type Row = Record<string, unknown>;

/** Equal as stored numbers: within a relative 1e-9 (0.1 + 0.2 is 0.3), so a value rounded to 0 or to cents is caught. */
export function sameNumber(sent: unknown, stored: unknown): boolean {
  if (typeof sent !== "number" || typeof stored !== "number") return sent === stored;
  return Math.abs(sent - stored) <= 1e-9 * Math.max(Math.abs(sent), Math.abs(stored));
}
const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/** The last row for each key: a batch may repeat a row, and the last one is what must be stored. */
function lastByKey(rows: Row[], key: (row: Row) => string): Row[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()].slice(0, MAX_CHECKED);
}

/**
 * After a write the app accepted, what was sent reads back the same (issue
 * 10 §2–§3: every instant kept exactly, text never changed) and falls in
 * exactly the windows that contain it.
 */
export async function readBack(config: FuzzConfig, operation: FuzzOperation, parts: RequestParts, world: World): Promise<Violation[]> {
  const violations: Violation[] = [];
  const fail = (detail: string) => violations.push({ check: "read-back", detail });
  const body = (parts.body ?? {}) as Row;
  switch (operation.id) {
    case "POST /v1/messages":
      for (const message of lastByKey(rowsOf(body.messages), (row) => String(row.id))) await messageBack(config, message, fail);
      break;
    case "POST /v1/markets": {
      const stored = await read(config, `/v1/markets/${q(String(body.name))}`);
      const market = stored.body as Row | undefined;
      if (stored.status !== 200 || market?.name !== body.name || (body.id !== undefined && market?.id !== body.id))
        fail(`market ${JSON.stringify(body)} reads back as ${stored.status} ${stored.text.slice(0, 200)}`);
      break;
    }
    case "POST /v1/reports":
    case "PUT /v1/reports/{id}": {
      const sent = operation.id === "POST /v1/reports" ? rowsOf(body.reports) : [{ ...body, id: Number(parts.path.id) }];
      const stored = rowsOf(((await read(config, "/v1/reports")).body as Row | undefined)?.reports);
      for (const report of lastByKey(sent, (row) => String(row.id))) {
        const found = stored.find((row) => row.id === report.id);
        if (!found || found.name !== report.name || !sameNumber(report.credit_cost, found.credit_cost))
          fail(`report ${JSON.stringify(report)} reads back as ${JSON.stringify(found)}`);
      }
      break;
    }
    case "PUT /v1/billing-periods/current": {
      const stored = (await read(config, "/v1/billing-periods/current")).body as Row | undefined;
      for (const key of ["start", "end"]) {
        const sent = instantMs(String(body[key]));
        if (sent !== undefined && instantMs(String(stored?.[key])) !== sent)
          fail(`billing period ${key} ${String(body[key])} reads back as ${String(stored?.[key])}`);
      }
      break;
    }
    case "POST /v1/markets/{market}/readings":
      for (const reading of lastByKey(rowsOf(body.readings), (row) => naiveKey(String(row.timestamp)) ?? ""))
        await marketReadingBack(config, parts.path.market ?? "", reading, fail);
      break;
    case "POST /v1/insights/readings":
      for (const reading of lastByKey(
        rowsOf(parts.body),
        (row) => `${String(row.duid)}|${String(row.circuit_number)}|${instantMs(String(row.timestamp))}`,
      )) {
        await insightsReadingBack(config, world, reading, fail);
      }
      break;
    case "POST /v1/insights/metadata":
      for (const sensor of rowsOf(body.electric_sensors).slice(0, MAX_CHECKED)) {
        const stored = (await read(config, `/v1/electric_sensors/${q(String(sensor.id))}`)).body as Row | undefined;
        if (stored?.duid !== sensor.duid || stored?.name !== sensor.name)
          fail(`sensor ${JSON.stringify(sensor)} reads back as ${JSON.stringify(stored)?.slice(0, 200)}`);
      }
      break;
  }
  return violations;
}

async function messageBack(config: FuzzConfig, message: Row, fail: (detail: string) => void): Promise<void> {
  const stored = await read(config, `/v1/messages/${q(String(message.id))}`);
  const row = stored.body as Row | undefined;
  if (
    stored.status !== 200 ||
    row?.text !== message.text ||
    row?.timestamp !== message.timestamp ||
    (row?.report_id ?? null) !== (message.report_id ?? null)
  ) {
    const readBack = JSON.stringify({ text: row?.text, timestamp: row?.timestamp, report_id: row?.report_id }).slice(0, 200);
    fail(`message ${JSON.stringify(message).slice(0, 200)} reads back as ${stored.status} ${readBack}`);
  }
  const ms = instantMs(String(message.timestamp));
  if (ms === undefined) return;
  const window = `/v1/usage?from=${q(isoUtc(ms))}&to=${q(isoUtc(ms + 1))}`;
  const usage = await read(config, window);
  const listed = rowsOf((usage.body as Row | undefined)?.usage).some((row) => row.message_id === message.id);
  if (usage.status !== 200 || !listed)
    fail(
      `message ${String(message.id)} at ${String(message.timestamp)} is not listed by GET ${window} ` +
        `(${usage.status} ${usage.text.slice(0, 160)})`,
    );
}

async function marketReadingBack(config: FuzzConfig, market: string, reading: Row, fail: (detail: string) => void): Promise<void> {
  const key = naiveKey(String(reading.timestamp));
  if (!key) return;
  const ms = civilMs(+key.slice(0, 4), +key.slice(5, 7), +key.slice(8, 10), +key.slice(11, 13), +key.slice(14, 16), +key.slice(17, 19));
  const window = `/v1/markets/${q(market)}/peaks?limit=100&from=${q(naiveOf(ms))}&to=${q(naiveOf(ms + 1000))}`;
  const answer = await read(config, window);
  const peaks = rowsOf((answer.body as Row | undefined)?.peaks);
  if (
    answer.status !== 200 ||
    !peaks.some((peak) => naiveKey(String(peak.timestamp)) === key && sameNumber(reading.usage_kw, peak.usage_kw))
  ) {
    fail(
      `reading ${JSON.stringify(reading)} of market ${market} is not what GET ${window} answers ` +
        `(${answer.status} ${answer.text.slice(0, 160)})`,
    );
  }
}

async function insightsReadingBack(config: FuzzConfig, world: World, reading: Row, fail: (detail: string) => void): Promise<void> {
  const ms = instantMs(String(reading.timestamp));
  const sensorId = world.sensors.get(String(reading.duid));
  if (ms === undefined || !sensorId) return;
  const circuits = rowsOf(((await read(config, `/v1/electric_sensors/${sensorId}`)).body as Row | undefined)?.circuits);
  const circuit = circuits.find((row) => row.number === reading.circuit_number);
  if (!circuit) return;
  const window = `/v1/circuits/${String(circuit.id)}/usage?start=${q(isoUtc(ms))}&end=${q(isoUtc(ms + 1))}`;
  const answer = await read(config, window);
  const usage = (answer.body as Row | undefined)?.usage as Row | undefined;
  if (
    answer.status !== 200 ||
    usage?.sample_count !== 1 ||
    !sameNumber(reading.power_watts, usage?.max_watts) ||
    instantMs(String(usage?.max_at)) !== ms
  ) {
    fail(`reading ${JSON.stringify(reading)} is not what GET ${window} answers (${answer.status} ${answer.text.slice(0, 200)})`);
  }
}
