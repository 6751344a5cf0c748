import { expect, vi } from "vitest";
import { call } from "./helpers";

/**
 * Racing callers against the write routes: many requests in flight at once,
 * repeated over several trials, and each caller's answer checked against
 * what is stored once all are done. Identical requests apply once and every
 * caller succeeds with true counts; conflicting ones either have one winner
 * (the others 409, never 500) or, where a later write legitimately corrects
 * an earlier one, apply in version order with the highest version stored.
 */
export const CALLERS = 20;
export const TRIALS = 5;

/** Each test sends TRIALS × CALLERS requests: on a loaded 2-core machine that takes longer than the default 5 s. */
export function allowRacingTime(): void {
  vi.setConfig({ testTimeout: 120_000 });
}

export interface Answer {
  status: number;
  body: Record<string, unknown> & { version?: number };
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** Starts every request before awaiting any, so they are all in flight together. */
export function race(count: number, send: (i: number) => Promise<Response>): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i).then(answer)));
}

export const json = async <T>(path: string): Promise<T> => (await call(path)).json() as Promise<T>;

export function expectNoServerErrors(answers: Answer[]): void {
  expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
}

/** Conflicting corrections: all succeed, versions are distinct, and the highest version's caller is the one stored. */
export function lastWriter(answers: Answer[]): { index: number } {
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const versions = answers.map((a) => a.body.version!);
  expect(new Set(versions).size).toBe(answers.length);
  return { index: versions.indexOf(Math.max(...versions)) };
}

export function byVersion(answers: Answer[]): Answer[] {
  return [...answers].sort((a, b) => a.body.version! - b.body.version!);
}
