import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "./env";
import { onError } from "./error-handler";

/** An app whose one route fails the way D1 reports a constraint violation, or an unrelated fault. */
function failingApp(error: Error) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.post("/write", () => {
    throw error;
  });
  return app;
}

describe("errors that escape a handler", () => {
  it("answers a constraint violation that escapes a write as 409, not 500", async () => {
    const d1Error = new Error("D1_ERROR: UNIQUE constraint failed: electric_sensors.duid: SQLITE_CONSTRAINT");
    const response = await failingApp(d1Error).request("/write", { method: "POST" });
    expect(response.status).toBe(409);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 409, title: "Conflict" });
  });

  it("keeps 500 for a fault that is not the caller's", async () => {
    const response = await failingApp(new Error("socket hang up")).request("/write", { method: "POST" });
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("socket hang up");
  });
});
