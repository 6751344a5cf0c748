import type { FuzzConfig, FuzzOutcome, FuzzRequest } from "./fuzz-types";

/** Sends one request and reads its whole body, within the hang bound. */
export async function exchange(config: FuzzConfig, request: FuzzRequest): Promise<FuzzOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<FuzzOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "hang", afterMs: config.timeoutMs }), config.timeoutMs);
  });
  const answer = (async (): Promise<FuzzOutcome> => {
    try {
      const response = await config.transport(request);
      return { kind: "answer", status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      return { kind: "network-error", message: (error as Error).message };
    }
  })();
  try {
    return await Promise.race([answer, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadResult {
  status: number;
  text: string;
  body: unknown;
}

/** A GET the oracle itself makes (state digests, read-backs); a hang or network error here is thrown. */
export async function read(config: FuzzConfig, path: string): Promise<ReadResult> {
  const outcome = await exchange(config, { method: "GET", path, headers: {} });
  if (outcome.kind !== "answer") throw new Error(`GET ${path}: ${outcome.kind === "hang" ? "no answer" : outcome.message}`);
  let body: unknown;
  try {
    body = JSON.parse(outcome.text);
  } catch {
    body = undefined;
  }
  return { status: outcome.status, text: outcome.text, body };
}
