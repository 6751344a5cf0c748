import { expect } from "vitest";

/** What Chromium sends when a person opens a page. */
export const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

export const asBrowser = (init: RequestInit = {}): RequestInit => {
  const headers = new Headers(init.headers);
  headers.set("Accept", BROWSER_ACCEPT);
  return { ...init, headers };
};

/** The page security headers and markup the CSP allows: no inline script, no inline style, no event handler attribute. */
export function expectSafePage(response: Response, html: string): void {
  expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBeTruthy();
  for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/\ssrc="\/assets\//);
  expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toMatch(/\son[a-z]+="/);
  expect(html).not.toMatch(/<style\b/);
}

/** The HTML inside the element with this id (the element's own tag up to the next element of the same kind closing). */
export function sectionById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} is on the page`).toBeGreaterThan(-1);
  const tag = html.lastIndexOf("<", start);
  const name = /^<([a-z0-9]+)/.exec(html.slice(tag))![1]!;
  return html.slice(tag, html.indexOf(`</${name}>`, start) + name.length + 3);
}

/** The numbers a section shows as `<data value="…">`, in order. */
export function dataValues(section: string): number[] {
  return [...section.matchAll(/<data value="(-?\d+(?:\.\d+)?)">/g)].map((match) => Number(match[1]));
}

/** The visible text of a piece of HTML, tags removed and spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
