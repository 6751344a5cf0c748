import type { Context } from "hono";
import { database } from "../../lib/db";
import { CSV_TYPE, JSON_TYPE, type RenderedBody, render, respondCached, wantsCsv } from "../../lib/http-cache";
import { ProblemError } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/router";
import { allTimePeaks, marketIn, marketTopPeaks } from "./market-peaks-query";
import { marketReadings } from "./market-readings-query";
import { normalizeWindowBound } from "./naive-timestamp";
import type { RankedPeak } from "./peak-order";
import type { MarketRow } from "./peaks.repository";
import * as repository from "./peaks.repository";
import type {
  CreateMarketRoute,
  GetAllPeaksRoute,
  GetCompatPeaksRoute,
  GetMarketPeaksRoute,
  GetMarketRoute,
  IngestReadingsRoute,
  ListMarketReadingsRoute,
  ListMarketsRoute,
} from "./peaks.routes";
import type { Market } from "./peaks.schemas";
import { type PeaksSnapshot, peaksCacheFor } from "./peaks-cache";
import { peaksCsv } from "./peaks-csv";
import { uniqueReadings } from "./reading-batch";

/** Clients revalidate every read (a 304 costs nothing), so a dashboard never shows peaks older than the last ingest. */
const READ_CACHE_CONTROL = "public, max-age=0, must-revalidate";
const COMPAT_LIMIT = 5;

function marketJson(row: MarketRow): Market {
  return {
    id: row.id,
    name: row.name,
    reading_count: row.readingCount,
    first_reading_at: row.firstTs,
    last_reading_at: row.lastTs,
    changed_at: row.changedAt,
  };
}

function notFound(ref: string, snapshot?: PeaksSnapshot): ProblemError {
  const known = snapshot ? snapshot.markets.slice(0, 20).map((m) => m.name) : [];
  const hint = known.length ? `; known markets: ${known.join(", ")}` : "";
  return new ProblemError("not-found", { detail: `No market named or numbered '${ref}'${hint}` });
}

function lookup(snapshot: PeaksSnapshot, ref: string): MarketRow {
  const market = marketIn(snapshot, ref);
  if (!market) throw notFound(ref, snapshot);
  return market;
}

async function snapshotOf(c: Context) {
  const cache = peaksCacheFor(c.env.DB);
  return { cache, snapshot: await cache.get(database(c.env.DB)) };
}

function renderPeaks(csv: boolean, json: unknown, groups: Array<{ market: string; peaks: RankedPeak[] }>): Promise<RenderedBody> {
  return csv ? render(peaksCsv(groups), CSV_TYPE) : render(JSON.stringify(json), JSON_TYPE);
}

export const getCompatPeaks: AppRouteHandler<GetCompatPeaksRoute> = async (c) => {
  const { market_name } = c.req.valid("query");
  const { cache, snapshot } = await snapshotOf(c);
  const market = snapshot.byName.get(market_name);
  if (!market) throw notFound(market_name, snapshot);
  const rendered = await cache.renderedFor(snapshot, `compat|${market.id}`, () => {
    const body = allTimePeaks(snapshot, market, COMPAT_LIMIT).map((peak) => ({
      usage_kw: peak.usage_kw,
      market_name: market.name,
      timestamp: peak.timestamp,
    }));
    return render(JSON.stringify(body), JSON_TYPE);
  });
  return respondCached(c, rendered, READ_CACHE_CONTROL);
};

export const listMarkets: AppRouteHandler<ListMarketsRoute> = async (c) => {
  const { cache, snapshot } = await snapshotOf(c);
  const rendered = await cache.renderedFor(snapshot, "markets", () =>
    render(JSON.stringify({ markets: snapshot.markets.map(marketJson) }), JSON_TYPE),
  );
  return respondCached(c, rendered, READ_CACHE_CONTROL);
};

export const getMarket: AppRouteHandler<GetMarketRoute> = async (c) => {
  const { snapshot } = await snapshotOf(c);
  return c.json(marketJson(lookup(snapshot, c.req.valid("param").market)), 200);
};

export const getMarketPeaks: AppRouteHandler<GetMarketPeaksRoute> = async (c) => {
  const { market: ref } = c.req.valid("param");
  const { limit, from, to, format } = c.req.valid("query");
  const csv = wantsCsv(format, c.req.header("Accept"));
  const { cache, snapshot } = await snapshotOf(c);
  const market = lookup(snapshot, ref);
  const marketRef = { id: market.id, name: market.name };

  if (from === undefined && to === undefined) {
    const rendered = await cache.renderedFor(snapshot, `market|${market.id}|${limit}|${csv}`, () => {
      const peaks = allTimePeaks(snapshot, market, limit);
      return renderPeaks(csv, { market: marketRef, limit, peaks }, [{ market: market.name, peaks }]);
    });
    return respondCached(c, rendered, READ_CACHE_CONTROL);
  }

  const window = { from: from && normalizeWindowBound(from), to: to && normalizeWindowBound(to) };
  const peaks = await marketTopPeaks(database(c.env.DB), snapshot, market, limit, window);
  const body = { market: marketRef, limit, ...(window.from && { from: window.from }), ...(window.to && { to: window.to }), peaks };
  return respondCached(c, await renderPeaks(csv, body, [{ market: market.name, peaks }]), READ_CACHE_CONTROL);
};

export const getAllPeaks: AppRouteHandler<GetAllPeaksRoute> = async (c) => {
  const { limit, format } = c.req.valid("query");
  const csv = wantsCsv(format, c.req.header("Accept"));
  const { cache, snapshot } = await snapshotOf(c);
  const rendered = await cache.renderedFor(snapshot, `all|${limit}|${csv}`, () => {
    const groups = snapshot.markets.map((market) => ({ market, peaks: allTimePeaks(snapshot, market, limit) }));
    const json = { limit, markets: groups.map((g) => ({ market: { id: g.market.id, name: g.market.name }, peaks: g.peaks })) };
    return renderPeaks(
      csv,
      json,
      groups.map((g) => ({ market: g.market.name, peaks: g.peaks })),
    );
  });
  return respondCached(c, rendered, READ_CACHE_CONTROL);
};

export const createMarket: AppRouteHandler<CreateMarketRoute> = async (c) => {
  const { market, outcome } = await repository.createMarket(database(c.env.DB), c.req.valid("json"));
  if (outcome === "conflict") {
    throw new ProblemError("conflict", {
      detail: `market ${market.id} is already named '${market.name}'`,
      extensions: { existing: { id: market.id, name: market.name } },
    });
  }
  const created = outcome === "created";
  if (created) peaksCacheFor(c.env.DB).invalidate();
  return c.json(marketJson(market), created ? 201 : 200);
};

export const ingestReadings: AppRouteHandler<IngestReadingsRoute> = async (c) => {
  const { market: ref } = c.req.valid("param");
  const { readings } = c.req.valid("json");
  const db = database(c.env.DB);
  const market = await repository.findMarket(db, ref);
  if (!market) throw notFound(ref);
  const { rows, repeats, errors } = uniqueReadings(readings);
  if (errors.length > 0) {
    throw new ProblemError("validation", { detail: `${errors.length} readings conflict within the batch; nothing was written`, errors });
  }
  const counts = await repository.ingestReadings(db, market.id, rows);
  peaksCacheFor(c.env.DB).invalidate();
  return c.json(
    {
      market: { id: market.id, name: market.name },
      received: readings.length,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged + repeats,
      version: counts.version,
    },
    200,
  );
};

export const listMarketReadings: AppRouteHandler<ListMarketReadingsRoute> = async (c) => {
  const { market: ref } = c.req.valid("param");
  const query = c.req.valid("query");
  const { cache, snapshot } = await snapshotOf(c);
  const market = lookup(snapshot, ref);
  const window = { from: query.from && normalizeWindowBound(query.from), to: query.to && normalizeWindowBound(query.to) };
  const key = `readings|${market.id}|${window.from ?? ""}|${window.to ?? ""}|${query.resolution}`;
  const rendered = await cache.renderedFor(snapshot, key, async () => {
    const { readings, ...answer } = await marketReadings(database(c.env.DB), market.id, window, query.resolution);
    const head = { market: { id: market.id, name: market.name }, from: window.from ?? null, to: window.to ?? null, readings };
    return render(JSON.stringify({ ...head, ...answer }), JSON_TYPE);
  });
  return respondCached(c, rendered, READ_CACHE_CONTROL);
};
