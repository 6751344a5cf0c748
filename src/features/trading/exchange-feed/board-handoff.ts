import { log } from "../../../lib/log";

export interface BoardChange {
  traderId: string;
  deliveryDay: string;
}

/**
 * Hands the (trader, day) pairs that got deals to the live board, without the exchange socket ever waiting for it:
 * changes are collected as frames are stored and sent in one call per turn of the event loop, one call at a time,
 * so the board sees them in order and a burst of deals costs one call, not one per deal. A board that fails or is
 * slow delays only the next hand-off; dashboards re-read the report after any gap.
 */
export class BoardHandoff {
  private pending = new Map<string, BoardChange>();
  private sending: Promise<void> | null = null;

  constructor(
    private readonly send: (changes: BoardChange[]) => Promise<unknown>,
    private readonly keepAlive: (promise: Promise<unknown>) => void,
  ) {}

  changed(traderId: string, deliveryDay: string): void {
    this.pending.set(`${deliveryDay}|${traderId}`, { traderId, deliveryDay });
    if (!this.sending) {
      this.sending = this.drain().finally(() => {
        this.sending = null;
      });
      this.keepAlive(this.sending);
    }
  }

  private async drain(): Promise<void> {
    // Let the frames already queued on the socket be stored first, so they travel together.
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (this.pending.size > 0) {
      const changes = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.send(changes);
      } catch (error) {
        log("warn", {
          event: "board_handoff_failed",
          changes: changes.length,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
