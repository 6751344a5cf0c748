import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { PlanFeedEntry } from "../../../src/features/productionplan/dashboard/feed/plan-feed-entry";
import { type FeedPlan, feedPlanOf } from "../../../src/features/productionplan/dashboard/feed/plan-feed-messages";
import { workbenchQuery } from "../../../src/features/productionplan/dashboard/workbench-address";
import type { V1Payload } from "../../../src/features/productionplan/productionplan.schemas";
import { PAYLOAD_EXAMPLE } from "../../../src/features/productionplan/productionplan.schemas";
import { call, fixture, jsonInit } from "../helpers";
import { asBrowser, expectSafePage, sectionById, textOf } from "../web/page-html";

/**
 * The live plan feed's page: the shell the server renders (what it shows, its connection state, the empty state's
 * curl example, the note for a browser without JavaScript), and the entries its script prepends, rendered here from
 * messages the real feed sent for real plans, against the API's answers.
 */

const PATH = "/dashboards/productionplan/feed";
const XSS = "<img src=x onerror=alert(1)>";
const decodeHtml = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

const page = async (init: RequestInit = {}) => {
  const response = await call(PATH, asBrowser(init));
  return { response, html: await response.text() };
};

// Formatted here, independently of the page's code: MW to a tenth, euros to the cent with thousands grouped.
const mw = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euros = (value: number) => `€${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

type Payload = Omit<V1Payload, "options">;
const payload3 = (): Payload => JSON.parse(fixture("productionplan/payload3.json")) as Payload;

/** The feed's plan messages while `act` runs, until `count` have arrived. */
async function feedMessagesDuring(count: number, act: () => Promise<void>): Promise<unknown[]> {
  const response = await call("/v1/productionplan/feed", { headers: { Upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  socket.accept();
  const plans: unknown[] = [];
  const received = new Promise<void>((resolve) => {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data as string) as { type: string };
      if (message.type === "plan") plans.push(message);
      if (plans.length === count) resolve();
    });
  });
  await act();
  await received;
  socket.close(1000, "done");
  return plans;
}

/** The text of each `data-figure` of an entry, by name. */
function figures(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<span data-figure="([a-z-]+)"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => [m[1]!, decodeHtml(textOf(m[2]!))]),
  );
}

/** Each plant of an entry's list as [name, MW shown, value]. */
function plantsShown(html: string): Array<[string, string, number]> {
  return [...html.matchAll(/<span class="plan-plant-name">([\s\S]*?)<\/span> <data value="([^"]+)">([^<]*)<\/data>/g)].map((m) => [
    decodeHtml(m[1]!),
    m[3]!,
    Number(m[2]),
  ]);
}

const workbenchHrefIn = (html: string) => decodeHtml(/<a href="([^"]+)" data-open-workbench="true">/.exec(html)![1]!);

describe("GET /dashboards/productionplan/feed", () => {
  it("is one safe page saying what it lists, in which order and time zone, with its connection state and the limit", async () => {
    const { response, html } = await page();
    expect(response.status).toBe(200);
    expectSafePage(response, html);
    expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("<title>Production plans, live · Energy Edge</title>");
    const text = decodeHtml(textOf(html));
    expect(text).toContain("Plans computed by any client while this page is open, newest first; times in UTC.");
    expect(text).toContain("keeps the newest 100");
    expect(html).toMatch(/<script type="module" src="\/assets\/plan-feed\.client-[A-Z0-9]+\.js">/);
    // The production plan entry of the navigation is the current one.
    expect(html).toMatch(/<a href="\/dashboards\/productionplan" aria-current="page">Production plan<\/a>/);

    const status = sectionById(html, "live-status");
    expect(status).toContain('role="status"');
    expect(textOf(status)).toBe("Not connected: this list needs JavaScript.");
    expect(html).toMatch(/data-socket-path="\/v1\/productionplan\/feed"/);
    expect(textOf(html)).toContain("No plan listed yet (at most 100, newest first).");

    // The list is there for the script, empty and hidden until a plan arrives; a polite region for the news.
    expect(sectionById(html, "plan-list")).toMatch(/^<ol id="plan-list"[^>]* hidden=""><\/ol>$/);
    expect(html).toMatch(/<p class="visually-hidden" role="status" data-feed-announce="true"><\/p>/);
  });

  it("shows an empty state with a curl example that computes a plan on this server", async () => {
    const { html } = await page();
    const empty = html.slice(html.indexOf("data-feed-empty"));
    expect(textOf(empty)).toContain("No plan computed since this page opened");
    expect(empty).toContain('href="/dashboards/productionplan"');
    const curl = decodeHtml(/<code data-curl-example="true">([\s\S]*?)<\/code>/.exec(html)![1]!);
    expect(curl).toMatch(
      /^curl -X POST \\\n {2}'https:\/\/energy-edge\.test\/v1\/productionplan' \\\n {2}-H 'Content-Type: application\/json' \\\n/,
    );
    expect(curl).not.toContain("Authorization");

    const body = /--data '([^']+)'$/.exec(curl)![1]!;
    expect(JSON.parse(body)).toEqual(PAYLOAD_EXAMPLE);
    const answer = await call("/v1/productionplan", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { load: number }).load).toBe(JSON.parse(body).load);
  });

  it("says where the read token goes in the example when the server wants one", async () => {
    const response = await createApp().request(PATH, asBrowser({ headers: { Authorization: "Bearer read-secret" } }), {
      ...env,
      READ_TOKEN: "read-secret",
    });
    expect(response.status).toBe(200);
    const curl = decodeHtml(/<code data-curl-example="true">([\s\S]*?)<\/code>/.exec(await response.text())![1]!);
    expect(curl).toContain("-H 'Authorization: Bearer <read token>'");
  });

  it("says, without JavaScript, that the list needs it and links the workbench", async () => {
    const { html } = await page();
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(html)![1]!;
    expect(textOf(noscript)).toContain("This list needs JavaScript");
    expect(noscript).toContain('<a href="/dashboards/productionplan">production plan workbench</a>');
  });

  it("carries a strong ETag and answers 304 to If-None-Match, HEAD without a body", async () => {
    const { response } = await page();
    const etag = response.headers.get("ETag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await call(PATH, asBrowser({ headers: { "If-None-Match": etag! } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const head = await call(PATH, asBrowser({ method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("an entry of the feed page", () => {
  it("shows a v1 plan from the feed as the API answered it, names escaped, opening the workbench on its payload", async () => {
    const payload: V1Payload = {
      ...payload3(),
      options: { co2: true, wind: "curtailable" },
    };
    payload.powerplants.push({ name: XSS, type: "turbojet", efficiency: 0.3, pmin: 0, pmax: 5 });
    let answer: { total_cost: number; marginal_plant: { name: string; cost_per_mwh: number }; plan: Array<{ name: string; p: number }> };
    const [message] = await feedMessagesDuring(1, async () => {
      const response = await call("/v1/productionplan", jsonInit("POST", payload));
      expect(response.status).toBe(200);
      answer = await response.json();
    });
    const plan = feedPlanOf(message) as FeedPlan;
    expect(plan.route).toBe("/v1/productionplan");

    const html = String(PlanFeedEntry({ plan, receivedAt: Date.parse("2024-06-01T12:34:56.789Z") }));
    expect(html).not.toContain(XSS);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('<time datetime="2024-06-01T12:34:56.789Z" data-received="true">12:34:56 UTC</time>');
    expect(textOf(html)).toContain("POST /v1/productionplan");
    expect(figures(html)).toEqual({
      load: `${mw(payload.load)} MW`,
      "total-cost": euros(answer!.total_cost),
      marginal: `${answer!.marginal_plant.name} at ${euros(answer!.marginal_plant.cost_per_mwh)}/MWh`,
      running: `${answer!.plan.filter((p) => p.p > 0).length} of ${payload.powerplants.length}`,
    });
    expect(figures(html).load).toBe("910.0 MW");
    expect(decodeHtml(textOf(html))).toContain("CO₂ counted, wind curtailable");
    expect(plantsShown(html)).toEqual(answer!.plan.map((p) => [p.name, mw(p.p), p.p]));
    expect(workbenchHrefIn(html)).toBe(`/dashboards/productionplan?${workbenchQuery(payload)}`);
  });

  it("shows an origin-route plan's MW per plant, computing no cost, and opens the workbench with the default options", async () => {
    const payload = payload3();
    let answer: Array<{ name: string; p: number }> = [];
    const [message] = await feedMessagesDuring(1, async () => {
      const response = await call("/productionplan", jsonInit("POST", payload));
      expect(response.status).toBe(200);
      answer = await response.json();
    });
    const plan = feedPlanOf(message) as FeedPlan;
    expect(plan.route).toBe("/productionplan");

    const html = String(PlanFeedEntry({ plan, receivedAt: Date.parse("2024-06-01T00:00:05Z") }));
    expect(textOf(html)).toContain("00:00:05 UTC POST /productionplan origin route");
    expect(figures(html)).toEqual({
      load: "910.0 MW",
      "total-cost": "not computed (origin route)",
      marginal: "not computed (origin route)",
      running: `${answer.filter((p) => p.p > 0).length} of 6`,
    });
    expect(plantsShown(html)).toEqual(answer.map((p) => [p.name, mw(p.p), p.p]));
    expect(workbenchHrefIn(html)).toBe(
      `/dashboards/productionplan?${workbenchQuery({ ...payload, options: { co2: true, wind: "binary" } })}`,
    );
  });

  it("folds the per-plant list of a large fleet", async () => {
    const turbojets = Array.from({ length: 20 }, (_, i) => ({
      name: `tj${i}`,
      type: "turbojet" as const,
      efficiency: 0.3,
      pmin: 0,
      pmax: 10,
    }));
    const payload: V1Payload = { ...payload3(), load: 55, powerplants: turbojets, options: { co2: true, wind: "binary" } };
    let running = 0;
    const [message] = await feedMessagesDuring(1, async () => {
      const response = await call("/v1/productionplan", jsonInit("POST", payload));
      expect(response.status).toBe(200);
      running = ((await response.json()) as { plan: Array<{ p: number }> }).plan.filter((plant) => plant.p > 0).length;
    });
    const html = String(PlanFeedEntry({ plan: feedPlanOf(message) as FeedPlan, receivedAt: 0 }));
    expect(running).toBeGreaterThan(0);
    expect(html).toContain(`<details class="plan-plants-fold"><summary>MW per plant: ${running} running, ${20 - running} idle</summary>`);
    expect(plantsShown(html)).toHaveLength(20);
  });

  it("takes nothing but plans from the feed's messages", () => {
    for (const message of [
      { type: "hello", subscribers: 1 },
      { type: "pong" },
      { type: "plan", route: "/elsewhere", payload: payload3(), result: [] },
      { type: "plan", route: "/v1/productionplan", payload: payload3(), result: [] },
      { type: "plan", route: "/productionplan", payload: { load: "910" }, result: [] },
      null,
      "plan",
    ]) {
      expect(feedPlanOf(message), JSON.stringify(message)).toBeUndefined();
    }
  });
});
