import fc from "fast-check";
import type { Mutation } from "./mutation";
import { BODY_MUTATIONS } from "./mutations-body";
import { limits } from "./mutations-limits";
import { REQUEST_MUTATIONS } from "./mutations-request";

/** Valid requests as generated: the baseline every mutation starts from. */
export const valid: Mutation = {
  family: "valid",
  applies: () => true,
  arb: (_, parts) => fc.constant({ parts, expect: {}, note: "valid by the schema" }),
};

/** Every family, in the order a run tries them. */
export const CATALOGUE: Mutation[] = [valid, ...BODY_MUTATIONS, ...REQUEST_MUTATIONS, limits];
