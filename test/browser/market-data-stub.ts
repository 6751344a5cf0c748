import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { ReferencePriceBody } from "../../scripts/simulators/market-data-faults";
import { parseDeliveryPeriod } from "../../scripts/simulators/reference-prices";
import { closeServer, LOOPBACK, listen } from "../../scripts/simulators/server-address";
import { isoSeconds } from "../../scripts/simulators/utc-time";

/**
 * A stand-in for the market-data provider that the browser tests steer over HTTP, as they steer the test exchange:
 * it knows only the prices a test published, so no reference price turns up on a page before the test asks for it
 * (the seeded simulator answers every hour, and the cron driver fires every minute, so a test could never see a
 * row without a price). An hour nobody published answers 404, which the cron records as a failure and tries again
 * on its next run.
 *
 * Provider (what the Worker's cron calls):
 *   GET  /reference-price?delivery_day=YYYY-MM-DD&delivery_hour=HH-HH   → the provider's body, or 404 / 400
 * Control (JSON bodies):
 *   POST /control/publish {delivery_day, delivery_hour, value, last_update?} → {published: ReferencePriceBody}
 *   GET  /control/requests?delivery_day=…&delivery_hour=…                  → {requests, answered}
 */
export interface MarketDataStub {
  /** The provider's base URL: the system's MARKET_DATA_URL. */
  url: string;
  /** Where tests steer it. */
  controlUrl: string;
  stop(): Promise<void>;
}

const periodKey = (day: string, hour: string) => `${day} ${hour}`;

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startMarketDataStub(): Promise<MarketDataStub> {
  const published = new Map<string, ReferencePriceBody>();
  /** Requests per delivery period, and how many of them got a price. */
  const seen = new Map<string, { requests: number; answered: number }>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    if (method === "GET" && url.pathname === "/reference-price") {
      const parsed = parseDeliveryPeriod(url.searchParams.get("delivery_day"), url.searchParams.get("delivery_hour"));
      if (!parsed.ok) return reply(response, 400, { error_message: parsed.error });
      const key = periodKey(parsed.period.day, parsed.period.hour);
      const counts = seen.get(key) ?? { requests: 0, answered: 0 };
      seen.set(key, counts);
      counts.requests++;
      const price = published.get(key);
      if (!price) return reply(response, 404, { error_message: `no reference price published for ${key} yet (browser test stub)` });
      counts.answered++;
      return reply(response, 200, price);
    }
    if (method === "POST" && url.pathname === "/control/publish") {
      const body = await readJson(request);
      const parsed = parseDeliveryPeriod(String(body.delivery_day ?? ""), String(body.delivery_hour ?? ""));
      if (!parsed.ok || typeof body.value !== "number") {
        return reply(response, 400, { error: parsed.ok ? "value must be a number" : parsed.error });
      }
      const price: ReferencePriceBody = {
        delivery_day: parsed.period.day,
        delivery_hour: parsed.period.hour,
        last_update: typeof body.last_update === "string" ? body.last_update : isoSeconds(Date.now()),
        unit: "euro/mwh",
        value: body.value,
      };
      published.set(periodKey(price.delivery_day, price.delivery_hour), price);
      return reply(response, 200, { published: price });
    }
    if (method === "GET" && url.pathname === "/control/requests") {
      const key = periodKey(url.searchParams.get("delivery_day") ?? "", url.searchParams.get("delivery_hour") ?? "");
      return reply(response, 200, seen.get(key) ?? { requests: 0, answered: 0 });
    }
    reply(response, 404, { error_message: `no route ${method} ${url.pathname}` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  const port = await listen(server, 0, LOOPBACK);
  const url = `http://${LOOPBACK}:${port}`;
  return { url, controlUrl: `${url}/control`, stop: () => closeServer(server) };
}
