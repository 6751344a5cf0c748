import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { call, expectProblem } from "../helpers";
import { asBrowser, expectSafePage } from "./page-html";

const app = createApp();

describe("errors on pages", () => {
  it("answers an unknown page with a page, and an unknown API path with a problem as before", async () => {
    const response = await call("/dashboards/nope", asBrowser());
    expect(response.status).toBe(404);
    const html = await response.text();
    expectSafePage(response, html);
    expect(html).toContain("No such page");
    expect(html).toContain("/dashboards/nope");
    await expectProblem(await call("/dashboards/nope"), 404);
    await expectProblem(await call("/v1/nope", asBrowser()), 404);
  });

  it("shows a page with the request id, never a stack, when the data cannot be read", async () => {
    const brokenDb = {
      prepare: () => {
        throw new Error("D1 is down: secret internals");
      },
      batch: () => Promise.reject(new Error("D1 is down: secret internals")),
    } as unknown as typeof env.DB;
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.request("/dashboards/credits", asBrowser(), { ...env, DB: brokenDb });
    quiet.mockRestore();
    expect(response.status).toBe(500);
    const html = await response.text();
    expectSafePage(response, html);
    const requestId = response.headers.get("X-Request-Id");
    expect(requestId).toBeTruthy();
    expect(html).toContain(`Request id: ${requestId}`);
    expect(html).toContain("Something went wrong on our side");
    expect(html).not.toContain("secret internals");
    expect(html).not.toMatch(/\n\s+at /);
  });
});
