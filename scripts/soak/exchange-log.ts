import { readFileSync } from "node:fs";
import type { ExchangeLogLine } from "../simulators/exchange-simulator";

/** Parses the exchange simulator's JSONL log; a torn last line (a crash mid-write) is skipped rather than fatal. */
export function parseExchangeLog(text: string): ExchangeLogLine[] {
  const lines: ExchangeLogLine[] = [];
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    try {
      lines.push(JSON.parse(raw) as ExchangeLogLine);
    } catch {}
  }
  return lines;
}

export function readExchangeLog(path: string): ExchangeLogLine[] {
  return parseExchangeLog(readFileSync(path, "utf8"));
}
