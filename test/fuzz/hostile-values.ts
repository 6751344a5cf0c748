import fc from "fast-check";

/** Strings that break naive code: each one is a reason some parser, store or encoder has failed before. */
export const HOSTILE_STRINGS: Array<{ name: string; value: string }> = [
  { name: "emoji", value: "⚡🔌👩‍👩‍👧‍👦" },
  { name: "rtl", value: "\u202Eabc\u202C مرحبا" },
  { name: "nul", value: "a\u0000b" },
  { name: "line-separator", value: "a\u2028b\u2029c" },
  { name: "lone-high-surrogate", value: "\ud800x" },
  { name: "lone-low-surrogate", value: "x\udfff" },
  { name: "empty", value: "" },
  { name: "whitespace", value: " \t\n " },
  { name: "sql", value: "'; DROP TABLE messages; --" },
  { name: "percent", value: "%00%2e%2e%2f" },
  { name: "dot-dot", value: "../../etc/passwd" },
  { name: "html", value: "<script>alert(1)</script>" },
  { name: "nan", value: "NaN" },
  { name: "infinity", value: "Infinity" },
  { name: "minus-infinity", value: "-Infinity" },
  { name: "combining", value: "e\u0301\u0301\u0301" },
];

/** Path segments aimed at routing and decoding: traversal, NUL, encoded separators. */
export const HOSTILE_SEGMENTS = [
  "..",
  "../",
  "..%2F..%2F",
  "%2e%2e",
  "%00",
  "a%00b",
  "%2F",
  "%5C",
  "%",
  "%zz",
  "%C0%AE",
  "%ED%A0%80",
  "..;",
  "%20",
  "a%2Fb",
  "%E2%80%A8",
];

export const HUGE_STRING_LENGTH = 100 * 1024;

/** Numbers at the edges of IEEE doubles and integer ranges, and the strings JSON cannot carry as numbers. */
export const EDGE_NUMBERS: unknown[] = [
  1e308,
  -1e308,
  5e-324,
  -5e-324,
  -0,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  2 ** 31,
  2 ** 31 - 1,
  -1,
  0.1 + 0.2,
  1.0000000000000002,
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
];

/** A JSON value of another type than the schema allows (the caller filters by what is allowed). */
export const VALUES_BY_TYPE: Record<string, unknown[]> = {
  string: ["1", "true", "null", "{}"],
  number: [1, 0, -1, 1.5],
  integer: [1, 0],
  boolean: [true, false],
  null: [null],
  object: [{}, { a: 1 }],
  array: [[], [1]],
};

export function hostileStringArb(): fc.Arbitrary<{ name: string; value: string }> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constant({ name: "100kb", value: "é".repeat(HUGE_STRING_LENGTH / 2) }),
    fc.string({ unit: "binary", maxLength: 40 }).map((value) => ({ name: "random-code-points", value })),
  );
}

/** `[[[…]]]` (or `{"a":{"a":…}}`) nested this deep, as JSON text. */
export function deepJson(depth: number, objects: boolean): string {
  return objects ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : "[".repeat(depth) + "]".repeat(depth);
}
