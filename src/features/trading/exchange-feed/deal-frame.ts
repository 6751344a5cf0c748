import { z } from "zod";
import { isIsoDay } from "../../../lib/instant";
import { toWholeUnits } from "./deal-units";

/**
 * Bounds far outside any real market (EU intraday clears within ±9,999 €/MWh) that keep every aggregate
 * (Σ quantity × price over thousands of deals, in tenth-cents) an exact integer below 2^53.
 */
export const MAX_ABS_PRICE = 100_000;
export const MAX_QUANTITY_MW = 10_000;

/** One deal as the feed stores it: money in integer cents, volume in integer tenths of a MW. */
export interface Deal {
  id: string;
  trader_id: string;
  delivery_day: string;
  delivery_hour: string;
  direction: "buy" | "sell";
  price_cents: number;
  quantity_tenths: number;
  /** Exactly as the exchange sent it. */
  execution_time: string;
  /** The same instant in UTC (ISO 8601 with milliseconds), so times with different offsets compare as text. */
  executed_at: string;
}

export type MessageKey = "deal_confirmation" | "trade_confirmation";

export type FrameResult = { ok: true; deal: Deal; key: MessageKey } | { ok: false; reason: string };

/** "HH-HH" where the second hour follows the first: "00-01" … "23-24". */
export function isDeliveryHour(text: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const from = Number(match[1]);
  return from <= 23 && Number(match[2]) === from + 1;
}

/** A number with at most `decimals` decimals, as an integer count of 10^-decimals units. */
function wholeUnits(decimals: number) {
  return (value: number, ctx: z.RefinementCtx): number => {
    const units = toWholeUnits(value, 10 ** decimals);
    if (units === null) {
      ctx.addIssue({ code: "custom", message: `expected at most ${decimals} decimal${decimals > 1 ? "s" : ""}` });
      return z.NEVER;
    }
    return units;
  };
}

const ConfirmationSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, "expected 32 hex characters")
    .transform((id) => id.toLowerCase()),
  price: z.number().finite().min(-MAX_ABS_PRICE).max(MAX_ABS_PRICE).transform(wholeUnits(2)),
  quantity: z.number().finite().positive().max(MAX_QUANTITY_MW).transform(wholeUnits(1)),
  direction: z.enum(["buy", "sell"]),
  delivery_day: z.string().refine(isIsoDay, "expected a real date YYYY-MM-DD"),
  delivery_hour: z.string().refine(isDeliveryHour, 'expected "HH-HH" from "00-01" to "23-24"'),
  trader_id: z.string().min(1).max(100),
  execution_time: z.iso.datetime({ offset: true }),
});

/**
 * Exactly one of the two keys: a frame carrying both is ambiguous, so it is rejected rather than guessed.
 * Other top-level keys are ignored, as a newer exchange version may add some.
 */
const DealFrameSchema = z
  .object({ deal_confirmation: ConfirmationSchema.optional(), trade_confirmation: ConfirmationSchema.optional() })
  .refine((f) => (f.deal_confirmation === undefined) !== (f.trade_confirmation === undefined), {
    message: "expected exactly one of deal_confirmation, trade_confirmation",
  });

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(frame)"}: ${issue.message}`).join("; ");
}

/** Validates one text frame from the exchange; never throws. */
export function parseDealFrame(text: string): FrameResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const parsed = DealFrameSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const key: MessageKey = parsed.data.deal_confirmation ? "deal_confirmation" : "trade_confirmation";
  const body = parsed.data.deal_confirmation ?? parsed.data.trade_confirmation;
  if (!body) return { ok: false, reason: "no confirmation" };
  return {
    ok: true,
    key,
    deal: {
      id: body.id,
      trader_id: body.trader_id,
      delivery_day: body.delivery_day,
      delivery_hour: body.delivery_hour,
      direction: body.direction,
      price_cents: body.price,
      quantity_tenths: body.quantity,
      execution_time: body.execution_time,
      executed_at: new Date(body.execution_time).toISOString(),
    },
  };
}
