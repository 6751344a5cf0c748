import { isUtf8 } from "node:buffer";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir, ROOT } from "../../scripts/lib/paths";
import { launchBrowser } from "../browser/browser";
import { type StartedSystem, startSystem } from "./local-system";
import { type ReadmeCommand, readmeCommands, shownOutputPattern } from "./readme-examples";

/** README examples against the local system that this test does not run, by their first line, and why. */
const README_NOT_RUN: Record<string, string> = {
  "open http://127.0.0.1:8787/docs": "opens a desktop browser; the Chromium test above renders /docs",
  "jq '. + {options: {co2: false, wind: \"curtailable\"}}' ../shared/fixtures/productionplan/payload3.json |":
    "needs jq, which the project does not install; POST /v1/productionplan has its own route tests",
  "npx wscat -c ws://127.0.0.1:8787/v1/productionplan/feed":
    "wscat is not a dependency (npx would download it); the plan feed has its own WebSocket tests",
};

/** README examples whose shown output needs live deals: this system's exchange is a dead port, so they answer 404. */
const README_NEEDS_EXCHANGE = new Set([
  'curl -s "http://127.0.0.1:8787/v1/trading/traders/flex_trader_1/report?delivery_day=$(date -u +%F)"',
]);

/**
 * The README's quick start, for real: `npm start` brings the whole system up
 * offline, /docs renders in a browser with no request leaving the machine,
 * and SIGTERM stops every child process.
 */
describe("npm start", () => {
  let system: StartedSystem;
  let browser: Browser | undefined;

  beforeAll(async () => {
    system = await startSystem({ EXCHANGE_URL: "ws://127.0.0.1:15050", MARKET_DATA_URL: "http://127.0.0.1:15060" });
  });

  afterAll(async () => {
    await browser?.close();
    if (system && system.process.exitCode === null) await system.terminate();
  });

  it("serves /health and the OpenAPI document", async () => {
    expect(await (await fetch(`${system.url}/health`)).json()).toMatchObject({ status: "ok" });
    const doc = (await (await fetch(`${system.url}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    expect(system.output()).toContain(`${system.url}/docs`);
    expect(system.output()).toMatch(/Ingest token {2}\S+/);
  });

  it("renders /docs in headless Chromium from the Worker's own assets", async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(system.url) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto(`${system.url}/docs`);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    const operations = await page.locator(".opblock-summary-path").allTextContents();
    expect(operations.map((text) => text.replace(/\u200b/g, ""))).toContain("/health");
    expect(await page.locator(".info .title").first().textContent()).toContain("Energy Edge API");
    expect(foreign).toEqual([]);
  });

  it("loaded the generated sample data through the API", async () => {
    const { markets } = (await (await fetch(`${system.url}/v1/markets`)).json()) as {
      markets: Array<{ name: string; reading_count: number }>;
    };
    expect(markets.map((m) => m.name)).toEqual(["bpa", "nem", "nordpool", "epex", "jepx", "omie"]);
    for (const market of markets) expect(market.reading_count).toBe(1500);
    expect(system.output()).toMatch(/Sample data peaks: inserted 9006, updated 0, unchanged 0, rejected 0/);
  });

  it("imports the peaks fixture with npm run import, and a second import changes nothing", async () => {
    const dir = join(fixturesDir(), "peaks");
    const first = await runImport(["peaks", join(dir, "markets.csv"), join(dir, "usage.csv"), "--url", system.url]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("inserted 2009, updated 0, unchanged 0, rejected 0");
    const second = await runImport(["peaks", join(dir, "markets.csv"), join(dir, "usage.csv"), "--url", system.url, "--quiet"]);
    expect(second.output).toContain("inserted 0, updated 0, unchanged 2009, rejected 0");
    const spp = (await (await fetch(`${system.url}/peaks?market_name=spp`)).json()) as Array<{ usage_kw: number }>;
    expect(spp.map((p) => p.usage_kw)).toEqual([996, 991, 985, 978, 977]);
    const sample = await runImport([
      "peaks",
      join(ROOT, "data/peaks/markets.csv"),
      join(ROOT, "data/peaks/usage.csv"),
      "--url",
      system.url,
      "--quiet",
    ]);
    expect(sample.output).toContain("inserted 0, updated 0, unchanged 9006, rejected 0");
  });

  it("loaded the credits sample with its billing period, and imports the origin's credits files", async () => {
    expect(system.output()).toMatch(/Sample data credits: inserted 404, updated 0, unchanged 0, rejected 0/);
    const usage = (await (await fetch(`${system.url}/usage`)).json()) as { usage: unknown[] };
    expect(usage.usage).toHaveLength(400);
    const dir = join(fixturesDir(), "credits");
    const first = await runImport(["credits", join(dir, "messages.json"), join(dir, "reports.json"), "--url", system.url, "--quiet"]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("inserted 24, updated 0, unchanged 0, rejected 0");
    const second = await runImport(["credits", join(dir, "reports.json"), join(dir, "messages.json"), "--url", system.url, "--quiet"]);
    expect(second.output).toContain("inserted 0, updated 0, unchanged 24, rejected 0");
    const quote = (await (await fetch(`${system.url}/v1/messages/1104`)).json()) as { credits_used: number };
    expect(quote.credits_used).toBe(2.1);
  });

  it("reports malformed CSV rows with their line numbers and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "peaks-bad-"));
    writeFileSync(join(dir, "markets.csv"), "id,name\n50,badland\nx,nameless\n");
    writeFileSync(
      join(dir, "usage.csv"),
      "market_id,timestamp,usage_kw\n" +
        "50,2022-07-01 00:00:00,10\n" +
        "50,2022-07-01 00:01:00,ten\n" +
        "50,2022-13-01 00:00:00,5\n" +
        "99,2022-07-01 00:00:00,5\n" +
        "50,2022-07-01 00:02:00\n",
    );
    const result = await runImport(["peaks", join(dir, "markets.csv"), join(dir, "usage.csv"), "--url", system.url, "--quiet"]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("rejected 5");
    expect(result.output).toContain("markets.csv line 3: id 'x' is not a non-negative integer");
    expect(result.output).toContain("usage.csv line 3: usage_kw 'ten' is not a non-negative number");
    expect(result.output).toContain("usage.csv line 4: timestamp '2022-13-01 00:00:00' is not YYYY-MM-DD HH:MM:SS");
    expect(result.output).toContain("usage.csv line 5: market_id '99' is not a market of the markets file");
    expect(result.output).toContain("usage.csv line 6: expected 3 fields");
    rmSync(dir, { recursive: true, force: true });
  });

  it("points the Worker at upstreams given in the environment, and runs the cron once at start", async () => {
    expect(system.output()).toContain("EXCHANGE_URL = ws://127.0.0.1:15050 (external");
    expect(system.output()).toContain("MARKET_DATA_URL = http://127.0.0.1:15060 (external");
    // Nothing listens on 15050: the first cron run made the feed try it, and recorded the attempt.
    const feed = (await (await fetch(`${system.url}/v1/trading/feed`)).json()) as {
      exchange_url: string;
      connected: boolean;
      last_cron_run: unknown;
    };
    expect(feed.exchange_url).toMatch(/^ws:\/\/127\.0\.0\.1:15050\/?$/);
    expect(feed.connected).toBe(false);
    expect(feed.last_cron_run).not.toBeNull();
  });

  it("runs wrangler dev with the scheduled route the cron driver calls", async () => {
    const response = await fetch(`${system.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Ran scheduled event");
    expect(system.output()).toContain("Cron          * * * * * (driven through /__scheduled)");
  });

  it("answers every README example against the local system with what the README shows", async () => {
    const commands = readmeCommands(readFileSync(join(ROOT, "README.md"), "utf8"));
    const firstLine = (command: ReadmeCommand) => command.text.split("\n")[0]!;
    const local = commands.filter(
      (command) => command.text.includes("127.0.0.1:8787") || /^npm run import -- \w+ \.\.\/shared\/fixtures\//.test(command.text),
    );
    expect(
      local
        .filter((command) => README_NOT_RUN[firstLine(command)])
        .map(firstLine)
        .sort(),
    ).toEqual(Object.keys(README_NOT_RUN).sort());

    // The README's own way of reading the token, run as written.
    const tokenLine = commands.find((command) => command.text.startsWith("TOKEN="));
    expect(tokenLine, "the README shows how to read the ingest token").toBeDefined();
    const token = (await runShell(`${tokenLine!.text}\nprintf %s "$TOKEN"`, {})).stdout.toString();
    expect(system.output()).toContain(`Ingest token  ${token}`);

    const env = { TOKEN: token, ENERGY_EDGE_URL: system.url };
    for (const command of local.filter((c) => !README_NOT_RUN[firstLine(c)])) {
      const where = `README.md:${command.line}: ${command.text}`;
      const script = command.text.replaceAll("http://127.0.0.1:8787", system.url).replaceAll("../shared/fixtures", fixturesDir());
      const { code, stdout, stderr } = await runShell(script, env);
      // Soft: one run reports every example that does not hold, not just the first.
      expect.soft(code, `${where}\n${stderr}`).toBe(0);
      if (!command.text.startsWith("curl ")) continue;
      expect.soft(stdout.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b])), `${where} printed gzip bytes`).toBe(false);
      expect.soft(isUtf8(stdout), `${where} printed bytes that are not text`).toBe(true);
      const text = stdout.toString("utf8");
      expect.soft(text.length, where).toBeGreaterThan(0);
      if (README_NEEDS_EXCHANGE.has(command.text)) {
        expect.soft(isProblem(text) && text.includes('"status":404'), `${where}: ${text}`).toBe(true);
        continue;
      }
      expect.soft(isProblem(text), `${where} answered a problem: ${text}`).toBe(false);
      if (command.expected) expect.soft(text, where).toMatch(shownOutputPattern(command.expected));
    }
  }, 240_000);

  it("stops every child on SIGTERM", async () => {
    const code = await system.terminate();
    expect(code).not.toBeNull();
    await expect(fetch(`${system.url}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});

/** Whether a body is an RFC 9457 problem (a truncated or non-JSON body is not). */
function isProblem(text: string): boolean {
  try {
    const body = JSON.parse(text) as { type?: unknown; status?: unknown } | null;
    return typeof body?.type === "string" && typeof body.status === "number";
  } catch {
    return false;
  }
}

/** Runs a README command with bash from the project root, as a reader would paste it. */
function runShell(script: string, env: Record<string, string>): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", script],
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: "buffer", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr.toString() });
      },
    );
  });
}

function runImport(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/import.ts", ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}
