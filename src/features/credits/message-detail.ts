import { database } from "../../lib/db";
import * as repository from "./credits.repository";
import { type Quote, quoteMessage } from "./quote";
import { toCredits } from "./text-pricing";

export interface MessageDetail {
  id: number;
  timestamp: string;
  text: string;
  report_id: number | null;
  credits_used: number;
  quote: Quote;
}

/** A stored message with why it costs what it costs; undefined when no message has this id. */
export async function messageDetail(d1: D1Database, id: number): Promise<MessageDetail | undefined> {
  const message = await repository.findMessage(d1, id);
  if (!message) return undefined;
  const reports = message.reportId === null ? new Map() : await repository.reportsById(database(d1), [message.reportId]);
  return {
    id: message.id,
    timestamp: message.timestamp,
    text: message.text,
    report_id: message.reportId,
    credits_used: toCredits(message.credits),
    quote: quoteMessage(message.text, message.reportId, message.reportId === null ? undefined : reports.get(message.reportId))!,
  };
}
