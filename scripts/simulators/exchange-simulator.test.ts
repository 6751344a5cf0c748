import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { checkDealFrame } from "./deal-frame-check";
import {
  type ExchangeLogLine,
  type ExchangeSimulator,
  type ExchangeSimulatorOptions,
  FORCED_DISCONNECT_CODE,
  startExchangeSimulator,
} from "./exchange-simulator";
import { DAY_MS, HOUR_MS, isoSeconds, parseHourLabel, parseIsoDay } from "./utc-time";

const dir = mkdtempSync(join(tmpdir(), "exchange-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let running: ExchangeSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.stop()));
  running = [];
});

async function start(options: ExchangeSimulatorOptions): Promise<ExchangeSimulator> {
  const simulator = await startExchangeSimulator({ port: 0, ...options });
  running.push(simulator);
  return simulator;
}

interface Session {
  socket: WebSocket;
  frames: string[];
  closed: Promise<{ code: number; reason: string }>;
}

/** A real ws client that records every text frame until the connection closes. */
async function connect(url: string): Promise<Session> {
  const socket = new WebSocket(url);
  const frames: string[] = [];
  socket.on("message", (data, isBinary) => {
    expect(isBinary).toBe(false);
    frames.push(data.toString());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { socket, frames, closed };
}

/** The server sees a close a moment after the client does (its socket ends last): wait for it before reading counters. */
async function whenIdle(simulator: ExchangeSimulator): Promise<void> {
  for (let i = 0; i < 200 && simulator.stats().connectionsOpen > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function readLog(path: string): ExchangeLogLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ExchangeLogLine);
}

const frameLines = (lines: ExchangeLogLine[], connection: number) =>
  lines.filter((line): line is Extract<ExchangeLogLine, { frame: string }> => line.connection === connection && "frame" in line);

describe("exchange simulator", () => {
  it(
    "streams ~1,000 frames at a high rate " +
      "with duplicates and malformed frames in their shares, " +
      "then drops with 1011; the log matches",
    async () => {
      const logFile = join(dir, "soak.jsonl");
      const simulator = await start({ rate: 1000, duplicateRate: 0.05, malformedRate: 0.05, disconnectEvery: 1000, seed: 42, logFile });
      const session = await connect(simulator.url);
      const close = await session.closed;

      expect(close).toEqual({ code: FORCED_DISCONNECT_CODE, reason: "forced disconnect" });
      expect(session.frames).toHaveLength(1000);

      // Classify what the client got with an independent strict check, not the simulator's labels.
      const seen = new Map<string, string>();
      let duplicates = 0;
      let malformed = 0;
      for (const frame of session.frames) {
        const checked = checkDealFrame(frame);
        if (!checked.ok) {
          malformed++;
          continue;
        }
        const earlier = seen.get(checked.deal.id);
        if (earlier !== undefined) {
          expect(frame).toBe(earlier); // a duplicate is a verbatim re-send
          duplicates++;
        } else {
          seen.set(checked.deal.id, frame);
        }
      }
      expect(duplicates).toBeGreaterThan(20);
      expect(duplicates).toBeLessThan(90);
      expect(malformed).toBeGreaterThan(20);
      expect(malformed).toBeLessThan(90);

      await whenIdle(simulator);
      const stats = simulator.stats();
      expect(stats).toMatchObject({
        connectionsTotal: 1,
        connectionsOpen: 0,
        framesSent: 1000,
        dealsSent: seen.size,
        duplicatesSent: duplicates,
        malformedSent: malformed,
        forcedDisconnects: 1,
        sendErrors: 0,
      });
      expect(simulator.sentDeals().map((sent) => sent.deal.id)).toEqual([...seen.keys()]);

      await simulator.stop();
      const lines = readLog(logFile);
      const frames = frameLines(lines, 1);
      expect(frames.map((line) => line.frame)).toEqual(session.frames);
      expect(frames.map((line) => line.seq)).toEqual(session.frames.map((_, i) => i + 1));
      for (const line of frames) {
        const checked = checkDealFrame(line.frame);
        expect(line.kind === "malformed").toBe(!checked.ok);
        if (line.kind !== "malformed") expect(checked.ok && checked.deal.id).toBe(line.id);
      }
      expect(frames.filter((line) => line.kind === "deal").map((line) => line.kind === "deal" && line.id)).toEqual([...seen.keys()]);
      expect(lines[0]).toMatchObject({ connection: 1, kind: "open" });
      expect(lines[lines.length - 1]).toMatchObject({ connection: 1, kind: "close", code: 1011, by: "server" });
    },
  );

  it("drops every connection after N frames with 1011, and each new connection gets a fresh stream", async () => {
    const simulator = await start({ rate: 500, disconnectEvery: 5, seed: 1 });
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const session = await connect(simulator.url);
      expect(await session.closed).toMatchObject({ code: 1011 });
      expect(session.frames).toHaveLength(5);
      for (const frame of session.frames) {
        const checked = checkDealFrame(frame);
        expect(checked.ok).toBe(true);
        if (checked.ok) ids.add(checked.deal.id);
      }
    }
    expect(ids.size).toBe(15); // never a replay of what an earlier connection got
    await whenIdle(simulator);
    expect(simulator.stats()).toMatchObject({
      connectionsTotal: 3,
      connectionsOpen: 0,
      framesSent: 15,
      dealsSent: 15,
      forcedDisconnects: 3,
    });
  });

  it("sends under the configured message key, or both when mixed", async () => {
    for (const messageKey of ["trade_confirmation", "mixed"] as const) {
      const simulator = await start({ rate: 1000, disconnectEvery: 200, messageKey, seed: 3 });
      const session = await connect(simulator.url);
      await session.closed;
      const keys = new Set(session.frames.map((frame) => Object.keys(JSON.parse(frame) as object)[0]));
      expect(keys).toEqual(messageKey === "mixed" ? new Set(["deal_confirmation", "trade_confirmation"]) : new Set([messageKey]));
    }
  });

  it("stamps deals with its clock and delivers from the next hour to the end of the next day", async () => {
    const now = Date.UTC(2023, 1, 21, 6, 13, 43, 500);
    const simulator = await start({ rate: 1000, disconnectEvery: 300, seed: 8, now: () => now, traderCount: 15 });
    const session = await connect(simulator.url);
    await session.closed;
    const traders = new Set<string>();
    for (const frame of session.frames) {
      const checked = checkDealFrame(frame);
      if (!checked.ok) throw new Error(checked.reason);
      expect(checked.deal.execution_time).toBe(isoSeconds(now));
      const start = (parseIsoDay(checked.deal.delivery_day) ?? 0) + (parseHourLabel(checked.deal.delivery_hour) ?? 0) * HOUR_MS;
      expect(start).toBeGreaterThanOrEqual(Date.UTC(2023, 1, 21, 7));
      expect(start).toBeLessThan(Date.UTC(2023, 1, 21) + 2 * DAY_MS);
      traders.add(checked.deal.trader_id);
    }
    expect(traders.size).toBe(15);
  });

  it("ignores what clients send and serves its counters at GET /stats", async () => {
    const simulator = await start({ rate: 200, seed: 5 });
    const session = await connect(simulator.url);
    for (const text of ["hello", '{"subscribe":"all"}', "ping"]) session.socket.send(text);
    while (session.frames.length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const statsUrl = `${simulator.url.replace(/^ws/, "http")}/stats`;
    let stats = (await (await fetch(statsUrl)).json()) as Record<string, unknown>;
    for (let i = 0; i < 50 && stats.clientMessagesIgnored !== 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      stats = (await (await fetch(statsUrl)).json()) as Record<string, unknown>;
    }
    expect(stats).toMatchObject({ clientMessagesIgnored: 3, connectionsOpen: 1, seed: 5, rate: 200, messageKey: "deal_confirmation" });
    expect(stats.framesSent).toBeGreaterThanOrEqual(10);
    expect(session.frames.every((frame) => checkDealFrame(frame).ok)).toBe(true);

    // Stopping says goodbye with 1001 rather than cutting the socket.
    await simulator.stop();
    expect(await session.closed).toMatchObject({ code: 1001 });
  });

  it("keeps the origin's cadence by default: nothing in the first moments after connecting", async () => {
    const simulator = await start({ seed: 2 });
    expect(simulator.stats().rate).toBe("origin");
    const session = await connect(simulator.url);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.frames).toEqual([]);
    session.socket.close();
    await session.closed;
  });

  it("changes the rate of open connections at runtime, and pauses them at 0 without closing", async () => {
    const simulator = await start({ rate: 0, seed: 9 });
    const session = await connect(simulator.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(session.frames).toEqual([]);

    simulator.setRate(500);
    expect(simulator.stats().rate).toBe(500);
    while (session.frames.length < 50) await new Promise((resolve) => setTimeout(resolve, 10));

    simulator.setRate(0);
    // Frames already handed to the socket may still land; after that, nothing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const paused = session.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.frames.length).toBe(paused);
    expect(session.socket.readyState).toBe(WebSocket.OPEN);

    simulator.setRate(1000);
    const resumedAt = Date.now();
    while (session.frames.length < paused + 100) await new Promise((resolve) => setTimeout(resolve, 10));
    // The pause is not owed afterwards: no burst of the frames the 400 ms at 0 would have held.
    expect(Date.now() - resumedAt).toBeGreaterThanOrEqual(80);
    expect(() => simulator.setRate(5000)).toThrow(/rate/);
    session.socket.close();
    await session.closed;
  });

  it("refuses impossible knobs at start", async () => {
    await expect(startExchangeSimulator({ port: 0, rate: 5000 })).rejects.toThrow(/rate/);
    await expect(startExchangeSimulator({ port: 0, duplicateRate: 0.7, malformedRate: 0.7 })).rejects.toThrow(/at most 1/);
  });
});
