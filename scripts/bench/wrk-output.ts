/**
 * Reads the text wrk 4.x prints (run with --latency) into the measurement the
 * report uses. Pure, so it is tested on captured output without wrk installed.
 */
import type { HttpMeasurement } from "./bench-results";

function match(output: string, pattern: RegExp, what: string): RegExpMatchArray {
  const found = output.match(pattern);
  // The output goes into the message: a wrk that could not connect prints one line that says why.
  if (!found) throw new Error(`wrk output has no ${what}:\n${output.trim()}`);
  return found;
}

/** A latency as wrk formats it ("26.00us", "7.15ms", "1.20s"), in milliseconds. */
export function latencyMs(text: string): number {
  const found = text.trim().match(/^([\d.]+)(us|ms|s)$/);
  if (!found) throw new Error(`unrecognised wrk latency "${text}"`);
  const value = Number(found[1]);
  // Divided rather than multiplied by 0.001, so 26us reads 0.026 and not 0.026000000000000002.
  if (found[2] === "us") return value / 1000;
  return found[2] === "s" ? value * 1000 : value;
}

function percentileMs(output: string, percentile: number): number {
  const line = match(
    output,
    new RegExp(`^\\s*${percentile}%\\s+(\\S+)\\s*$`, "m"),
    `${percentile}% latency line (was it run with --latency?)`,
  );
  return latencyMs(line[1]!);
}

/**
 * wrk counts every completed response in "N requests", and in "Non-2xx or 3xx
 * responses" only those with a status above 399: a redirect counts as a
 * success here, unlike under autocannon. It reports no per-status counts.
 */
export function parseWrkOutput(output: string): HttpMeasurement {
  const responses = Number(match(output, /^\s*(\d+) requests in /m, "total requests line")[1]);
  const requestsAverage = Number(match(output, /^Requests\/sec:\s+([\d.]+)/m, "Requests/sec line")[1]);
  // wrk prints these two lines only when their counts are not zero.
  const non2xx = Number(output.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const [connect = 0, read = 0, write = 0, timeout = 0] = socket ? socket.slice(1, 5).map(Number) : [];
  return {
    requestsAverage,
    latencyP50Ms: percentileMs(output, 50),
    latencyP99Ms: percentileMs(output, 99),
    responses,
    non2xx,
    errors: connect + read + write,
    timeouts: timeout,
  };
}
