import { expect } from "vitest";
import { call, jsonInit, postJson, withToken } from "../helpers";
import { sectionById, textOf } from "../web/page-html";

/** A message as GET /usage lists it: the order and the values the dashboard must match. */
export interface UsageEntry {
  message_id: number;
  timestamp: string;
  report_name?: string;
  credits_used: number;
}

export const DASHBOARD = "/dashboards/credits";

export const decodeEntities = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

/** The table's rows as text cells, in page order. */
export function tableRows(html: string): string[][] {
  const body = sectionById(html, "usage-table").split("<tbody>")[1]!;
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "")),
  );
}

/** The message ids of the table's rows, in page order. */
export const tableIds = (html: string): number[] => tableRows(html).map((cells) => Number(cells[0]));

/** The attributes of one start tag, values decoded. */
export function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/\s([a-z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, decodeEntities(m[2] ?? "")]));
}

export interface PagerStep {
  text: string;
  /** Absent: the step leads nowhere (a disabled span). */
  href?: string;
  attributes: Record<string, string>;
}

export interface Pager {
  first: PagerStep;
  previous: PagerStep;
  next: PagerStep;
  last: PagerStep;
  /** "Page N of M (rows a–b of T)" as numbers. */
  where: { page: number; pageCount: number; from: number; to: number; total: number };
}

/** The pager below the messages table: its four steps in order, and where the page is. */
export function pagerOf(html: string): Pager {
  const navs = [...html.matchAll(/<nav class="pager" aria-label="Pages of the messages table">([\s\S]*?)<\/nav>/g)];
  expect(navs, "one pager for the messages table").toHaveLength(1);
  const nav = navs[0]![1]!;
  const steps = [...nav.matchAll(/<(a|span)(\s[^>]*class="pager-step"[^>]*)>([^<]*)<\/\1>/g)].map((m): PagerStep => {
    const attributes = attributesOf(m[2]!);
    if (m[1] === "span") expect(attributes["aria-disabled"]).toBe("true");
    else expect(attributes["aria-disabled"]).toBeUndefined();
    return { text: m[3]!, href: m[1] === "a" ? attributes.href : undefined, attributes };
  });
  expect(steps.map((step) => step.text)).toEqual(["« First", "‹ Previous", "Next ›", "Last »"]);
  const where = /Page ([\d,]+) of ([\d,]+) \(rows ([\d,]+)–([\d,]+) of ([\d,]+)\)/.exec(textOf(nav));
  expect(where, `pager text: ${textOf(nav)}`).not.toBeNull();
  const numbers = where!.slice(1).map((count) => Number(count.replaceAll(",", "")));
  const [page, pageCount, from, to, total] = numbers as [number, number, number, number, number];
  return { first: steps[0]!, previous: steps[1]!, next: steps[2]!, last: steps[3]!, where: { page, pageCount, from, to, total } };
}

/** The table's caption as plain text. */
export function captionOf(html: string): string {
  return textOf(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(sectionById(html, "usage-table"))![1]!);
}

/**
 * Asserts that an href is the dashboard with exactly these query parameters (and nothing else: defaults omitted).
 * Relative hrefs ("?message=…") resolve against the dashboard.
 */
export function expectDashboardHref(href: string | undefined, params: Record<string, string>, hash = ""): void {
  expect(href, "a link").toBeDefined();
  const url = new URL(href!, `https://energy-edge.test${DASHBOARD}`);
  expect(url.pathname).toBe(DASHBOARD);
  expect(Object.fromEntries(url.searchParams)).toEqual(params);
  expect([...url.searchParams.keys()]).toHaveLength(Object.keys(params).length);
  expect(url.hash).toBe(hash);
}

/** The table's order of the /usage entries for a `sort` string, written from the spec (not the product's sort code). */
export function expectedOrder(usage: readonly UsageEntry[], sort: string): UsageEntry[] {
  const keys: Array<{ column: string; sign: number }> = [];
  for (const part of sort.split(",").filter(Boolean)) {
    const column = part.replace(/^-/, "");
    if (keys.some((key) => key.column === column)) continue;
    keys.push({ column, sign: part.startsWith("-") ? -1 : 1 });
  }
  // Ascending names: case, accents and digit runs compared as a person reads them, then code units; no name last.
  const byName = (a?: string, b?: string): number => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a.localeCompare(b, "en", { sensitivity: "base", numeric: true }) || (a < b ? -1 : 1);
  };
  const original = new Map(usage.map((entry, i) => [entry.message_id, i]));
  return [...usage].sort((a, b) => {
    for (const key of keys) {
      const order = key.column === "report" ? byName(a.report_name, b.report_name) : a.credits_used - b.credits_used;
      if (order !== 0) return key.sign * order;
    }
    return original.get(a.message_id)! - original.get(b.message_id)!;
  });
}

/** Sets June 2024 as the current billing period and stores the reports and messages in it. */
export async function loadJune2024(reports: unknown[], messages: unknown[]): Promise<void> {
  const period = { start: "2024-06-01T00:00:00Z", end: "2024-07-01T00:00:00Z" };
  expect((await call("/v1/billing-periods/current", withToken(jsonInit("PUT", period)))).status).toBe(200);
  expect((await postJson("/v1/reports", { reports })).status).toBe(200);
  expect((await postJson("/v1/messages", { messages })).status).toBe(200);
}
