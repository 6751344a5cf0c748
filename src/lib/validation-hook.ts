import type { Context } from "hono";
import type { ZodError } from "zod";
import { type FieldError, problemResponse, toPointer } from "./problem";

/** At most this many field errors are listed in one answer. */
export const MAX_LISTED_ERRORS = 1000;

type Target = "json" | "query" | "param" | "header" | "cookie" | "form";

const LOCATION: Record<Target, FieldError["location"]> = {
  json: "body",
  form: "form",
  query: "query",
  param: "path",
  header: "header",
  cookie: "cookie",
};

export function fieldErrors(error: ZodError, location: FieldError["location"]): FieldError[] {
  return error.issues.map((issue) => ({
    pointer: toPointer(issue.path),
    location,
    detail: issue.message,
  }));
}

/**
 * The one validation hook of every route: a zod failure in any part of the
 * request becomes a 422 problem listing each invalid field.
 */
export function validationHook(
  result: { target: string; success: true; data: unknown } | { target: string; success: false; error: ZodError },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const location = LOCATION[result.target as Target] ?? "body";
  const errors = fieldErrors(result.error, location);
  const fields = errors.length === 1 ? "1 field is" : `${errors.length} fields are`;
  return problemResponse(c, "validation", {
    detail: `${fields} invalid in the request ${location}`,
    // A 50,000-row batch of bad rows would otherwise answer megabytes of errors; the count says how many there were.
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    extensions: { error_count: errors.length },
  });
}
