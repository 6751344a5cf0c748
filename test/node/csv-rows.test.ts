import { describe, expect, it } from "vitest";
import { csvDocument } from "../../src/lib/csv";
import { csvRecords, csvRecordsByHeader } from "../csv-rows";

/** The tests' CSV reader (test/csv-rows.ts), which the worker and browser tests compare the product's CSV with. */
describe("csvRecords", () => {
  it("reads CRLF records, the header first", () => {
    expect(csvRecords("market_name,rank\r\nspp,1\r\nzeta,2\r\n")).toEqual([
      ["market_name", "rank"],
      ["spp", "1"],
      ["zeta", "2"],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    expect(csvRecords('id,text\r\n1,"a, ""b""\r\nc\nd"\r\n2,""\r\n')).toEqual([
      ["id", "text"],
      ["1", 'a, "b"\r\nc\nd'],
      ["2", ""],
    ]);
  });

  it("keeps empty fields and a lone CR or LF outside quotes as text", () => {
    expect(csvRecords(",a,\r\nb\nc,d\re\r\n")).toEqual([
      ["", "a", ""],
      ["b\nc", "d\re"],
    ]);
  });

  it("counts a last record without its CRLF, and reads nothing from nothing", () => {
    expect(csvRecords("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(csvRecords('a,b\r\n"",')).toEqual([
      ["a", "b"],
      ["", ""],
    ]);
    expect(csvRecords("")).toEqual([]);
  });

  it("reads back what the product's CSV writer writes, hostile values included", () => {
    const header = ["Message ID", "Report Name", "Credits Used"];
    const rows = [
      ["1", 'Say "hi", then\r\nleave', "0.10"],
      ["2", "", "1,000.00"],
      ["3", "<script>\n'x'</script>", "-"],
    ];
    expect(csvRecords(csvDocument(header, rows))).toEqual([header, ...rows]);
  });
});

describe("csvRecordsByHeader", () => {
  it("keys each record after the header by the header's names", () => {
    expect(csvRecordsByHeader('bucket_start,series,avg_watts\r\n2024-04-01T00:00:00Z,"Site, ""A""",12.5\r\nx,y,\r\n')).toEqual([
      { bucket_start: "2024-04-01T00:00:00Z", series: 'Site, "A"', avg_watts: "12.5" },
      { bucket_start: "x", series: "y", avg_watts: "" },
    ]);
  });

  it("reads a header alone, or nothing, as no records", () => {
    expect(csvRecordsByHeader("a,b\r\n")).toEqual([]);
    expect(csvRecordsByHeader("")).toEqual([]);
  });

  it("leaves out a last line without its CRLF, so a CSV that lost its final line end is one row short", () => {
    expect(csvRecordsByHeader("a,b\r\n1,2\r\n3,4")).toEqual([{ a: "1", b: "2" }]);
  });
});
