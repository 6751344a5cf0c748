import type { DecisionArray } from "../solver/plant-fold";

/**
 * The choices of one block of plants, each plant's kept over only the loads it computed (pruning usually leaves a
 * few hundred), packed in one typed array that grows on demand: memory follows the work actually done rather than
 * plants × load steps.
 */
export class DecisionStore {
  private readonly wide: boolean;
  private data: DecisionArray;
  private readonly bases: number[] = [];
  private used = 0;
  /** The largest the array has been, in bytes. */
  peakBytes: number;

  /** `wide` when some plant has more than 65,535 possible outputs, so its choices need 32 bits. */
  constructor(wide: boolean, initialLength: number) {
    this.wide = wide;
    this.data = this.allocate(initialLength);
    this.peakBytes = this.data.byteLength;
  }

  /** Forgets every plant, to record the next block. */
  clear(): void {
    this.used = 0;
    this.bases.length = 0;
  }

  /**
   * Room for the plant at `slot` of the block over loads [from, to]: its choice for load s goes to array[base + s].
   * The array may be a new one, so use the one returned.
   */
  reserve(slot: number, from: number, to: number): { array: DecisionArray; base: number } {
    const length = to - from + 1;
    if (this.used + length > this.data.length) {
      const grown = this.allocate(Math.max(2 * this.data.length, this.used + length));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
      this.peakBytes = Math.max(this.peakBytes, grown.byteLength);
    }
    const base = this.used - from;
    this.bases[slot] = base;
    this.used += length;
    return { array: this.data, base };
  }

  /** The choice recorded for the plant at `slot` and load s. */
  choice(slot: number, s: number): number {
    const base = this.bases[slot];
    if (base === undefined) throw new Error(`no choices recorded for plant ${slot} of the block`);
    return this.data[base + s]!;
  }

  private allocate(length: number): DecisionArray {
    return this.wide ? new Uint32Array(length) : new Uint16Array(length);
  }
}
