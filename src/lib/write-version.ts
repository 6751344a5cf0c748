import { z } from "@hono/zod-openapi";

/**
 * The `version` every write answers with. Writes to one data set are applied
 * one at a time (each is one D1 batch) and each bumps its counter, so of two
 * writes that set the same item differently the one with the higher version
 * is what is stored: the answer stays true however many callers race.
 */
export function writeVersionField(dataSet: string) {
  return z
    .number()
    .int()
    .openapi({
      example: 42,
      description:
        `The ${dataSet} data version after this write. Writes apply one at a time in version order: ` +
        "of two writes that set the same item differently, the higher version's content is stored.",
    });
}
