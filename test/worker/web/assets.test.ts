import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { IMMUTABLE_CACHE } from "../../../src/web/assets";
import { BUILT_ASSETS } from "../../../src/web/built-assets.generated";
import { call, expectProblem } from "../helpers";

describe("built assets", () => {
  it("serves every built file with a year of immutable caching", async () => {
    for (const [source, url] of Object.entries(BUILT_ASSETS)) {
      const response = await call(url);
      expect(response.status, source).toBe(200);
      expect(response.headers.get("Cache-Control"), source).toBe(IMMUTABLE_CACHE);
      expect(response.headers.get("Content-Type"), source).toMatch(source.endsWith(".css") ? /^text\/css/ : /javascript/);
      expect(response.headers.get("X-Request-Id"), source).toBeTruthy();
      await response.body?.cancel();
    }
    expect(await (await call(BUILT_ASSETS["styles.css"])).text()).toContain("prefers-color-scheme");
  });

  it("answers an unknown asset with a 404 problem", async () => {
    const body = await expectProblem(await call("/assets/nothing-ABCDEFGH.js"), 404);
    expect(body.instance).toBe("/assets/nothing-ABCDEFGH.js");
  });

  it("serves assets without a token when READ_TOKEN is set: the sign-in page needs its stylesheet", async () => {
    const response = await createApp().request(BUILT_ASSETS["styles.css"], {}, { ...env, READ_TOKEN: "read-secret" });
    expect(response.status).toBe(200);
  });
});
