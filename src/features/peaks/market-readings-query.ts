import type { Database } from "../../lib/db";
import { ProblemError } from "../../lib/problem";
import type { PeakReading } from "./peak-order";
import * as repository from "./peaks.repository";
import { type BucketResolution, MAX_READING_POINTS, READING_RESOLUTIONS } from "./peaks.schemas";

export type ReadingsResolution = "auto" | "raw" | BucketResolution;

/** A window's readings as a chart takes them: the readings themselves, or per bucket of `resolution`. */
export type MarketReadings = { readings: number } & (
  | { resolution: "raw"; points: PeakReading[] }
  | { resolution: BucketResolution; buckets: repository.ReadingBucketRow[] }
);

const secondsBetween = (from: string, to: string) => (Date.parse(`${to}Z`) - Date.parse(`${from}Z`)) / 1000;

/** The finest bucket width that cuts the span into at most `maxPoints` buckets (the coarsest when none does). */
function autoResolution(span: { from: string; to: string }, maxPoints: number): BucketResolution {
  const seconds = secondsBetween(span.from, span.to);
  const widths = Object.entries(READING_RESOLUTIONS) as Array<[BucketResolution, number]>;
  return (widths.find(([, width]) => Math.ceil(seconds / width) + 1 <= maxPoints) ?? widths.at(-1)!)[0];
}

/**
 * The readings of a market's window for `GET /v1/markets/{market}/readings` and the market page's chart. `auto`
 * answers raw readings when the window holds at most `autoPoints` of them, else the finest bucket width giving at most
 * that many buckets; whatever the resolution, more than MAX_READING_POINTS points is a 422 naming `resolution`.
 */
export async function marketReadings(
  db: Database,
  marketId: number,
  window: repository.ReadingsWindow,
  resolution: ReadingsResolution,
  autoPoints = MAX_READING_POINTS,
): Promise<MarketReadings> {
  const count = await repository.countReadings(db, marketId, window);
  const chosen = resolution === "auto" && count <= autoPoints ? "raw" : resolution;
  if (chosen === "raw") {
    if (count > MAX_READING_POINTS) {
      throw new ProblemError("validation", {
        detail:
          `The window holds ${count} readings, more than ${MAX_READING_POINTS}: ` +
          "ask for a bucket width (resolution) or a shorter window",
        errors: [{ pointer: "/resolution", location: "query", detail: `raw answers at most ${MAX_READING_POINTS} readings` }],
      });
    }
    return { readings: count, resolution: "raw", points: await repository.windowReadings(db, marketId, window) };
  }
  // Without bounds, the market's own first and last readings bound the buckets the width must fit.
  const span = await repository.readingSpan(db, marketId, window);
  const width: BucketResolution = chosen === "auto" ? autoResolution(span, autoPoints) : chosen;
  const buckets = span.from === span.to ? 1 : Math.floor(secondsBetween(span.from, span.to) / READING_RESOLUTIONS[width]) + 1;
  if (buckets > MAX_READING_POINTS) {
    throw new ProblemError("validation", {
      detail:
        `${width} buckets over this window would be up to ${buckets}, more than ${MAX_READING_POINTS}: ` +
        "ask for a wider bucket or a shorter window",
      errors: [{ pointer: "/resolution", location: "query", detail: `at most ${MAX_READING_POINTS} buckets` }],
    });
  }
  const rows = count === 0 ? [] : await repository.readingBuckets(db, marketId, window, READING_RESOLUTIONS[width]);
  return { readings: count, resolution: width, buckets: rows };
}
