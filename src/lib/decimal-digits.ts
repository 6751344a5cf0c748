/**
 * Only a string of decimal digits becomes a number; anything else passes through for the schema to reject.
 * `z.coerce` also took `""`, `0x10`, `1e3` and `" 2"`.
 */
export function digitsToNumber(value: unknown): unknown {
  return typeof value === "string" && /^[0-9]{1,16}$/.test(value) ? Number(value) : value;
}
