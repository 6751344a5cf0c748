import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { STATUS_TIMEOUT_MS } from "../../../src/features/home/home-status";
import { type CronRunRecord, LAST_CRON_RUN_KEY } from "../../../src/scheduled";
import { call, postJson, withToken } from "../helpers";
import { asBrowser, dataValues, expectSafePage, sectionById, textOf } from "./page-html";

const SERVICES = ["peaks", "insights", "credits", "productionplan", "trading"];
const BRAND = "6b0f0c4e-0000-4000-8000-000000000001";
const ORG = "6b0f0c4e-0000-4000-8000-000000000002";
const LOCATION = "6b0f0c4e-0000-4000-8000-000000000003";
const SENSOR = "6b0f0c4e-0000-4000-8000-000000000004";
const PERIOD = { start: "2024-04-29T00:00:00Z", end: "2024-05-29T00:00:00Z" };
const XSS = "<img src=x onerror=alert(1)>";

const app = createApp();
const page = async (bindings: Partial<typeof env> = {}) => {
  const response = await app.request("/", asBrowser(), { ...env, ...bindings });
  return { response, html: await response.text() };
};
const json = async <T>(path: string) => (await (await call(path)).json()) as T;

beforeAll(async () => {
  for (const name of ["caiso", "ercot", "spp"]) expect((await postJson("/v1/markets", { name })).status).toBe(201);
  const readings = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ timestamp: `2024-06-01 00:${String(i).padStart(2, "0")}:00`, usage_kw: 10 + i }));
  expect((await postJson("/v1/markets/caiso/readings", { readings: readings(7) })).status).toBe(200);
  expect((await postJson("/v1/markets/spp/readings", { readings: readings(12) })).status).toBe(200);

  const metadata = await postJson("/v1/insights/metadata", {
    brands: [{ id: BRAND, name: "Home brand" }],
    organizations: [{ id: ORG, brand_id: BRAND, name: "Home org" }],
    locations: [{ id: LOCATION, organization_id: ORG, name: "Home site" }],
    electric_sensors: [{ id: SENSOR, duid: "HOME0001", name: "Panel", location_id: LOCATION, sample_interval_seconds: 60 }],
    circuits: [1, 2, 3, 4].map((n) => ({ sensor_id: SENSOR, circuit_number: n, name: `C${n}` })),
  });
  expect(metadata.status).toBe(200);

  const period = await call(
    "/v1/billing-periods/current",
    withToken({ method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(PERIOD) }),
  );
  expect(period.status).toBe(200);
  const messages = [
    { id: 1, timestamp: "2024-04-29T02:08:29.375Z", text: "inside" },
    { id: 2, timestamp: "2024-05-10T10:00:00Z", text: "inside too" },
    { id: 3, timestamp: "2024-05-28T23:59:59.999Z", text: "last instant" },
    { id: 4, timestamp: "2024-05-29T00:00:00Z", text: "after the period" },
  ];
  expect((await postJson("/v1/messages", { messages })).status).toBe(200);
});

describe("the landing page for a browser", () => {
  it("is one safe HTML page with one h1 and a card per service linking its docs section and dashboard", async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(response.headers.get("Vary")).toContain("Accept");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect([...html.matchAll(/<li class="card" id="service-([a-z]+)"/g)].map((match) => match[1])).toEqual(SERVICES);
    for (const service of SERVICES) expect(sectionById(html, `service-${service}`)).toContain(`href="/docs#/${service}"`);
    expect(sectionById(html, "service-credits")).toContain('href="/dashboards/credits"');
    expect(html).toContain('aria-current="page"');
  });

  it("links each service to a tag the OpenAPI document has", async () => {
    const doc = await json<{ tags: Array<{ name: string }> }>("/openapi.json");
    expect(doc.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(SERVICES));
  });

  it("shows the same figures the API answers for the same data, each with when it was read", async () => {
    const { html } = await page();
    const { markets } = await json<{ markets: Array<{ reading_count: number }> }>("/v1/markets");
    const readings = markets.reduce((sum, market) => sum + market.reading_count, 0);
    expect(dataValues(sectionById(html, "status-peaks"))).toEqual([markets.length, readings]);
    expect([markets.length, readings]).toEqual([3, 19]);

    const brand = await json<{ organizations: Array<{ locations: Array<{ electric_sensors: Array<{ circuits: unknown[] }> }> }> }>(
      `/v1/brands/${BRAND}/metadata`,
    );
    const circuits = brand.organizations.flatMap((o) => o.locations.flatMap((l) => l.electric_sensors.flatMap((s) => s.circuits)));
    expect(dataValues(sectionById(html, "status-insights"))).toEqual([circuits.length]);

    const usage = await json<{ usage: unknown[] }>("/usage");
    const window = await json<{ totals: { messages: number } }>(`/v1/usage?from=${PERIOD.start}&to=${PERIOD.end}`);
    expect(usage.usage.length).toBe(3);
    expect(dataValues(sectionById(html, "status-credits"))).toEqual([window.totals.messages]);
    expect(textOf(sectionById(html, "status-credits"))).toContain("2024-04-29 00:00 UTC to 2024-05-29 00:00 UTC");

    const feed = await json<{ connected: boolean }>("/v1/trading/feed");
    expect(textOf(sectionById(html, "status-trading"))).toContain(feed.connected ? "Feed connected" : "Feed disconnected");

    for (const id of ["status-peaks", "status-insights", "status-credits", "status-trading", "status-cron"]) {
      expect(textOf(sectionById(html, id))).toMatch(/as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    }
  });

  it("says the cron has not run, then shows its last run, escaping whatever the record holds", async () => {
    expect(textOf(sectionById((await page()).html, "status-cron"))).toContain("The Cron Trigger has not run yet");
    const record: CronRunRecord = {
      cron: "* * * * *",
      scheduled_time: "2024-06-01T12:00:00.000Z",
      finished_at: "2024-06-01T12:00:01.250Z",
      jobs: [
        { name: "reference-prices", ok: true },
        { name: XSS, ok: false, error: XSS },
      ],
    };
    await env.PRICES.put(LAST_CRON_RUN_KEY, JSON.stringify(record));
    try {
      const { html } = await page();
      const cron = sectionById(html, "status-cron");
      expect(textOf(cron)).toContain("Last cron run finished at 2024-06-01 12:00 UTC");
      expect(cron).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(html).not.toContain(XSS);

      await env.PRICES.put(LAST_CRON_RUN_KEY, JSON.stringify({ ...record, jobs: [record.jobs[0]] }));
      expect(textOf(sectionById((await page()).html, "status-cron"))).toContain("1 job succeeded");
    } finally {
      await env.PRICES.delete(LAST_CRON_RUN_KEY);
    }
  });

  it("still renders when a source fails, marking only that item unavailable", async () => {
    const brokenFeed = {
      getByName: () => ({
        status: () => Promise.reject(new Error("the feed object is down")),
      }),
    } as unknown as typeof env.EXCHANGE_FEED;
    const { response, html } = await page({ EXCHANGE_FEED: brokenFeed });
    expect(response.status).toBe(200);
    expect(textOf(sectionById(html, "status-trading"))).toContain("Unavailable");
    expect(dataValues(sectionById(html, "status-peaks"))).toEqual([3, 19]);
    expect(html).toContain("Request id:");

    const brokenDb = {
      prepare: () => {
        throw new Error("D1 is down");
      },
      batch: () => Promise.reject(new Error("D1 is down")),
    } as unknown as typeof env.DB;
    const withoutDb = await page({ DB: brokenDb });
    expect(withoutDb.response.status).toBe(200);
    for (const id of ["status-peaks", "status-insights", "status-credits"])
      expect(textOf(sectionById(withoutDb.html, id))).toContain("Unavailable");
    expect(textOf(sectionById(withoutDb.html, "status-cron"))).not.toContain("Unavailable");
  });

  it("shows a source that does not answer in time as unavailable instead of waiting for it", async () => {
    const silentFeed = { getByName: () => ({ status: () => new Promise(() => {}) }) } as unknown as typeof env.EXCHANGE_FEED;
    const started = Date.now();
    const { response, html } = await page({ EXCHANGE_FEED: silentFeed });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(STATUS_TIMEOUT_MS + 2000);
    expect(textOf(sectionById(html, "status-trading"))).toContain("Unavailable");
  });

  it("answers HEAD / like GET / without a body", async () => {
    const response = await call("/", asBrowser({ method: "HEAD" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await response.text()).toBe("");
  });
});

describe("GET / for an API client", () => {
  interface HomeIndex {
    name: string;
    links: Record<string, string>;
    services: Array<{ name: string; docs: string; dashboard: string | null; routes: Array<{ method: string; path: string }> }>;
    dashboards: Array<{ service: string; href: string }>;
  }

  it("answers a JSON index of links for Accept: application/json, */* or no Accept", async () => {
    for (const accept of ["application/json", "*/*", "application/json, text/html;q=0.5", undefined]) {
      const response = await call("/", accept ? { headers: { Accept: accept } } : {});
      expect(response.status, String(accept)).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(response.headers.get("Vary")).toContain("Accept");
      const body = (await response.json()) as HomeIndex;
      expect(body.links).toEqual({ docs: "/docs", openapi: "/openapi.json", health: "/health" });
      expect(body.services.map((service) => service.name)).toEqual(SERVICES);
      expect(body.dashboards).toEqual([
        { service: "peaks", href: "/dashboards/peaks", title: expect.any(String) },
        { service: "insights", href: "/dashboards/insights", title: expect.any(String) },
        { service: "credits", href: "/dashboards/credits", title: expect.any(String) },
        { service: "productionplan", href: "/dashboards/productionplan", title: expect.any(String) },
        { service: "trading", href: "/dashboards/trading", title: expect.any(String) },
      ]);
    }
  });

  it("links only dashboards that answer a page", async () => {
    for (const dashboard of (await json<HomeIndex>("/")).dashboards) {
      const response = await call(dashboard.href, { headers: { Accept: "text/html" } });
      expect(response.status, dashboard.href).not.toBe(404);
      expect(response.headers.get("Content-Type"), dashboard.href).toMatch(/^text\/html/);
      await response.arrayBuffer();
    }
  });

  it("lists only routes the OpenAPI document describes, with their methods", async () => {
    const body = await json<HomeIndex>("/");
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    for (const service of body.services) {
      expect(service.docs).toBe(`/docs#/${service.name}`);
      expect(service.routes.length).toBeGreaterThan(0);
      for (const route of service.routes)
        expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
  });

  it("keeps the API's answers for other methods on /", async () => {
    const response = await call("/", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toContain("GET");
  });
});
