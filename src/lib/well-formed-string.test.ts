// Pure: imports nothing from Workers, so it runs the same in Node and workerd.
import { describe, expect, it } from "vitest";
import { isWellFormed, LONE_SURROGATE_MESSAGE, wellFormedString } from "./well-formed-string";

describe("well-formed strings", () => {
  it("refuse lone surrogates, high or low, anywhere", () => {
    for (const bad of ["\ud800x", "x\udc00", "\ud800", "a\udfff\ud800b"]) expect(isWellFormed(bad), JSON.stringify(bad)).toBe(false);
  });

  it("keep paired surrogates and every other text", () => {
    for (const good of ["", "plain", "emoji 😀", "\ud83d\ude00", "RTL \u05e9\u05dc\u05d5\u05dd", "\u2028\u0000"])
      expect(isWellFormed(good)).toBe(true);
  });

  it("give one issue saying why, before any later check", () => {
    const schema = wellFormedString()
      .trim()
      .min(1)
      .max(3)
      .regex(/^[a-z]+$/);
    const result = schema.safeParse("\ud800xxxx");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([LONE_SURROGATE_MESSAGE]);
    expect(schema.parse(" ab ")).toBe("ab");
  });
});
