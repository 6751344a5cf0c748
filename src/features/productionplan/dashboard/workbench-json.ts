/**
 * The JSON view's text: a payload written so a person can edit it (one line per plant), and what is wrong with a text
 * that is not JSON, at a line and column. Pure, for the page and its script.
 */

const isFlat = (value: unknown): boolean =>
  typeof value !== "object" || value === null || Object.values(value).every((inner) => typeof inner !== "object" || inner === null);

function flatJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(flatJson).join(", ")}]`;
  const members = Object.entries(value).map(([key, inner]) => `${JSON.stringify(key)}: ${flatJson(inner)}`);
  return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
}

/** Indented JSON whose innermost objects and arrays (a plant, the fuels) each hold one line. */
export function formatPayloadJson(value: unknown, indent = ""): string {
  if (isFlat(value) && indent !== "") return flatJson(value);
  if (typeof value !== "object" || value === null) return flatJson(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + formatPayloadJson(item, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatPayloadJson(item, inner)}`).join(",\n")}\n${indent}}`;
}

export interface JsonSyntaxError {
  /** What the parser expected, without its position. */
  message: string;
  /** Offset in the text where parsing stopped (the end of the text for an unexpected end). */
  offset: number;
  /** 1-based, as an editor counts them. */
  line: number;
  column: number;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

const POSITION = /\s*in JSON at position (\d+)(?:\s*\(line \d+ column \d+\))?/;

/** The line and column (1-based) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** JSON.parse, with a syntax error's place in the text (engines say only an offset, or nothing at the end of the text). */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const match = POSITION.exec(raw);
    const offset = match ? Math.min(Number(match[1]), text.length) : text.length;
    const message = raw.replace(POSITION, "").replace(/^JSON\.parse: /, "");
    return { ok: false, error: { message, offset, ...lineAndColumn(text, offset) } };
  }
}
