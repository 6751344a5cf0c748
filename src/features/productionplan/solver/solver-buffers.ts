/**
 * Typed arrays kept between solves in one isolate, so a small plan (the origin's payloads are about 10,000 load
 * steps) does not allocate and zero some 300 KB each time: that was a third of payload3's solve. Solves are
 * synchronous, so two never use the buffers at once. Arrays come back with whatever the last solve left in them:
 * callers write before they read, as the solver does. Beyond POOLED_STEPS the caller gets fresh arrays, so an isolate
 * never keeps a large fleet's memory alive after its plan.
 */
const POOLED_STEPS = 1 << 17;

const float64Pool: Float64Array[] = [];
const int32Pool: Int32Array[] = [];

function pooled<T extends Float64Array | Int32Array>(pool: T[], slot: number, length: number, make: (length: number) => T): T {
  if (length > POOLED_STEPS) return make(length);
  let buffer = pool[slot];
  if (!buffer || buffer.length < length) {
    buffer = make(Math.max(length, Math.min(POOLED_STEPS, 2 * (buffer?.length ?? 0))));
    pool[slot] = buffer;
  }
  return buffer.subarray(0, length) as T;
}

/** The solve's `slot`-th float array of `length` (0 and 1: cost rows, 2: the window's values, 3: the bound). */
export function float64Buffer(slot: number, length: number): Float64Array {
  return pooled(float64Pool, slot, length, (n) => new Float64Array(n));
}

export function int32Buffer(slot: number, length: number): Int32Array {
  return pooled(int32Pool, slot, length, (n) => new Int32Array(n));
}
