import { type Deal, generateDealMessage, type MessageKey, type MessageKeyMode } from "./deal-generator";
import { type MalformedDefect, malformedFrame } from "./malformed-frames";

export type PlannedFrame =
  | { kind: "deal"; id: string; key: MessageKey; deal: Deal; frame: string }
  | { kind: "duplicate"; id: string; frame: string }
  | { kind: "malformed"; defect: MalformedDefect; frame: string };

export interface FramePlannerOptions {
  messageKey: MessageKeyMode;
  traderCount: number;
  /** Share of frames (0–1) that re-send an earlier deal of the same connection verbatim. */
  duplicateRate: number;
  /** Share of frames (0–1) that are malformed. */
  malformedRate: number;
  /** How many recent deals a duplicate is drawn from (bounds memory at high rates). */
  historySize?: number;
}

/** Throws when the shares are not probabilities that fit together (checked at start, not on a first connection). */
export function checkFrameShares({ duplicateRate, malformedRate }: Pick<FramePlannerOptions, "duplicateRate" | "malformedRate">): void {
  for (const [name, share] of [
    ["duplicateRate", duplicateRate],
    ["malformedRate", malformedRate],
  ] as const) {
    if (!(share >= 0 && share <= 1)) throw new Error(`${name} must be between 0 and 1, got ${share}`);
  }
  if (duplicateRate + malformedRate > 1) throw new Error("duplicateRate + malformedRate must be at most 1");
}

/**
 * Decides what one connection sends next: a new deal, a verbatim re-send of
 * one of its earlier deals, or a malformed frame. Pure apart from the PRNG it
 * is given, so a seed reproduces a connection's whole stream.
 */
export class FramePlanner {
  private readonly history: Array<{ id: string; frame: string }> = [];
  private historyNext = 0;
  private readonly historySize: number;

  constructor(
    private readonly random: () => number,
    private readonly options: FramePlannerOptions,
  ) {
    checkFrameShares(options);
    this.historySize = options.historySize ?? 1000;
  }

  next(nowMs: number): PlannedFrame {
    const roll = this.random();
    // The first frame of a connection cannot be a duplicate: there is nothing of its own to repeat yet.
    if (roll < this.options.duplicateRate && this.history.length > 0) {
      const earlier = this.history[Math.floor(this.random() * this.history.length)];
      if (earlier) return { kind: "duplicate", id: earlier.id, frame: earlier.frame };
    }
    const generated = generateDealMessage(this.random, nowMs, this.options);
    if (roll >= this.options.duplicateRate && roll < this.options.duplicateRate + this.options.malformedRate) {
      return { kind: "malformed", ...malformedFrame(this.random, generated.key, generated.deal) };
    }
    const frame = JSON.stringify(generated.message);
    this.remember(generated.deal.id, frame);
    return { kind: "deal", id: generated.deal.id, key: generated.key, deal: generated.deal, frame };
  }

  private remember(id: string, frame: string): void {
    if (this.history.length < this.historySize) this.history.push({ id, frame });
    else this.history[this.historyNext] = { id, frame };
    this.historyNext = (this.historyNext + 1) % this.historySize;
  }
}
