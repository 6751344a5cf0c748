import type { Deal, MessageKey } from "./deal-generator";

/**
 * The ways a frame can be wrong. Each one must be rejected by a strict
 * validator (no coercion of "20.64" into a number needed to spot it), so a
 * test can expect every malformed frame to be counted, never stored.
 */
export const MALFORMED_DEFECTS = ["invalid_json", "not_an_object", "missing_field", "bad_type", "bad_value", "unknown_key"] as const;
export type MalformedDefect = (typeof MALFORMED_DEFECTS)[number];

export interface MalformedFrame {
  defect: MalformedDefect;
  frame: string;
}

type Field = keyof Deal;
const FIELDS: readonly Field[] = ["id", "price", "quantity", "direction", "delivery_day", "delivery_hour", "trader_id", "execution_time"];

/** Values of the wrong JSON type per field (no numeric strings: a lenient parser could accept those). */
const BAD_TYPES: Record<Field, (deal: Deal) => unknown> = {
  id: () => 12345,
  price: (deal) => `${deal.price} EUR`,
  quantity: () => null,
  direction: () => true,
  delivery_day: () => 20230221,
  delivery_hour: () => 15,
  trader_id: () => ["flex_trader_1"],
  execution_time: () => 1676960023,
};

/** Values of the right type that break the contract (price has none: any finite number, negative included, is valid). */
const BAD_VALUES: Partial<Record<Field, (deal: Deal) => unknown>> = {
  id: (deal) => deal.id.slice(1),
  quantity: (deal) => -deal.quantity,
  direction: () => "hold",
  delivery_day: () => "2023-02-30",
  delivery_hour: () => "24-25",
  trader_id: () => "",
  execution_time: () => "yesterday",
};
const BAD_VALUE_FIELDS = Object.keys(BAD_VALUES) as Field[];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function withField(deal: Deal, field: Field, value: unknown): Record<string, unknown> {
  return { ...deal, [field]: value };
}

/**
 * A malformed frame built from a deal that is then thrown away (never sent
 * well-formed), so its id cannot be mistaken for a lost deal.
 */
export function malformedFrame(random: () => number, key: MessageKey, deal: Deal): MalformedFrame {
  const defect = pick(random, MALFORMED_DEFECTS);
  switch (defect) {
    case "invalid_json": {
      // Any proper prefix of a JSON object lacks its closing brace, so it never parses.
      const text = JSON.stringify({ [key]: deal });
      return { defect, frame: text.slice(0, 1 + Math.floor(random() * (text.length - 1))) };
    }
    case "not_an_object":
      return { defect, frame: pick(random, ["null", "42", `"${key}"`, "[]", JSON.stringify([{ [key]: deal }])]) };
    case "missing_field": {
      const copy: Record<string, unknown> = { ...deal };
      delete copy[pick(random, FIELDS)];
      return { defect, frame: JSON.stringify({ [key]: copy }) };
    }
    case "bad_type": {
      const field = pick(random, FIELDS);
      return { defect, frame: JSON.stringify({ [key]: withField(deal, field, BAD_TYPES[field](deal)) }) };
    }
    case "bad_value": {
      const field = pick(random, BAD_VALUE_FIELDS);
      const value = BAD_VALUES[field]?.(deal);
      return { defect, frame: JSON.stringify({ [key]: withField(deal, field, value) }) };
    }
    case "unknown_key":
      return { defect, frame: JSON.stringify({ [pick(random, ["order_confirmation", "deal_confirmations", "confirmation"])]: deal }) };
  }
}
