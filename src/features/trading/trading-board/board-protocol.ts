import type { TraderReportRow, TraderReportView } from "../trader-report";

/** A client's messages are tiny (a ping); anything longer is refused before it is parsed. */
export const MAX_CLIENT_MESSAGE_BYTES = 256;

/** WebSocket close codes the board uses (RFC 6455 §7.4.1). */
export const CLOSE = {
  /** Policy violation: a message the protocol does not know. */
  unknownMessage: 1008,
  /** Message too big. */
  tooBig: 1009,
} as const;

/** Subscribers of one trader's delivery day share a tag, so a change finds exactly them. */
export function subscriptionTag(traderId: string, deliveryDay: string): string {
  return `${deliveryDay}|${traderId}`;
}

/** Sent once, on connecting. */
export interface HelloMessage {
  type: "hello";
  trader_id: string;
  delivery_day: string;
}

/**
 * The rows of a trader's day that changed (a deal stored, a reference price published) and the day's totals: the
 * same objects as GET /v1/trading/traders/{trader_id}/report, plus each as the trader page renders it.
 */
export interface ReportRowsMessage {
  type: "rows";
  trader_id: string;
  delivery_day: string;
  rows: TraderReportRow[];
  totals: TraderReportView["totals"];
  html: { rows: Record<string, string>; totals: string };
}

export type BoardMessage = HelloMessage | ReportRowsMessage;
