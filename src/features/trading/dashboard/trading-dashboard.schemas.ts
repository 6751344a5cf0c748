import { z } from "@hono/zod-openapi";
import { isIsoDay } from "../../../lib/instant";

/** The longest trader id the API accepts (TraderParamSchema); a longer one cannot be a trader. */
export const MAX_TRADER_ID_LENGTH = 100;

/** A delivery day from the URL; an empty field (a GET form's blank input) counts as absent, meaning today (UTC). */
const DeliveryDaySchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.string().refine(isIsoDay, { message: "expected a delivery day YYYY-MM-DD (UTC)" }).optional(),
);

/** The trader page's URL state. */
export const TraderPageQuerySchema = z.object({ delivery_day: DeliveryDaySchema });

/** The desk's URL: empty, or the trader selector's GET form (a trader and the day shown), which leads to that trader's page. */
export const DeskQuerySchema = z.object({
  trader_id: z.string().min(1).max(MAX_TRADER_ID_LENGTH).optional(),
  delivery_day: DeliveryDaySchema,
});

/** The UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/** Today and tomorrow in UTC: the delivery days the exchange trades now. */
export function tradableDays(now: number): { today: string; tomorrow: string } {
  return { today: utcDay(now), tomorrow: utcDay(now + DAY_MS) };
}
