import { describe, expect, it } from "vitest";
import { ariaSort, formatSort, parseSort, type SortableRow, sortRows, toggleSort } from "./usage-sort";

const row = (id: number, ts: number, reportName: string | null, credits: number): SortableRow => ({ id, ts, reportName, credits });

describe("the Credit Usage sort", () => {
  it("cycles a column ascending, descending, then back to the original order", () => {
    let keys = parseSort("");
    keys = toggleSort(keys, "report");
    expect(formatSort(keys)).toBe("report");
    keys = toggleSort(keys, "report");
    expect(formatSort(keys)).toBe("-report");
    keys = toggleSort(keys, "report");
    expect(formatSort(keys)).toBe("");
  });

  it("keeps the column clicked first as the primary key", () => {
    let keys = toggleSort([], "credits");
    keys = toggleSort(keys, "report");
    expect(formatSort(keys)).toBe("credits,report");
    keys = toggleSort(keys, "credits");
    expect(formatSort(keys)).toBe("-credits,report");
    keys = toggleSort(keys, "credits");
    expect(formatSort(keys)).toBe("report");
  });

  it("ignores unknown and repeated columns in a URL", () => {
    expect(parseSort("-credits,bogus,report,credits")).toEqual([
      { column: "credits", direction: "desc" },
      { column: "report", direction: "asc" },
    ]);
  });

  it("puts messages without a report after named ones ascending, and before them descending", () => {
    const rows = [row(1, 1, null, 5), row(2, 2, "beta", 1), row(3, 3, "Alpha", 2)];
    expect(sortRows(rows, parseSort("report")).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(sortRows(rows, parseSort("-report")).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it("sorts by both columns at once, ties in timestamp then id order", () => {
    const rows = [row(4, 10, "b", 2), row(1, 20, "a", 2), row(2, 5, "b", 1), row(3, 5, "a", 2), row(5, 5, "b", 2)];
    expect(sortRows(rows, parseSort("report,-credits")).map((r) => r.id)).toEqual([3, 1, 5, 4, 2]);
    expect(sortRows(rows, parseSort("-credits,report")).map((r) => r.id)).toEqual([3, 1, 5, 4, 2]);
    expect(sortRows(rows, []).map((r) => r.id)).toEqual([2, 3, 5, 4, 1]);
  });

  it("announces only the primary key in aria-sort", () => {
    const keys = parseSort("-credits,report");
    expect(ariaSort(keys, "credits")).toBe("descending");
    expect(ariaSort(keys, "report")).toBe("none");
  });
});
