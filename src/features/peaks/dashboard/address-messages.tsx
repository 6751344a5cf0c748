import { BOARD_PATH } from "./peaks-dashboard-links";

const Board = () => <a href={BOARD_PATH}>peak usage board</a>;

/** The 422 page's message: what is wrong with the address, and what works. */
export function InvalidAddressMessage({ problems, page }: { problems: string; page: "board" | "market" }) {
  return page === "board" ? (
    <>{problems}. Open the board without parameters, or with format=csv for its CSV.</>
  ) : (
    <>
      {problems}. Leave n, from and to out for the top 10 over all the market's data, or start from the <Board />.
    </>
  );
}

/** The 404 page's message: which market, and where the known ones are listed. */
export function UnknownMarketMessage({ market }: { market: string }) {
  return (
    <>
      No market is named or numbered “{market}”. The <Board /> lists every market.
    </>
  );
}
