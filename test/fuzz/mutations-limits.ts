import fc from "fast-check";
import { nodesOf, pointerOf, updateAt } from "./json-walk";
import { type Mutated, type Mutation, type MutationContext, unchanged } from "./mutation";
import { parametersIn, typesOf } from "./openapi-model";
import { exampleParts, type RequestParts } from "./request-parts";
import { violates } from "./schema-check";

/**
 * Bodies and parameters at and one past every limit the document declares
 * (maxItems, maxLength, minimum/maximum), built from the operation's example
 * so everything else in the request is valid. At a limit the app must not
 * name the field; one past it, it must answer 422 naming it.
 */
function limitCases(context: MutationContext): Mutated[] {
  const cached = built.get(context.operation);
  if (cached) return cached;
  const cases = buildLimitCases(context);
  built.set(context.operation, cases);
  return cases;
}

/** Cases are large (a 50,000-item batch); built once per operation. */
const built = new WeakMap<object, Mutated[]>();

function buildLimitCases(context: MutationContext): Mutated[] {
  const parts = exampleParts(context.operation);
  const cases: Mutated[] = [];
  const field = (pointer: string, location = "body") => ({ location, pointer });
  for (const node of nodesOf(context.doc, context.operation.bodySchema, parts.body)) {
    const schema = node.schema;
    if (!schema) continue;
    const pointer = pointerOf(node.path);
    const withValue = (value: unknown): RequestParts => ({ ...parts, body: updateAt(parts.body, node.path, value) });
    if (Array.isArray(node.value) && schema.maxItems !== undefined && node.value.length > 0) {
      const items = node.value;
      const filled = (length: number) => Array.from({ length }, (_, i) => items[i % items.length]);
      cases.push({
        parts: withValue(filled(schema.maxItems)),
        expect: { doesNotNameField: field(pointer), notStatus: 413 },
        note: `${pointer} at maxItems ${schema.maxItems}`,
      });
      cases.push({
        parts: withValue(filled(schema.maxItems + 1)),
        expect: { statuses: [422], namesField: field(pointer) },
        note: `${pointer} one past maxItems ${schema.maxItems}`,
      });
    }
    if (typeof node.value === "string" && schema.maxLength !== undefined && !schema.pattern) {
      cases.push({
        parts: withValue("a".repeat(schema.maxLength)),
        expect: { doesNotNameField: field(pointer), notStatus: 413 },
        note: `${pointer} at maxLength ${schema.maxLength}`,
      });
      cases.push({
        parts: withValue("a".repeat(schema.maxLength + 1)),
        expect: { statuses: [422], namesField: field(pointer) },
        note: `${pointer} one past maxLength ${schema.maxLength}`,
      });
    }
    if (typeof node.value === "number") {
      const bounds = [schema.maximum, schema.minimum, schema.exclusiveMinimum, schema.exclusiveMaximum].filter(
        (b): b is number => b !== undefined,
      );
      for (const value of bounds.flatMap((bound) => [bound, bound + 1, bound - 1])) {
        const past = violates(schema, value);
        cases.push({
          parts: withValue(value),
          expect: past ? { statuses: [422], namesField: field(pointer) } : { notStatus: 413 },
          note: `${pointer} = ${value} (${past ? "outside" : "inside"} its bounds)`,
        });
      }
    }
  }
  for (const parameter of [...parametersIn(context.operation, "path"), ...parametersIn(context.operation, "query")]) {
    const schema = parameter.schema ?? {};
    const set = (text: string): RequestParts =>
      parameter.in === "path"
        ? { ...parts, path: { ...parts.path, [parameter.name]: text } }
        : { ...parts, query: [...parts.query.filter(([name]) => name !== parameter.name), [parameter.name, text]] };
    const where = field(`/${parameter.name}`, parameter.in);
    if (schema.maxLength !== undefined && !schema.pattern) {
      cases.push({
        parts: set("a".repeat(schema.maxLength)),
        expect: { doesNotNameField: where },
        note: `${parameter.name} at maxLength ${schema.maxLength}`,
      });
      cases.push({
        parts: set("a".repeat(schema.maxLength + 1)),
        expect: { statuses: [422], namesField: where },
        note: `${parameter.name} one past maxLength`,
      });
    }
    if (typesOf(schema).includes("integer")) {
      for (const bound of [schema.minimum, schema.maximum].filter((b): b is number => b !== undefined)) {
        for (const value of [bound - 1, bound, bound + 1]) {
          const past = violates({ ...schema, type: "integer" }, value);
          cases.push({
            parts: set(String(value)),
            expect: past ? { statuses: [422], namesField: where } : { doesNotNameField: where },
            note: `${parameter.name} = ${value}`,
          });
        }
      }
    }
  }
  if (context.longRun && context.operation.bodySchema) cases.push(...byteLimitCases(context, parts));
  return cases;
}

/** The whole-body limit: JSON padded with trailing whitespace (still JSON) to exactly the limit, then one byte more. */
function byteLimitCases(context: MutationContext, parts: RequestParts): Mutated[] {
  const text = JSON.stringify(parts.body);
  const bytes = new TextEncoder().encode(text).length;
  const pad = (total: number) => text + " ".repeat(total - bytes);
  return [
    {
      parts: { ...parts, rawBody: pad(context.maxBodyBytes) },
      expect: { notStatus: 413 },
      note: `body of exactly ${context.maxBodyBytes} bytes`,
    },
    {
      parts: { ...parts, rawBody: pad(context.maxBodyBytes + 1) },
      expect: { statuses: [413] },
      note: `body of ${context.maxBodyBytes + 1} bytes`,
    },
  ];
}

export const limits: Mutation = {
  family: "limits",
  applies: (context) => limitCases(context).length > 0,
  arb: (context, valid) => {
    const cases = limitCases(context);
    return cases.length ? fc.constantFrom(...cases) : fc.constant(unchanged(valid, "no declared limit"));
  },
  examples: limitCases,
};
