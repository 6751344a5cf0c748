import { type JsonSchema, typesOf } from "./openapi-model";

/**
 * Whether a value certainly breaks its schema's own constraints (type,
 * enum, bounds, lengths, pattern): then the app must answer 422 naming it.
 * `undefined` when the schema alone cannot tell.
 */
export function violates(schema: JsonSchema, value: unknown): boolean | undefined {
  const types = typesOf(schema);
  if (types.length === 0) return undefined;
  if (schema.enum) return !schema.enum.some((allowed) => allowed === value);
  const admitted = types.some((type) => hasType(type, value));
  if (!admitted) return true;
  if (typeof value === "number") return outOfBounds(schema, value);
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return true;
    if (schema.minLength !== undefined && value.length < schema.minLength) return true;
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return true;
    return false;
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return true;
    if (schema.minItems !== undefined && value.length < schema.minItems) return true;
  }
  return false;
}

/** The same for a query or path parameter, which arrives as text and is read as a number when the schema says so. */
export function violatesParam(schema: JsonSchema, text: string): boolean | undefined {
  const types = typesOf(schema);
  if (types.includes("string") || schema.enum?.every((value) => typeof value === "string"))
    return violates({ ...schema, type: "string" }, text);
  if (types.includes("integer") || types.includes("number")) {
    if (text.trim() === "") return undefined;
    const number = Number(text);
    if (!Number.isFinite(number)) return true;
    return violates({ ...schema, type: types.filter((type) => type !== "null") }, number);
  }
  return undefined;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function outOfBounds(schema: JsonSchema, value: number): boolean {
  if (schema.minimum !== undefined && value < schema.minimum) return true;
  if (schema.maximum !== undefined && value > schema.maximum) return true;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return true;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return true;
  return false;
}
