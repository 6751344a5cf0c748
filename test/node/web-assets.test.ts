import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/paths";

/** What each dashboard loads of its own (its client module and the one stylesheet), gzipped, at most. */
const DASHBOARD_BUDGET_BYTES = 50 * 1024;
/** Dashboards that draw dense time series bundle uPlot (about 22 KB gzipped): issue 14's budget for a page's own JS + CSS. */
const CHART_BUDGET_BYTES: Record<string, number> = { "insights-chart.client.ts": 100 * 1024 };

describe("the dashboards' own JavaScript and CSS", () => {
  it("are built with content-hashed names and stay within 50 KB gzipped per dashboard, 100 KB with a chart library", () => {
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-web-assets.mjs")], { cwd: ROOT });
    const manifest = readFileSync(join(ROOT, "src", "web", "built-assets.generated.ts"), "utf8");
    const urls = Object.fromEntries([...manifest.matchAll(/"([^"]+)": "(\/assets\/[^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    expect(urls["styles.css"]).toMatch(/^\/assets\/styles-[A-Z0-9]{8}\.css$/);
    const clients = Object.keys(urls).filter((name) => name.endsWith(".client.ts"));
    expect(clients).toContain("credits-dashboard.client.ts");
    expect(clients).toContain("insights-chart.client.ts");
    const gzipped = (url: string) => gzipSync(readFileSync(join(ROOT, "public", url))).byteLength;
    for (const client of clients) {
      const total = gzipped(urls[client]!) + gzipped(urls["styles.css"]!);
      expect(total, `${client} + styles.css gzipped`).toBeLessThanOrEqual(CHART_BUDGET_BYTES[client] ?? DASHBOARD_BUDGET_BYTES);
    }
  });
});
