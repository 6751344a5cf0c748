import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { PAGE_SESSION_COOKIE } from "../../../src/lib/auth";
import { expectProblem, jsonInit, TEST_INGEST_TOKEN, withToken } from "../helpers";
import { asBrowser, expectSafePage } from "./page-html";

const READ_TOKEN = "read-secret-for-pages";
const app = createApp();
const request = (path: string, init: RequestInit = {}, bindings: Partial<typeof env> = { READ_TOKEN }) =>
  app.request(path, init, { ...env, ...bindings });
const form = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => {
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookie);
  return { ...init, headers };
};

/** Signs in through the form and answers the cookie pair (`name=value`) the browser would send back. */
async function signIn(token = READ_TOKEN): Promise<string> {
  const response = await request("/login", form({ token, next: "/" }));
  expect(response.status).toBe(303);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

describe("pages with READ_TOKEN set", () => {
  it("send a browser without a session to the sign-in form, keeping where it was going", async () => {
    const home = await request("/", asBrowser());
    expect(home.status).toBe(303);
    expect(home.headers.get("Location")).toBe("/login");
    const dashboard = await request("/dashboards/credits?sort=report_name", asBrowser());
    expect(dashboard.status).toBe(303);
    expect(dashboard.headers.get("Location")).toBe(`/login?next=${encodeURIComponent("/dashboards/credits?sort=report_name")}`);
  });

  it("keep answering API clients exactly as before: a 401 problem with the bearer challenge", async () => {
    for (const path of ["/", "/v1/markets"]) {
      const response = await request(path, { headers: { Accept: "application/json" } });
      expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="energy-edge"');
      const body = await expectProblem(response, 401);
      expect(body.detail).toBe("This request needs an 'Authorization: Bearer <read token>' header");
    }
    await expectProblem(await request("/v1/markets", asBrowser()), 401);
    expect((await request("/v1/markets", withToken({}, READ_TOKEN))).status).toBe(200);
    expect((await request("/", withToken({ headers: { Accept: "application/json" } }, READ_TOKEN))).status).toBe(200);
  });

  it("render the sign-in form as a safe page carrying where to go next", async () => {
    const response = await request("/login?next=%2Fdashboards%2Fcredits");
    expect(response.status).toBe(200);
    const html = await response.text();
    expectSafePage(response, html);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<form method="post" action="/login"');
    expect(html).toContain('name="next" value="/dashboards/credits"');
    expect(html).toMatch(/<input type="password" name="token"/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("re-render the form with an error and no cookie for a wrong or empty token", async () => {
    for (const token of ["wrong", ""]) {
      const response = await request("/login", form({ token, next: "/dashboards/credits" }));
      expect(response.status).toBe(401);
      expect(response.headers.get("Set-Cookie")).toBeNull();
      const html = await response.text();
      expectSafePage(response, html);
      expect(html).toContain('role="alert"');
      expect(html).toContain('name="next" value="/dashboards/credits"');
    }
  });

  it("set an HttpOnly, Secure, SameSite=Strict cookie on sign-in and go where the browser was going", async () => {
    const response = await request("/login", form({ token: READ_TOKEN, next: "/dashboards/credits?sort=report_name" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/dashboards/credits?sort=report_name");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie.startsWith(`${PAGE_SESSION_COOKIE}=`)).toBe(true);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"]) expect(cookie).toContain(attribute);
    expect(cookie).not.toContain(READ_TOKEN);
  });

  it("let the session cookie open pages and authorise the reads their scripts make, but no write", async () => {
    const cookie = await signIn();
    const home = await request("/", asBrowser(withCookie(cookie)));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('action="/logout"');
    expect((await request("/v1/markets", withCookie(cookie))).status).toBe(200);
    expect((await request("/v1/messages/424242", withCookie(cookie))).status).toBe(404);
    await expectProblem(await request("/v1/markets", withCookie(cookie, jsonInit("POST", { name: "bycookie" }))), 401);
  });

  it("judge a request with an Authorization header by the header alone", async () => {
    const cookie = await signIn();
    const response = await request("/v1/markets", withCookie(cookie, withToken({}, "wrong")));
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    await expectProblem(response, 401);
  });

  it("accept the ingest token at sign-in, and drop every session when the token changes", async () => {
    const ingestCookie = await signIn(TEST_INGEST_TOKEN);
    expect(ingestCookie).not.toContain(TEST_INGEST_TOKEN);
    expect((await request("/", asBrowser(withCookie(ingestCookie)))).status).toBe(200);

    const cookie = await signIn();
    const rotated = await request("/", asBrowser(withCookie(cookie)), { READ_TOKEN: "rotated" });
    expect(rotated.status).toBe(303);
    await expectProblem(await request("/v1/markets", withCookie(`${PAGE_SESSION_COOKIE}=forged`)), 401);
  });

  it("only return to a path of this site after sign-in", async () => {
    const hostile = ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/ok\nLocation: x", ""];
    for (const next of hostile) {
      const response = await request("/login", form({ token: READ_TOKEN, next }));
      expect(response.headers.get("Location"), JSON.stringify(next)).toBe("/");
    }
    const page = await request(`/login?next=${encodeURIComponent("//evil.example")}`);
    expect(await page.text()).toContain('name="next" value="/"');
  });

  it("escape a next path that carries markup", async () => {
    const next = '/"><img/src=x/onerror=alert(1)>';
    const html = await (await request(`/login?next=${encodeURIComponent(next)}`)).text();
    expect(html).toContain('value="/&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;"');
    expect(html).not.toContain("<img");
  });

  it("sign out by clearing the cookie", async () => {
    const response = await request("/logout", withCookie(await signIn(), { method: "POST" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/login");
    const cleared = response.headers.get("Set-Cookie")!;
    expect(cleared).toContain(`${PAGE_SESSION_COOKIE}=;`);
    expect(cleared).toContain("Max-Age=0");
  });
});

describe("pages without READ_TOKEN", () => {
  it("need no sign-in: the page opens and /login goes straight on", async () => {
    const bindings = { READ_TOKEN: undefined };
    expect((await request("/", asBrowser(), bindings)).status).toBe(200);
    const login = await request("/login?next=%2Fdashboards%2Fcredits", {}, bindings);
    expect(login.status).toBe(303);
    expect(login.headers.get("Location")).toBe("/dashboards/credits");
  });
});
