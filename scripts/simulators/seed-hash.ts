import { randomInt } from "node:crypto";

/**
 * FNV-1a over the parts' text: turns (seed, connection) or (seed, day, hour,
 * bucket) into a 32-bit PRNG seed, so each stream can be reproduced on its own
 * without replaying every stream drawn before it.
 */
export function hashSeed(...parts: Array<string | number>): number {
  const text = parts.join("\u0000");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A fresh seed for a run that names none. Simulators default to it because a
 * fixed default would make every run send the same deal ids, which a store that
 * outlives the run (the ExchangeFeed) would then take for duplicates.
 */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31);
}
