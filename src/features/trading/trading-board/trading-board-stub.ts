import type { Bindings } from "../../../lib/env";
import type { TradingBoard } from "./trading-board";

/** One board for the desk: every dashboard of every trader subscribes here. */
export const TRADING_BOARD_NAME = "desk";

export function tradingBoard(env: Pick<Bindings, "TRADING_BOARD">): DurableObjectStub<TradingBoard> {
  return env.TRADING_BOARD.getByName(TRADING_BOARD_NAME);
}
