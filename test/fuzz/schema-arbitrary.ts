import fc from "fast-check";
import { edgeInstantArb, nearInstantArb, shapeOf } from "./instants";
import { flatten, type JsonSchema, type OpenApiDocument, resolve, typesOf } from "./openapi-model";

/** Longest arrays and strings a valid case carries; the limits themselves are the body-limit cases' job. */
const MAX_GENERATED_ITEMS = 3;
const MAX_GENERATED_CHARS = 24;

/** Examples name the rows the system was seeded with, so they win more often than random values. */
function preferExample<T>(example: unknown, generated: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  if (example === undefined) return generated;
  return fc.oneof({ arbitrary: fc.constant(example), weight: 3 }, { arbitrary: generated, weight: 2 });
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const shape = shapeOf(schema.example);
  if (shape) {
    return fc.oneof(
      { arbitrary: nearInstantArb(shape, schema.example as string), weight: 2 },
      { arbitrary: edgeInstantArb(shape), weight: 2 },
    );
  }
  if (schema.pattern) {
    const { minLength = 0, maxLength = Infinity } = schema;
    return fc.stringMatching(new RegExp(schema.pattern)).filter((value) => value.length >= minLength && value.length <= maxLength);
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_GENERATED_CHARS, MAX_GENERATED_CHARS));
  return fc.string({ minLength, maxLength, unit: "grapheme" }).filter((value) => [...value].length >= minLength);
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.exclusiveMinimum ?? schema.minimum;
  const highest = schema.exclusiveMaximum ?? schema.maximum;
  if (integer) {
    const min = Math.max(Math.ceil(lowest ?? -1_000_000) + (schema.exclusiveMinimum !== undefined ? 1 : 0), Number.MIN_SAFE_INTEGER);
    const max = Math.min(Math.floor(highest ?? 1_000_000) - (schema.exclusiveMaximum !== undefined ? 1 : 0), Number.MAX_SAFE_INTEGER);
    return fc.oneof(fc.integer({ min, max: Math.min(max, min + 10_000) }), fc.constantFrom(min, max), fc.integer({ min, max }));
  }
  const min = lowest ?? -1e6;
  const max = highest ?? 1e6;
  const tenths = fc.integer({ min: Math.ceil(min * 10), max: Math.floor(max * 10) }).map((n) => n / 10);
  const double = fc.double({
    min,
    max,
    minExcluded: schema.exclusiveMinimum !== undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
  return fc.oneof(tenths, double);
}

/**
 * A value the schema admits, from its examples and constraints. Validity here
 * is the schema's: a reference to a row that does not exist is still
 * generated (and answered 404 or 422 by the app).
 */
export function valueArb(doc: OpenApiDocument, schemaIn: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = flatten(doc, schemaIn);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((part) => valueArb(doc, part, depth)));
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => valueArb(doc, { ...schema, type }, depth)));
  switch (types[0]) {
    case "string":
      return preferExample(schema.example, stringArb(schema));
    case "integer":
      return preferExample(schema.example, numberArb(schema, true));
    case "number":
      return preferExample(schema.example, numberArb(schema, false));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, minLength + MAX_GENERATED_ITEMS));
      const generated = fc.array(valueArb(doc, schema.items ?? {}, depth + 1), { minLength, maxLength });
      return preferExample(schema.example, generated);
    }
    case "object": {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueArb(doc, property, depth + 1)]));
      const generated = fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
      return preferExample(schema.example, generated);
    }
    default:
      return depth > 4 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** The schema of the value at a JSON pointer inside a value of `schema`, if the schema says. */
export function schemaAt(doc: OpenApiDocument, schema: JsonSchema, path: ReadonlyArray<string | number>): JsonSchema | undefined {
  let current: JsonSchema | undefined = flatten(doc, schema);
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === "number") current = current.items ? flatten(doc, current.items) : undefined;
    else current = current.properties?.[segment] ? flatten(doc, current.properties[segment]!) : undefined;
  }
  return current ? resolve(doc, current) : undefined;
}
