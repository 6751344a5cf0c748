import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { priceText } from "../../../src/features/credits/text-pricing";
import { generateCreditsSample, SAMPLE_REPORTS } from "../../sample-data/credits-generator";
import { classifyCreditsFiles } from "./credits";

const dir = mkdtempSync(join(tmpdir(), "credits-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("credits importer", () => {
  it("tells messages, reports and period files apart whatever their order", () => {
    const write = (name: string, body: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(body));
      return join(dir, name);
    };
    const reports = write("r.json", { reports: [] });
    const messages = write("m.json", { messages: [] });
    const period = write("p.json", { start: "2024-01-01T00:00:00Z", end: "2024-02-01T00:00:00Z" });
    expect(classifyCreditsFiles([reports, period, messages])).toEqual({ reports, messages, period });
    const other = write("o.json", { items: [] });
    expect(() => classifyCreditsFiles([other])).toThrow(/neither/);
  });
});

describe("credits sample generator", () => {
  const sample = generateCreditsSample();

  it("is deterministic and stays inside its billing period", () => {
    expect(generateCreditsSample()).toEqual(sample);
    const start = Date.parse(sample.period.start);
    const end = Date.parse(sample.period.end);
    for (const m of sample.messages) {
      expect(Date.parse(m.timestamp)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(m.timestamp)).toBeLessThan(end);
    }
    expect(new Set(sample.messages.map((m) => m.id)).size).toBe(sample.messages.length);
  });

  it("exercises every pricing rule, known and unknown reports", () => {
    const texts = sample.messages.filter((m) => m.report_id === undefined).map((m) => m.text);
    const breakdowns = texts.map(priceText);
    expect(breakdowns.some((b) => b.length_penalty > 0)).toBe(true);
    expect(breakdowns.some((b) => b.stats.palindrome)).toBe(true);
    expect(breakdowns.some((b) => b.minimum_adjustment > 0)).toBe(true);
    expect(breakdowns.some((b) => b.unique_words_discount === 0 && b.stats.word_count > 0)).toBe(true);
    expect(breakdowns.some((b) => b.stats.word_count === 0)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range 0x00-0x7f is how "ASCII" is spelled here
    expect(texts.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    const known = new Set(SAMPLE_REPORTS.map((r) => r.id));
    expect(sample.messages.some((m) => m.report_id !== undefined && known.has(m.report_id))).toBe(true);
    expect(sample.messages.some((m) => m.report_id !== undefined && !known.has(m.report_id))).toBe(true);
  });
});
