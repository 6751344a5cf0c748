import { describe, expect, it } from "vitest";
import { luaString, needsScript, wrkArgs, wrkScript, wrkThreads } from "./wrk-command";

describe("wrkArgs", () => {
  const run = { url: "http://127.0.0.1:8799/usage", connections: 10, durationS: 10, headers: { "Accept-Encoding": "gzip, deflate, br" } };

  it("passes connections, whole-second duration, the latency distribution and headers", () => {
    expect(wrkArgs(run)).toEqual([
      "-t2",
      "-c10",
      "-d10s",
      "--timeout",
      "10s",
      "--latency",
      "-H",
      "Accept-Encoding: gzip, deflate, br",
      run.url,
    ]);
    expect(wrkArgs({ ...run, durationS: 2.6 })).toContain("-d3s");
    expect(wrkArgs({ ...run, durationS: 0.2 })).toContain("-d1s");
  });

  it("leaves the headers to the script when there is one", () => {
    expect(wrkArgs({ ...run, scriptPath: "/tmp/post.lua" })).toEqual([
      "-t2",
      "-c10",
      "-d10s",
      "--timeout",
      "10s",
      "--latency",
      "-s",
      "/tmp/post.lua",
      run.url,
    ]);
  });

  it("never asks for more threads than connections", () => {
    expect(wrkThreads(1)).toBe(1);
    expect(wrkThreads(10)).toBe(2);
  });
});

describe("wrk Lua script", () => {
  it("is needed for anything but a bodiless GET", () => {
    expect(needsScript({ method: "GET", headers: {} })).toBe(false);
    expect(needsScript({ method: "POST", headers: {} })).toBe(true);
    expect(needsScript({ method: "GET", headers: {}, body: "" })).toBe(true);
  });

  it("escapes quotes, backslashes, control characters and UTF-8 bytes as decimal escapes", () => {
    expect(luaString('{"a":"b\\\\c"}')).toBe('"{\\034a\\034:\\034b\\092\\092c\\034}"');
    expect(luaString("line\n1")).toBe('"line\\0101"');
    expect(luaString("€")).toBe('"\\226\\130\\172"');
  });

  it("sets method, body and headers", () => {
    expect(wrkScript({ method: "POST", headers: { "Content-Type": "application/json" }, body: '{"n":1}' })).toBe(
      ['wrk.method = "POST"', 'wrk.body = "{\\034n\\034:1}"', 'wrk.headers["Content-Type"] = "application/json"', ""].join("\n"),
    );
  });
});
