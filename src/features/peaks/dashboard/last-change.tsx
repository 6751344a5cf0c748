import { formatUtcSecond } from "../../../web/format";

/** When an ingest last changed the readings behind the page (UTC), from the markets' `changed_at`. */
export function LastChange({ changedAt }: { changedAt: string | null }) {
  if (changedAt === null) return <>No reading has been stored yet.</>;
  return (
    <>
      Data last changed at <time datetime={changedAt}>{formatUtcSecond(changedAt)}</time>.
    </>
  );
}

/** The latest of the markets' change times: when anything on the board last changed. */
export function latestChange(markets: ReadonlyArray<{ changedAt: string | null }>): string | null {
  let latest: string | null = null;
  // ISO 8601 UTC strings of one format: text order is time order.
  for (const { changedAt } of markets) if (changedAt !== null && (latest === null || changedAt > latest)) latest = changedAt;
  return latest;
}
