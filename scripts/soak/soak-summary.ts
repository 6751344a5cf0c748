import type { TradingSoakResult } from "./trading-soak";

function liveLines({ live }: TradingSoakResult): string[] {
  if (!live) return [];
  const { counters: c } = live;
  const reads = c.reportReads;
  return [
    `  subscribers    ${live.subscribers} over ${live.pairs} (trader, day) pairs: ${c.connects} hellos, ${c.drops} sockets cut at the ` +
      `exchange's drops, ${c.unexpectedCloses} unexpected closes; ${live.connected_at_end} connected at the end`,
    `  live reads     report after each hello: ${reads.ok} × 200, ${reads.notModified} × 304, ${reads.notFound} × 404, ` +
      `${reads.failed} failed; ${c.pushes} pushes, ${c.olderPartsIgnored} older rows/totals ignored`,
    `  live views     ${live.equal}/${live.subscribers} equal to GET …/report (rows and totals), ${live.settle_ms} ms after the drain`,
  ];
}

/** The console report of a trading soak: the figures first, then each check. */
export function tradingSoakSummary(result: TradingSoakResult): string {
  const { settings, verdict } = result;
  const { deals, log, feed, reconnect } = verdict;
  const percent = (share: number) => `${Number((share * 100).toFixed(2))} %`;
  const ms = (value: number | null) => (value === null ? "n/a" : `${value} ms`);
  const drained = result.drain_ms === null ? "never (60 s timeout)" : `${result.drain_ms} ms after the pause`;
  const lines = [
    "",
    `Trading soak: ${settings.rate} deals/s for ${settings.minutes} min, ` +
      `${percent(settings.duplicate)} duplicates, ${percent(settings.malformed)} malformed, ` +
      (settings.disconnectEvery > 0 ? `drop every ${settings.disconnectEvery} frames` : "no forced drops") +
      ` (seed ${result.seed})`,
    `  load           ${result.load_seconds} s; drained ${drained}`,
    `  frames         ${log.frames} sent over ${log.connections} connections (${log.sendFailed} send failures); ` +
      `feed handled ${feed.frames}`,
    `  deals          ${deals.sent} sent, ${deals.stored} stored, ${deals.missing} missing, ${deals.extra} extra, ` +
      `${deals.doubled} stored twice; deals_stored ${feed.deals_stored}`,
    `  duplicates     ${log.duplicates} delivered, ${feed.duplicates_ignored} ignored`,
    `  malformed      ${log.malformed} delivered, ${feed.malformed_rejected} rejected`,
    `  reconnects     ${reconnect.drops} forced drops, ${reconnect.reconnected} reconnected; ` +
      `median ${ms(reconnect.medianMs)}, max ${ms(reconnect.maxMs)} (limit ${reconnect.limitMs} ms); ` +
      `feed reconnects ${feed.reconnects}, client closes ${log.clientCloses}`,
    ...liveLines(result),
    "",
    ...verdict.checks.map((c) => `  ${c.ok ? "ok  " : "FAIL"}  ${c.name}: ${c.detail}`),
    "",
    verdict.ok ? "Soak passed." : "Soak FAILED.",
  ];
  return lines.join("\n");
}
