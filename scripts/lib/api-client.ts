/**
 * The HTTP client every script uses to talk to a running Energy Edge (local
 * or deployed): importers, sample-data loading and benchmarks all go through
 * the public API, exactly as a customer would.
 */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ pointer: string; location?: string; detail: string }>;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: ProblemDocument | undefined,
    readonly bodyText: string,
  ) {
    super(`${method} ${path} answered ${status}: ${problem?.detail ?? problem?.title ?? bodyText.slice(0, 200)}`);
    this.name = "ApiError";
  }
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  /** Retries after the first attempt on 429, 5xx and network errors (default 5). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** Seconds or an HTTP date, per RFC 9110; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter: half the nominal delay plus a random share of the other half. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const nominal = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly options: Required<Omit<ApiClientOptions, "token" | "onRetry">> & Pick<ApiClientOptions, "token" | "onRetry">;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.options = {
      maxRetries: 5,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      timeoutMs: 120_000,
      fetch: globalThis.fetch.bind(globalThis),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      ...options,
    };
  }

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.send<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.send<T>("POST", path, body);
  }

  put<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.send<T>("PUT", path, body);
  }

  /**
   * Sends one request, retrying 429/5xx/network failures with backoff (the
   * ingest API is idempotent, so a retried write cannot double anything).
   * Any other non-2xx answer throws an ApiError carrying the problem document.
   */
  async send<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const { maxRetries, baseDelayMs, maxDelayMs, random, sleep } = this.options;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.options.fetch(this.baseUrl + path, {
          method,
          headers: this.headers(payload !== undefined),
          body: payload,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        if (attempt >= maxRetries) throw error;
        const delayMs = backoffMs(attempt, baseDelayMs, maxDelayMs, random);
        this.options.onRetry?.({ attempt: attempt + 1, delayMs, reason: (error as Error).message });
        await sleep(delayMs);
        continue;
      }
      const text = await response.text();
      if (response.ok) {
        return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
      }
      if (RETRYABLE.has(response.status) && attempt < maxRetries) {
        const delayMs = Math.min(
          maxDelayMs,
          retryAfterMs(response.headers.get("Retry-After")) ?? backoffMs(attempt, baseDelayMs, maxDelayMs, random),
        );
        this.options.onRetry?.({ attempt: attempt + 1, delayMs, reason: `HTTP ${response.status}` });
        await sleep(delayMs);
        continue;
      }
      throw new ApiError(method, path, response.status, parseProblem(text), text);
    }
  }

  private headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (hasBody) headers["Content-Type"] = "application/json";
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    return headers;
  }
}

function parseProblem(text: string): ProblemDocument | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as ProblemDocument) : undefined;
  } catch {
    return undefined;
  }
}
