import { describe, expect, it } from "vitest";
import type { ExchangeLogLine } from "../simulators/exchange-simulator";
import { reconcileDeals } from "./deal-reconciliation";
import { parseExchangeLog } from "./exchange-log";
import { reconnectLatencies, summarizeReconnects } from "./reconnect-latency";
import { checkSoak, type FeedCounters } from "./soak-checks";

/** Builds a simulator log line by line, with the clock and sequence numbers a real one would have. */
class LogBuilder {
  readonly lines: ExchangeLogLine[] = [];
  private connection = 0;
  private seq = 0;
  constructor(private t = 1_000_000) {}

  at(t: number): this {
    this.t = t;
    return this;
  }
  open(): this {
    this.connection++;
    this.seq = 0;
    this.lines.push({ t: this.t, connection: this.connection, kind: "open" });
    return this;
  }
  deal(id: string): this {
    this.lines.push({
      t: this.t,
      connection: this.connection,
      seq: ++this.seq,
      kind: "deal",
      id,
      frame: `{"deal_confirmation":{"id":"${id}"}}`,
    });
    return this;
  }
  duplicate(id: string): this {
    this.lines.push({
      t: this.t,
      connection: this.connection,
      seq: ++this.seq,
      kind: "duplicate",
      id,
      frame: `{"deal_confirmation":{"id":"${id}"}}`,
    });
    return this;
  }
  malformed(): this {
    this.lines.push({ t: this.t, connection: this.connection, seq: ++this.seq, kind: "malformed", defect: "invalid_json", frame: "{" });
    return this;
  }
  sendFailed(id: string): this {
    this.lines.push({
      t: this.t,
      connection: this.connection,
      seq: ++this.seq,
      kind: "send_failed",
      planned: "deal",
      id,
      error: "socket closed",
    });
    return this;
  }
  close(by: "server" | "client", code = 1011): this {
    this.lines.push({ t: this.t, connection: this.connection, kind: "close", code, reason: "", by });
    return this;
  }
}

const feed = (overrides: Partial<FeedCounters> = {}): FeedCounters => ({
  frames: 0,
  deals_stored: 0,
  duplicates_ignored: 0,
  malformed_rejected: 0,
  reconnects: 0,
  ...overrides,
});
const failing = (verdict: ReturnType<typeof checkSoak>) => verdict.checks.filter((c) => !c.ok).map((c) => c.name);

/** Two connections: a forced drop after 4 frames, a reconnect 600 ms later, then the simulator stopping at 5,000. */
function healthyRun(): LogBuilder {
  return new LogBuilder(1000)
    .open()
    .deal("a")
    .duplicate("a")
    .malformed()
    .at(1100)
    .deal("b")
    .at(1150)
    .close("server")
    .at(1700)
    .open()
    .deal("c")
    .malformed()
    .sendFailed("d")
    .at(5000)
    .close("server", 1001);
}

describe("soak checks", () => {
  it("passes a run where every deal is stored once and the counters match the log", () => {
    const verdict = checkSoak({
      log: healthyRun().lines,
      storedIds: ["a", "b", "c"],
      feed: feed({ frames: 6, deals_stored: 3, duplicates_ignored: 1, malformed_rejected: 2, reconnects: 1 }),
      stoppedAt: 5000,
      maxReconnectMs: 2000,
    });
    expect(failing(verdict)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.log).toEqual({ connections: 2, frames: 6, deals: 3, duplicates: 1, malformed: 2, sendFailed: 1, clientCloses: 0 });
    expect(verdict.deals).toMatchObject({ sent: 3, stored: 3, missing: 0, extra: 0, doubled: 0 });
    // From the last frame of connection 1 (t 1100), not its close line (1150), to the next open (1700); the stop is no drop.
    expect(verdict.reconnect).toMatchObject({ drops: 1, reconnected: 1, medianMs: 600, maxMs: 600, overLimit: 0 });
  });

  it("names lost, invented and double-stored deals", () => {
    const verdict = checkSoak({
      log: healthyRun().lines,
      storedIds: ["a", "a", "c", "zz"],
      feed: feed({ deals_stored: 3, duplicates_ignored: 1, malformed_rejected: 2 }),
      stoppedAt: 5000,
      maxReconnectMs: 2000,
    });
    expect(verdict.ok).toBe(false);
    expect(failing(verdict)).toEqual(["no deal lost", "no deal invented", "no deal stored twice"]);
    expect(verdict.deals).toMatchObject({
      sent: 3,
      stored: 4,
      missing: 1,
      extra: 1,
      doubled: 1,
      samples: { missing: ["b"], extra: ["zz"], doubled: ["a"] },
    });
  });

  it("fails when the counters disagree with the log: a deal counted twice, duplicates or malformed frames not accounted", () => {
    const verdict = checkSoak({
      log: healthyRun().lines,
      storedIds: ["a", "b", "c"],
      feed: feed({ deals_stored: 4, duplicates_ignored: 0, malformed_rejected: 1 }),
      stoppedAt: 5000,
      maxReconnectMs: 2000,
    });
    expect(failing(verdict)).toEqual(["deals_stored counts each deal once", "duplicates ignored", "malformed frames rejected"]);
  });

  it("accepts more duplicates ignored than the log shows delivered", () => {
    const verdict = checkSoak({
      log: healthyRun().lines,
      storedIds: ["a", "b", "c"],
      feed: feed({ deals_stored: 3, duplicates_ignored: 4, malformed_rejected: 2 }),
      stoppedAt: 5000,
      maxReconnectMs: 2000,
    });
    expect(verdict.ok).toBe(true);
  });

  it("fails a slow reconnect, and a drop the client never came back from", () => {
    const slow = new LogBuilder(0).open().deal("a").at(100).close("server").at(2600).open().deal("b").at(3000).close("server");
    const verdict = checkSoak({ log: slow.lines, storedIds: ["a", "b"], feed: feed({ deals_stored: 2 }), maxReconnectMs: 2000 });
    expect(failing(verdict)).toEqual(["reconnect ≤ 2000 ms after each drop"]);
    expect(verdict.reconnect).toMatchObject({ drops: 2, reconnected: 1, maxMs: 2600, overLimit: 2, latenciesMs: [2600, null] });
  });

  it("fails a run where nothing was sent, which would otherwise pass every other check", () => {
    const verdict = checkSoak({ log: new LogBuilder().open().lines, storedIds: [], feed: feed(), maxReconnectMs: 2000 });
    expect(failing(verdict)).toEqual(["deals flowed"]);
  });
});

describe("reconnect latency", () => {
  it("pairs each drop with the next connection, counts client closes out, and takes the median of the times", () => {
    const log = new LogBuilder(0)
      .open()
      .deal("a")
      .at(10)
      .close("server")
      .at(210)
      .open()
      .at(500)
      .close("client", 4000)
      .at(600)
      .open()
      .deal("b")
      .at(1000)
      .close("server")
      .at(1400)
      .open()
      .deal("c")
      .close("server")
      // The next connection can open before the server logs the old one's close: that is no negative time.
      .at(1300)
      .open().lines;
    const reconnects = reconnectLatencies(log);
    expect(reconnects.map((r) => [r.connection, r.nextConnection, r.ms])).toEqual([
      [1, 2, 210],
      [3, 4, 800],
      [4, 5, 0],
    ]);
    expect(summarizeReconnects(reconnects)).toEqual({ drops: 3, reconnected: 3, medianMs: 210, maxMs: 800 });
    expect(summarizeReconnects([])).toEqual({ drops: 0, reconnected: 0, medianMs: null, maxMs: null });
  });
});

describe("deal reconciliation and log parsing", () => {
  it("treats ids as multisets", () => {
    expect(reconcileDeals(["x", "y", "y"], ["y", "x", "x", "x"])).toEqual({
      sent: 2,
      stored: 4,
      missing: [],
      extra: [],
      doubled: [{ id: "x", times: 3 }],
    });
  });

  it("skips blank and torn lines", () => {
    const text = `${JSON.stringify({ t: 1, connection: 1, kind: "open" })}\n\n{"t":2,"conn`;
    expect(parseExchangeLog(text)).toEqual([{ t: 1, connection: 1, kind: "open" }]);
  });
});
