import type { Page } from "playwright-core";
import { priceText } from "../../src/features/credits/text-pricing";
import { ImportSummary } from "../import/import-summary";
import { sendMessages } from "../import/importers/credits";
import { workerdRssBytes } from "../lib/process-memory";
import { seededRandom } from "../lib/random";
import { generateMessages, SAMPLE_REPORTS } from "../sample-data/credits-generator";
import { timeClickToReorder, timeToPainted } from "./page-bench";
import type { BenchDataset, HttpScenario, MicroBenchmark, PageBenchmark, PageRun } from "./registry";

const DAY_MS = 86_400_000;
const SAMPLE_SIZED_DASHBOARD = "/dashboards/credits?from=2030-06-01&to=2030-06-02";
const PERIOD = { start: "2030-06-01T00:00:00Z", end: "2030-07-01T00:00:00Z" };
const LARGE_PERIOD = { start: "2031-01-01T00:00:00Z", end: "2031-02-01T00:00:00Z" };

/** Reads a whole response, sampling workerd's resident memory while it streams. */
async function measureLargeUsage(url: string, workerPid: number | undefined) {
  const before = workerPid ? workerdRssBytes(workerPid) : 0;
  let peak = before;
  const sampler = setInterval(() => {
    if (workerPid) peak = Math.max(peak, workerdRssBytes(workerPid));
  }, 20);
  const started = performance.now();
  const response = await fetch(`${url}/usage`);
  let bytes = 0;
  let entries = 0;
  const marker = '"message_id"';
  // The tail of the previous chunk is too short to hold a whole marker, so each one is counted once.
  let carry = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    bytes += chunk.byteLength;
    const text = carry + decoder.decode(chunk, { stream: true });
    entries += text.split(marker).length - 1;
    carry = text.slice(-(marker.length - 1));
  }
  clearInterval(sampler);
  return { status: response.status, bytes, entries, ms: performance.now() - started, before, peak };
}

/**
 * A 10,000-message billing period (the /usage throughput scenario reads it),
 * and a 200,000-message period answered once while workerd's memory is watched.
 */
export const creditsDataset: BenchDataset = {
  name: "credits: 10,000 + 200,000 messages",
  service: "credits",
  async load({ client, url, workerPid }) {
    const summary = new ImportSummary();
    await client.post("/v1/reports", { reports: SAMPLE_REPORTS });
    const small = generateMessages(10_000, { seed: 7, firstId: 10_000_000, start: Date.parse(PERIOD.start), spanMs: 30 * DAY_MS });
    const large = generateMessages(200_000, { seed: 8, firstId: 20_000_000, start: Date.parse(LARGE_PERIOD.start), spanMs: 31 * DAY_MS });
    const started = performance.now();
    await sendMessages(client, [...small, ...large], summary, { concurrency: 2 });
    const seconds = (performance.now() - started) / 1000;
    if (summary.rejected.length > 0 || summary.inserted !== small.length + large.length) {
      throw new Error(`credits dataset did not load cleanly: ${summary.format(3)}`);
    }

    await client.put("/v1/billing-periods/current", LARGE_PERIOD);
    const largeRead = await measureLargeUsage(url, workerPid);
    if (largeRead.status !== 200 || largeRead.entries !== large.length) {
      throw new Error(`/usage over 200,000 messages answered ${largeRead.status} with ${largeRead.entries} entries`);
    }
    await client.put("/v1/billing-periods/current", PERIOD);
    return {
      rows: small.length + large.length,
      seconds,
      extra: {
        usage_200k_bytes: largeRead.bytes,
        usage_200k_ms: Math.round(largeRead.ms),
        workerd_rss_before_mb: Math.round(largeRead.before / 2 ** 20),
        workerd_rss_peak_mb: Math.round(largeRead.peak / 2 ** 20),
      },
    };
  },
};

export const creditsScenarios: HttpScenario[] = [
  {
    name: "credits: origin /usage, 10,000 messages (gzip)",
    service: "credits",
    path: "/usage",
    // What browsers send; the body is compressed once per data version.
    headers: { "Accept-Encoding": "gzip, deflate, br" },
    target: { minRatioToHealth: 0.5, description: "≥ 50 % of /health for a 10,000-message period" },
    loadGenerator: "wrk",
  },
  {
    name: "credits: origin /usage, 10,000 messages (identity)",
    service: "credits",
    path: "/usage",
    headers: { "Accept-Encoding": "identity" },
  },
  {
    name: "credits: Credit Usage dashboard, one day of the period (~330 messages, sample-sized)",
    service: "credits",
    // data/credits' sample period holds 400 messages; one day of this period holds about as many.
    path: SAMPLE_SIZED_DASHBOARD,
    // A browser's request: the page is rendered once per data version and URL, and kept gzipped.
    headers: { Accept: "text/html", "Accept-Encoding": "gzip, deflate, br" },
    target: { minRatioToHealth: 0.5, description: "≥ 50 % of /health for the Credit Usage dashboard of a sample-sized period" },
    loadGenerator: "wrk",
    // As production serves it: wrangler dev's proxy rewrites every HTML answer for live reload (the row below).
    server: "miniflare",
  },
  {
    name: "credits: Credit Usage dashboard, one day of the period (~330 messages), through wrangler dev's proxy",
    service: "credits",
    // Measured, not judged: the same page as above with wrangler dev's live-reload HTMLRewriter in front.
    path: SAMPLE_SIZED_DASHBOARD,
    headers: { Accept: "text/html", "Accept-Encoding": "gzip, deflate, br" },
    loadGenerator: "wrk",
  },
  {
    name: "credits: Credit Usage dashboard, 10,000 messages",
    service: "credits",
    // Measured, not judged: wrangler dev's proxy passes every text/html answer through HTMLRewriter (for live
    // reload), so a 1.5 MB page costs there what it never costs in production.
    path: "/dashboards/credits",
    headers: { Accept: "text/html", "Accept-Encoding": "gzip, deflate, br" },
    loadGenerator: "wrk",
  },
];

const SMALL_PERIOD_MESSAGES = 10_000;
const USAGE_ROWS = "#usage-table tbody tr";

/**
 * The period the dataset left current is the 10,000-message one: a table of another period would time something
 * else. The table pages its rows; the details say how many one page shows.
 */
async function withRowCount(page: Page, run: PageRun): Promise<PageRun> {
  const messages = Number(await page.locator("#usage-table").getAttribute("data-messages"));
  if (messages !== SMALL_PERIOD_MESSAGES) throw new Error(`the dashboard's table holds ${messages} messages, not ${SMALL_PERIOD_MESSAGES}`);
  const rows = await page.locator(USAGE_ROWS).count();
  return { ms: run.ms, details: { ...run.details, messages, rows } };
}

/** The Credit Usage dashboard over the 10,000-message period, as a browser shows it (credits issue, Performance). */
export const creditsPages: PageBenchmark[] = [
  {
    name: "credits: Credit Usage dashboard, 10,000 messages: chart and first rows visible",
    service: "credits",
    path: "/dashboards/credits",
    measure: async (page, url) => withRowCount(page, await timeToPainted(page, url, ["svg.chart", USAGE_ROWS])),
    target: { maxMedianMs: 1000, description: "chart and first rows visible within 1 s of navigation, median of 5 fresh loads" },
  },
  {
    name: "credits: Credit Usage dashboard, 10,000 messages: sort click reorders",
    service: "credits",
    path: "/dashboards/credits",
    measure: async (page, url) =>
      withRowCount(page, await timeClickToReorder(page, url, 'button[data-focus-key="sort-report"]', "#usage-table tbody")),
    target: { maxMedianMs: 100, description: "a click on Report Name reorders and paints the table within 100 ms, median of 5" },
  },
];

const WORDS = [
  "lease",
  "tenant",
  "what",
  "is",
  "the",
  "obligation",
  "maintenance",
  "repair",
  "clause",
  "a",
  "deposit",
  "can't",
  "re-sign",
  "2024",
  "amount",
  "for",
  "of",
  "and",
  "peak",
  "tariff",
  "kWh",
  "demand",
  "charge",
  "meter",
];
const NON_ASCII = ["café", "naïve", "Zürich", "€", "–"];

/** Texts of 20–300 characters from everyday words, 1 in 20 with a non-ASCII word. */
export function realisticTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const length = 20 + Math.floor(random() * 281);
    const parts: string[] = [];
    let size = 0;
    const accented = random() < 0.05;
    while (size < length) {
      const word =
        accented && random() < 0.1 ? NON_ASCII[Math.floor(random() * NON_ASCII.length)]! : WORDS[Math.floor(random() * WORDS.length)]!;
      parts.push(word + (random() < 0.1 ? "," : ""));
      size += word.length + 1;
    }
    // Flattened, as texts parsed from a JSON body are.
    return `${parts.join(" ").slice(0, length - 1)}?`.split("").join("");
  });
}

export const creditsMicro: MicroBenchmark[] = [
  {
    name: "credits: text pricing",
    service: "credits",
    async run() {
      const texts = realisticTexts(20_000, 3);
      let checksum = 0;
      for (const text of texts) checksum += priceText(text).total;
      const rounds: number[] = [];
      for (let round = 0; round < 5; round++) {
        const started = performance.now();
        for (const text of texts) checksum += priceText(text).total;
        rounds.push(texts.length / ((performance.now() - started) / 1000));
      }
      rounds.sort((a, b) => a - b);
      return {
        messages_per_s: Math.round(rounds[2]!),
        mean_characters: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
        checksum,
      };
    },
    target: { description: "≥ 500,000 messages/s (median of 5 rounds)", check: (m) => (m.messages_per_s ?? 0) >= 500_000 },
  },
];
