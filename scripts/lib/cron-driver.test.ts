import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { type CronFire, startCronDriver } from "./cron-driver";

describe("cron driver", () => {
  it("calls /__scheduled with the cron and its scheduled time when the schedule comes due, then reschedules", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("Ran scheduled event");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // A clock 40 ms before a whole minute: the every-minute cron is due almost at once.
    const minute = Date.UTC(2026, 5, 1, 12, 0);
    const offset = minute - 40 - Date.now();
    const fires: CronFire[] = [];
    const firstFire = new Promise<void>((resolve) => {
      const stop = startCronDriver({
        url,
        crons: ["* * * * *"],
        now: () => Date.now() + offset,
        onFire: (fire) => {
          fires.push(fire);
          stop();
          resolve();
        },
      });
    });
    await firstFire;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(fires).toEqual([{ cron: "* * * * *", at: new Date(minute), status: 200 }]);
    expect(seen).toEqual([`/__scheduled?cron=*+*+*+*+*&time=${minute}`]);
  });
});
