import { describe, expect, it } from "vitest";
import { float64Buffer, int32Buffer } from "./solver-buffers";

describe("solver buffers", () => {
  it("hands a slot the same memory again, at exactly the length asked for", () => {
    const first = float64Buffer(0, 100);
    first[99] = 42;
    const again = float64Buffer(0, 100);
    expect(again).toHaveLength(100);
    expect(again.buffer).toBe(first.buffer);
    // Whatever the last solve left is still there: callers write before they read.
    expect(again[99]).toBe(42);
    expect(float64Buffer(0, 10)).toHaveLength(10);
  });

  it("keeps slots apart and grows a slot that is too short", () => {
    const a = float64Buffer(1, 50);
    const b = float64Buffer(2, 50);
    expect(a.buffer).not.toBe(b.buffer);
    const grown = int32Buffer(3, 1_000);
    expect(grown).toHaveLength(1_000);
    expect(int32Buffer(3, 5_000)).toHaveLength(5_000);
  });

  it("gives a large solve arrays of its own, so the isolate does not keep them", () => {
    const large = float64Buffer(0, 200_000);
    expect(large).toHaveLength(200_000);
    expect(float64Buffer(0, 200_000).buffer).not.toBe(large.buffer);
    expect(float64Buffer(0, 100).buffer).not.toBe(large.buffer);
  });
});
