import { describe, expect, it } from "vitest";
import { pageSlice } from "./pagination";

describe("pageSlice", () => {
  it("cuts a table into pages of perPage rows, the last one shorter", () => {
    expect(pageSlice(250, 1, 100)).toEqual({ page: 1, pageCount: 3, start: 0, end: 100, total: 250 });
    expect(pageSlice(250, 3, 100)).toEqual({ page: 3, pageCount: 3, start: 200, end: 250, total: 250 });
  });

  it("shows the last page for a page past the end, and one empty page for no rows", () => {
    expect(pageSlice(250, 9, 100)).toMatchObject({ page: 3, start: 200, end: 250 });
    expect(pageSlice(0, 2, 100)).toEqual({ page: 1, pageCount: 1, start: 0, end: 0, total: 0 });
  });

  it("covers every row exactly once over its pages", () => {
    for (const [total, perPage] of [
      [1, 25],
      [99, 25],
      [100, 25],
      [10_001, 1000],
    ] as const) {
      const { pageCount } = pageSlice(total, 1, perPage);
      const covered: number[] = [];
      for (let page = 1; page <= pageCount; page++) {
        const slice = pageSlice(total, page, perPage);
        for (let i = slice.start; i < slice.end; i++) covered.push(i);
      }
      expect(covered).toEqual(Array.from({ length: total }, (_, i) => i));
    }
  });
});
