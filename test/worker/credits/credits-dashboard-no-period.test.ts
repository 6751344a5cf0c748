import { describe, expect, it } from "vitest";
import { call } from "../helpers";
import { asBrowser, expectSafePage } from "../web/page-html";

// Its own file: storage is per test file, and here no billing period was ever set.
describe("the Credit Usage dashboard without a billing period", () => {
  it("says how to set one instead of failing", async () => {
    const response = await call("/dashboards/credits", asBrowser());
    expect(response.status).toBe(404);
    const html = await response.text();
    expectSafePage(response, html);
    expect(html).toContain("No billing period is set");
    expect(html).toContain("PUT /v1/billing-periods/current");
  });

  it("answers the CSV link with the same page, as HTML rather than a download", async () => {
    const response = await call("/dashboards/credits?format=csv&sort=report", asBrowser());
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Disposition")).toBeNull();
    const html = await response.text();
    expectSafePage(response, html);
    expect(html).toContain("No billing period is set");
  });
});
