import type fc from "fast-check";
import type { CaseExpectation } from "./fuzz-types";
import type { FuzzOperation, OpenApiDocument } from "./openapi-model";
import type { RequestParts } from "./request-parts";

export interface MutationContext {
  doc: OpenApiDocument;
  operation: FuzzOperation;
  /** Long runs add the mutations too heavy for CI (a body at and past the 20 MiB limit). */
  longRun: boolean;
  /** The largest body the system accepts, in bytes. */
  maxBodyBytes: number;
}

/** A valid request changed in one way, with what the change guarantees about the answer. */
export interface Mutated {
  parts: RequestParts;
  expect: CaseExpectation;
  note: string;
  method?: string;
}

/** One family of the catalogue: which operations it fits and how it changes a valid request. */
export interface Mutation {
  family: string;
  applies(context: MutationContext): boolean;
  arb(context: MutationContext, valid: RequestParts): fc.Arbitrary<Mutated>;
  /** Cases every run tries before the random ones (a finite family lists them all). */
  examples?(context: MutationContext): Mutated[];
}

export const unchanged = (parts: RequestParts, note: string): Mutated => ({ parts, expect: {}, note });
