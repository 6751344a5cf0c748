import { describe, expect, it } from "vitest";
import { latencyMs, parseWrkOutput } from "./wrk-output";

// Real output of wrk 4.1.0 (Debian 4.1.0-3+b2) against small local Node servers, captured once.

/** `wrk -t1 -c1 -d2s --latency` against a raw TCP server with a canned reply: microseconds and milliseconds. */
const MICROSECONDS = `Running 2s test @ http://127.0.0.1:18081/
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   146.57us  548.83us   7.52ms   94.80%
    Req/Sec    30.58k     6.13k   34.90k    90.00%
  Latency Distribution
     50%   26.00us
     75%   30.00us
     90%   50.00us
     99%    3.02ms
  60826 requests in 2.00s, 2.32MB read
Requests/sec:  30404.15
Transfer/sec:      1.16MB
`;

/** `wrk -t2 -c10 -d2s --latency` against a Node http server that answers every fourth request with a 500. */
const SOME_NON_2XX = `Running 2s test @ http://127.0.0.1:18080/?fail=4
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.55ms    0.86ms  18.83ms   90.24%
    Req/Sec     3.31k   478.95     3.83k    77.50%
  Latency Distribution
     50%    1.48ms
     75%    1.67ms
     90%    2.00ms
     99%    3.91ms
  13187 requests in 2.00s, 2.19MB read
  Non-2xx or 3xx responses: 3296
Requests/sec:   6590.42
Transfer/sec:      1.09MB
`;

/** The same server answering 1.2 s late: seconds, which wrk pads with a trailing space. */
const SECONDS = `Running 4s test @ http://127.0.0.1:18080/?delay=1200
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s     5.39ms   1.21s    66.67%
    Req/Sec     3.67      0.52     4.00     66.67%
  Latency Distribution
     50%    1.20s 
     75%    1.21s 
     90%    1.21s 
     99%    1.21s 
  30 requests in 4.10s, 4.95KB read
Requests/sec:      7.32
Transfer/sec:      1.21KB
`;

/** \`--timeout 1s\` against answers 1.5 s late: no latency recorded, every request a timeout. */
const TIMEOUTS = `Running 3s test @ http://127.0.0.1:18080/?delay=1500
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     9.67     15.24    40.00     83.33%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  20 requests in 3.01s, 3.30KB read
  Socket errors: connect 0, read 0, write 0, timeout 20
Requests/sec:      6.65
Transfer/sec:      1.10KB
`;

/** A server that crashed at the first burst: read and write errors, no responses. */
const SOCKET_ERRORS = `Running 2s test @ http://127.0.0.1:18081/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.04s, 0.00B read
  Socket errors: connect 0, read 10, write 122807, timeout 0
Requests/sec:      0.00
Transfer/sec:       0.00B
`;

describe("parseWrkOutput", () => {
  it("reads microsecond and millisecond latencies as milliseconds", () => {
    expect(parseWrkOutput(MICROSECONDS)).toEqual({
      requestsAverage: 30404.15,
      latencyP50Ms: 0.026,
      latencyP99Ms: 3.02,
      responses: 60826,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
    });
  });

  it("counts the Non-2xx line as failed responses among all responses", () => {
    expect(parseWrkOutput(SOME_NON_2XX)).toEqual({
      requestsAverage: 6590.42,
      latencyP50Ms: 1.48,
      latencyP99Ms: 3.91,
      responses: 13187,
      non2xx: 3296,
      errors: 0,
      timeouts: 0,
    });
  });

  it("reads second latencies, trailing space and all", () => {
    expect(parseWrkOutput(SECONDS)).toMatchObject({ requestsAverage: 7.32, latencyP50Ms: 1200, latencyP99Ms: 1210, responses: 30 });
  });

  it("separates timeouts from the other socket errors", () => {
    expect(parseWrkOutput(TIMEOUTS)).toMatchObject({ responses: 20, errors: 0, timeouts: 20 });
    expect(parseWrkOutput(SOCKET_ERRORS)).toMatchObject({ requestsAverage: 0, responses: 0, errors: 122_817, timeouts: 0 });
  });

  it("refuses output without the latency distribution, quoting it", () => {
    const withoutLatency = MICROSECONDS.split("\n")
      .filter((line) => !/^\s+\d+%/.test(line))
      .join("\n");
    expect(() => parseWrkOutput(withoutLatency)).toThrow(/50% latency line[\s\S]*Requests\/sec: {2}30404.15/);
    expect(() => parseWrkOutput("unable to connect to 127.0.0.1:18099 Connection refused\n")).toThrow(/Connection refused/);
  });
});

describe("latencyMs", () => {
  it("converts each unit wrk prints", () => {
    expect(latencyMs("26.00us")).toBe(0.026);
    expect(latencyMs("7.15ms")).toBe(7.15);
    expect(latencyMs("1.20s ")).toBe(1200);
    expect(() => latencyMs("2.00m")).toThrow(/unrecognised/);
  });
});
