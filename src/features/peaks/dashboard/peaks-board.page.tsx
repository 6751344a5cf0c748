import { formatCount } from "../../../web/format";
import { Layout } from "../../../web/layout";
import { PollNotice } from "../../../web/poll-notice";
import { ETAG_PLACEHOLDER } from "../../../web/rendered-page";
import { EmptyState } from "../../../web/states";
import type { RankedPeak } from "../peak-order";
import { LastChange } from "./last-change";
import { BOARD_PATH, boardHref, marketHref } from "./peaks-dashboard-links";
import { PeaksTable } from "./peaks-table";
import { formatNaive } from "./reading-format";

/** How many peaks the board lists per market: the origin's "5 highest usage measures". */
export const BOARD_PEAKS = 5;
/** How often the board asks for a newer version of itself (a conditional GET: unchanged costs a 304). */
export const BOARD_POLL_SECONDS = 5;

/** A market as the board shows it. */
export interface BoardMarket {
  name: string;
  readingCount: number;
  firstTs: string | null;
  lastTs: string | null;
  peaks: RankedPeak[];
}

export interface BoardPageProps {
  markets: BoardMarket[];
  /** When an ingest last changed any market's readings (UTC); null before the first. */
  changedAt: string | null;
}

function MarketCard({ market }: { market: BoardMarket }) {
  const headingId = `market-${market.name}`;
  return (
    <section class="market-card" aria-labelledby={headingId} data-market={market.name}>
      <h2 id={headingId} class="market-card-title">
        <a href={marketHref(market.name)}>{market.name}</a>
      </h2>
      <p class="meta market-meta">
        {formatCount(market.readingCount)} {market.readingCount === 1 ? "reading" : "readings"}
        {market.firstTs && market.lastTs && (
          <>
            ,{" "}
            <span class="market-range">
              <time datetime={market.firstTs}>{formatNaive(market.firstTs)}</time> to{" "}
              <time datetime={market.lastTs}>{formatNaive(market.lastTs)}</time>
            </span>
          </>
        )}
      </p>
      {market.peaks.length === 0 ? (
        <p class="market-empty">No readings yet.</p>
      ) : (
        <PeaksTable id={`peaks-${market.name}`} caption={`The ${BOARD_PEAKS} highest readings of ${market.name}`} peaks={market.peaks} />
      )}
    </section>
  );
}

/** The Peak Usage board: every market's five highest readings on one screen, re-read every few seconds. */
export function PeaksBoardPage({ markets, changedAt }: BoardPageProps) {
  return (
    <Layout title="Peak usage" current={BOARD_PATH} scripts={["peaks-board.client.ts"]}>
      <h1>Peak usage</h1>
      <p class="lede">
        The {BOARD_PEAKS} highest usage readings of each energy market, highest first, in kilowatts (kW). Reading times are each market's
        local time as the market reports it (no time zone); other times are UTC. Open a market for more peaks, any window and a chart.
      </p>
      <PollNotice seconds={BOARD_POLL_SECONDS} news="new readings" />
      <div id="peaks-board" data-region data-page-etag={ETAG_PLACEHOLDER}>
        <div class="table-tools">
          <p class="meta board-changed" data-last-change>
            <LastChange changedAt={changedAt} /> {formatCount(markets.length)} {markets.length === 1 ? "market" : "markets"}, by name.
          </p>
          <a class="button button-quiet" href={boardHref("csv")} download="peaks.csv">
            Download CSV (every market's top {BOARD_PEAKS})
          </a>
        </div>
        {markets.length === 0 ? (
          <EmptyState title="No market yet.">
            <p>
              Markets are created with <code>POST /v1/markets</code> and fed with <code>{"POST /v1/markets/{market}/readings"}</code>; see
              the <a href="/docs#/peaks">peaks API</a>.
            </p>
          </EmptyState>
        ) : (
          <ul class="market-grid">
            {markets.map((market) => (
              <li>
                <MarketCard market={market} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
