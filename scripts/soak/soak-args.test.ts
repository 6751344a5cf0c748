import { describe, expect, it } from "vitest";
import { parseSoakArgs, TRADING_SOAK_DEFAULTS } from "./soak-args";

describe("soak arguments", () => {
  it("defaults to the issue's soak and reads every knob", () => {
    expect(parseSoakArgs(["trading"])).toEqual({ target: "trading", settings: TRADING_SOAK_DEFAULTS });
    const { settings } = parseSoakArgs([
      "trading",
      "--rate",
      "250",
      "--minutes",
      "0.5",
      "--duplicate",
      "0.05",
      "--malformed",
      "0",
      "--disconnect-every",
      "0",
      "--seed",
      "7",
      "--port",
      "8801",
      "--subscribers",
      "0",
    ]);
    expect(settings).toMatchObject({
      rate: 250,
      minutes: 0.5,
      duplicate: 0.05,
      malformed: 0,
      disconnectEvery: 0,
      seed: 7,
      port: 8801,
      maxReconnectMs: 2000,
      subscribers: 0,
    });
  });

  it("refuses unknown soaks and impossible knobs", () => {
    expect(() => parseSoakArgs([])).toThrow(/Usage/);
    expect(() => parseSoakArgs(["credits"])).toThrow(/unknown soak/);
    expect(() => parseSoakArgs(["trading", "--rate", "5000"])).toThrow(/--rate/);
    expect(() => parseSoakArgs(["trading", "--disconnect-every", "1.5"])).toThrow(/integer/);
    expect(() => parseSoakArgs(["trading", "--duplicate", "0.6", "--malformed", "0.6"])).toThrow(/at most 1/);
    expect(() => parseSoakArgs(["trading", "--minutes", ""])).toThrow(/--minutes/);
    expect(() => parseSoakArgs(["trading", "--subscribers", "2.5"])).toThrow(/--subscribers/);
  });
});
