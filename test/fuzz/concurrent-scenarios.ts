import type { FuzzRequest } from "./fuzz-types";
import type { World } from "./world";

/** One answer of a concurrent batch: its status and JSON body. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Reads the final state, for the judge. */
export type Get = (path: string) => Promise<{ status: number; body: unknown }>;

/**
 * N requests in flight at once against one write route. `identical`: the
 * same request N times, so one application and every caller a success with
 * true counts. `conflicting`: N different claims on one key.
 */
export interface Scenario {
  route: string;
  kind: "identical" | "conflicting";
  prepare?: (key: number, send: (request: FuzzRequest) => Promise<Answer>) => Promise<void>;
  requests: (key: number, n: number) => FuzzRequest[];
  /** What is wrong with the answers given the final state (empty when every answer is true of it). */
  judge: (key: number, answers: Answer[], requests: FuzzRequest[], get: Get) => Promise<string[]>;
}

const json = (method: string, path: string, body: unknown): FuzzRequest => ({
  method,
  path,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});
const sum = (answers: Answer[], field: string) => answers.reduce((total, answer) => total + (Number(answer.body[field]) || 0), 0);
const statuses = (answers: Answer[]) => answers.map((answer) => answer.status).join(",");
const hex = (value: number, width: number) => (value >>> 0).toString(16).padStart(width, "0").slice(-width);
/** A UUID no fixture uses, from a trial key and a caller index. */
export const uuidOf = (key: number, index: number) => `${hex(key, 8)}-f022-4000-8000-${hex(index, 12)}`;

function allSucceed(answers: Answer[], problems: string[]): boolean {
  if (answers.every((answer) => answer.status >= 200 && answer.status < 300)) return true;
  problems.push(`not every identical request succeeded: ${statuses(answers)}`);
  return false;
}

/** Exactly one caller won, every other one was told 409; returns the winner's index. */
function oneWinner(answers: Answer[], problems: string[]): number | undefined {
  const winners = answers.flatMap((answer, index) => (answer.status >= 200 && answer.status < 300 ? [index] : []));
  const others = answers.filter((answer) => answer.status !== 409 && !(answer.status >= 200 && answer.status < 300));
  if (winners.length !== 1 || others.length > 0)
    problems.push(`expected one success and 409s, got ${statuses(answers)} (${winners.length} successes)`);
  return winners.length === 1 ? winners[0] : undefined;
}

/** Upserts: every caller succeeds, one insert in total, and what is stored is one caller's value. */
function upsertJudge(
  expectedInserts: number,
  perCaller: number,
  final: (key: number, get: Get) => Promise<unknown>,
  sent: (request: FuzzRequest) => unknown,
) {
  return async (key: number, answers: Answer[], requests: FuzzRequest[], get: Get): Promise<string[]> => {
    const problems: string[] = [];
    if (!allSucceed(answers, problems)) return problems;
    if (sum(answers, "inserted") !== expectedInserts)
      problems.push(`callers were told ${sum(answers, "inserted")} inserts in total, expected ${expectedInserts}`);
    for (const answer of answers) {
      const counted = ["inserted", "updated", "unchanged"].reduce((total, field) => total + (Number(answer.body[field]) || 0), 0);
      if (counted !== perCaller) problems.push(`a caller was told inserted+updated+unchanged = ${counted} for ${perCaller} rows`);
    }
    const stored = JSON.stringify(await final(key, get));
    if (!requests.some((request) => JSON.stringify(sent(request)) === stored)) problems.push(`stored ${stored} is no caller's value`);
    return problems;
  };
}

const body = (request: FuzzRequest) => JSON.parse(request.body ?? "null") as Record<string, unknown>;
const at = (key: number) => new Date(Date.UTC(2031, 0, 1) + key * 60_000).toISOString();

export function scenarios(world: World): Scenario[] {
  const [duid, sensorId] = [...world.sensors.entries()][0] ?? ["", ""];
  const location = [...world.locations][0] ?? "";
  const list: Scenario[] = [
    {
      route: "POST /v1/markets",
      kind: "identical",
      requests: (key, n) => Array.from({ length: n }, () => json("POST", "/v1/markets", { id: key, name: `cm${key}` })),
      judge: async (key, answers, _, get) => {
        const problems: string[] = [];
        if (allSucceed(answers, problems) && answers.filter((a) => a.status === 201).length !== 1)
          problems.push(`expected exactly one 201, got ${statuses(answers)}`);
        const stored = (await get(`/v1/markets/cm${key}`)).body as Record<string, unknown>;
        if (stored?.id !== key) problems.push(`stored ${JSON.stringify(stored)}`);
        return problems;
      },
    },
    {
      route: "POST /v1/markets",
      kind: "conflicting",
      requests: (key, n) => Array.from({ length: n }, (_, i) => json("POST", "/v1/markets", { id: key + i, name: `cn${key}` })),
      judge: async (key, answers, requests, get) => {
        const problems: string[] = [];
        const winner = oneWinner(answers, problems);
        const stored = (await get(`/v1/markets/cn${key}`)).body as Record<string, unknown>;
        if (winner !== undefined && stored?.id !== body(requests[winner]!).id)
          problems.push(`winner sent id ${String(body(requests[winner]!).id)}, stored ${JSON.stringify(stored)}`);
        return problems;
      },
    },
    {
      route: "POST /v1/messages",
      kind: "identical",
      requests: (key, n) =>
        Array.from({ length: n }, () =>
          json("POST", "/v1/messages", { messages: [0, 1].map((i) => ({ id: key * 10 + i, timestamp: at(key), text: `same ${key}` })) }),
        ),
      judge: upsertJudge(
        2,
        2,
        async (key, get) => ((await get(`/v1/messages/${key * 10}`)).body as Record<string, unknown>)?.text,
        (request) => (body(request).messages as Array<{ text: string }>)[0]!.text,
      ),
    },
    {
      route: "POST /v1/messages",
      kind: "conflicting",
      requests: (key, n) =>
        Array.from({ length: n }, (_, i) =>
          json("POST", "/v1/messages", { messages: [{ id: key * 10, timestamp: at(key), text: `text ${i}` }] }),
        ),
      judge: async (key, answers, requests, get) => {
        const problems: string[] = [];
        const winner = oneWinner(answers, problems);
        const stored = ((await get(`/v1/messages/${key * 10}`)).body as Record<string, unknown>)?.text;
        const sentTexts = requests.map((request) => (body(request).messages as Array<{ text: string }>)[0]!.text);
        if (winner !== undefined && stored !== sentTexts[winner])
          problems.push(`the 200 went to "${sentTexts[winner]}" but "${String(stored)}" is stored`);
        if (winner !== undefined && answers[winner]!.body.inserted !== 1)
          problems.push(`the winner was told ${JSON.stringify(answers[winner]!.body)}`);
        return problems;
      },
    },
    ...upsert(
      "POST /v1/reports",
      (key, i) => json("POST", "/v1/reports", { reports: [{ id: key, name: `r${key}`, credit_cost: i + 1 }] }),
      (key, get) => reportCost(key, get),
      (r) => (body(r).reports as Array<{ credit_cost: number }>)[0]!.credit_cost,
    ),
    ...upsert(
      "PUT /v1/reports/{id}",
      (key, i) => json("PUT", `/v1/reports/${key}`, { name: `p${key}`, credit_cost: i + 1 }),
      (key, get) => reportCost(key, get),
      (r) => body(r).credit_cost,
    ),
    ...(["identical", "conflicting"] as const).map(
      (kind): Scenario => ({
        route: "PUT /v1/billing-periods/current",
        kind,
        requests: (key, n) =>
          Array.from({ length: n }, (_, i) =>
            json("PUT", "/v1/billing-periods/current", { start: at(key + (kind === "identical" ? 0 : i)), end: at(key + 43_200) }),
          ),
        judge: async (_, answers, requests, get) => {
          const problems: string[] = [];
          if (!allSucceed(answers, problems)) return problems;
          const stored = (await get("/v1/billing-periods/current")).body as Record<string, unknown>;
          const match = requests.some(
            (request) =>
              Date.parse(String(body(request).start)) === Date.parse(String(stored?.start)) &&
              Date.parse(String(body(request).end)) === Date.parse(String(stored?.end)),
          );
          if (!match) problems.push(`stored period ${JSON.stringify(stored)} is no caller's`);
          return problems;
        },
      }),
    ),
  ];
  if (location) list.push(...metadataScenarios(location));
  if (duid) list.push(...insightsScenarios(duid, sensorId));
  list.push(...readingScenarios());
  return list;
}

async function reportCost(key: number, get: Get): Promise<unknown> {
  const { reports } = ((await get("/v1/reports")).body ?? {}) as { reports?: Array<Record<string, unknown>> };
  return reports?.find((report) => report.id === key)?.credit_cost;
}

function upsert(
  route: string,
  make: (key: number, i: number) => FuzzRequest,
  final: (key: number, get: Get) => Promise<unknown>,
  sent: (request: FuzzRequest) => unknown,
): Scenario[] {
  const judge = upsertJudge(1, 1, final, sent);
  return [
    { route, kind: "identical", requests: (key, n) => Array.from({ length: n }, () => make(key, 0)), judge },
    { route, kind: "conflicting", requests: (key, n) => Array.from({ length: n }, (_, i) => make(key, i)), judge },
  ];
}

function readingScenarios(): Scenario[] {
  const market = (key: number) => `cr${key}`;
  const prepare: Scenario["prepare"] = async (key, send) => void (await send(json("POST", "/v1/markets", { name: market(key) })));
  const make = (key: number, value: number) =>
    json("POST", `/v1/markets/${market(key)}/readings`, { readings: [{ timestamp: "2031-01-01 00:00:00", usage_kw: value }] });
  const final = async (key: number, get: Get) =>
    (((await get(`/v1/markets/${market(key)}/peaks?limit=1`)).body as { peaks?: Array<{ usage_kw: number }> })?.peaks ?? [])[0]?.usage_kw;
  const sent = (request: FuzzRequest) => (body(request).readings as Array<{ usage_kw: number }>)[0]!.usage_kw;
  return [
    {
      route: "POST /v1/markets/{market}/readings",
      kind: "identical",
      prepare,
      requests: (key, n) => Array.from({ length: n }, () => make(key, 7)),
      judge: upsertJudge(1, 1, final, sent),
    },
    {
      route: "POST /v1/markets/{market}/readings",
      kind: "conflicting",
      prepare,
      requests: (key, n) => Array.from({ length: n }, (_, i) => make(key, i + 1)),
      judge: upsertJudge(1, 1, final, sent),
    },
  ];
}

function metadataScenarios(location: string): Scenario[] {
  const sensor = (key: number, i: number, duid: string) => ({
    id: uuidOf(key, i),
    duid,
    name: `s${i}`,
    location_id: location,
    sample_interval_seconds: 60,
  });
  return [
    {
      route: "POST /v1/insights/metadata",
      kind: "identical",
      requests: (key, n) =>
        Array.from({ length: n }, () =>
          json("POST", "/v1/insights/metadata", {
            electric_sensors: [sensor(key, 0, `CI${key}`)],
            circuits: [{ sensor_id: uuidOf(key, 0), circuit_number: 1, name: "c" }],
          }),
        ),
      judge: async (_, answers) => {
        const problems: string[] = [];
        if (!allSucceed(answers, problems)) return problems;
        for (const kind of ["electric_sensors", "circuits"]) {
          const inserted = answers.reduce(
            (total, answer) => total + (Number((answer.body[kind] as Record<string, unknown>)?.inserted) || 0),
            0,
          );
          if (inserted !== 1) problems.push(`callers were told ${inserted} ${kind} inserted in total, expected 1`);
        }
        return problems;
      },
    },
    {
      route: "POST /v1/insights/metadata",
      kind: "conflicting",
      requests: (key, n) =>
        Array.from({ length: n }, (_, i) => json("POST", "/v1/insights/metadata", { electric_sensors: [sensor(key, i, `CC${key}`)] })),
      judge: async (key, answers, _, get) => {
        const problems: string[] = [];
        const winner = oneWinner(answers, problems);
        const stored = await Promise.all(answers.map((__, i) => get(`/v1/electric_sensors/${uuidOf(key, i)}`)));
        const present = stored.flatMap((answer, i) => (answer.status === 200 ? [i] : []));
        if (present.length !== 1 || (winner !== undefined && present[0] !== winner))
          problems.push(`sensors stored for the duid: ${present.join(",") || "none"}; winner ${String(winner)}`);
        return problems;
      },
    },
  ];
}

function insightsScenarios(duid: string, sensorId: string): Scenario[] {
  const make = (key: number, value: number) =>
    json("POST", "/v1/insights/readings", [{ duid, circuit_number: 1, timestamp: at(key), power_watts: value }]);
  const final = async (key: number, get: Get) => {
    const circuits =
      ((await get(`/v1/electric_sensors/${sensorId}`)).body as { circuits?: Array<{ id: string; number: number }> })?.circuits ?? [];
    const circuit = circuits.find((row) => row.number === 1);
    const start = at(key);
    const end = new Date(Date.parse(start) + 1000).toISOString();
    return ((await get(`/v1/circuits/${circuit?.id}/usage?start=${start}&end=${end}`)).body as { usage?: { max_watts: number } })?.usage
      ?.max_watts;
  };
  const sent = (request: FuzzRequest) => (JSON.parse(request.body ?? "[]") as Array<{ power_watts: number }>)[0]!.power_watts;
  return [
    {
      route: "POST /v1/insights/readings",
      kind: "identical",
      requests: (key, n) => Array.from({ length: n }, () => make(key, 100)),
      judge: upsertJudge(1, 1, final, sent),
    },
    {
      route: "POST /v1/insights/readings",
      kind: "conflicting",
      requests: (key, n) => Array.from({ length: n }, (_, i) => make(key, 100 + i)),
      judge: upsertJudge(1, 1, final, sent),
    },
  ];
}
