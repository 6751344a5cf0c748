// Re-reads the page a person is on with a conditional GET (If-None-Match with the ETag of the version shown), so a
// page can keep itself current cheaply: an unchanged page costs a 304 and no body. The page carries its own ETag in a
// `data-page-etag` attribute (the server fills it in), so the first check is conditional too.

export type Reread =
  /** A newer version: its document, and its ETag to send next time. */
  | { kind: "changed"; document: Document; etag: string | undefined }
  /** 304: the version shown is current. */
  | { kind: "unchanged" }
  /** No answer, or not this page (an error page, a sign-in form): keep what is shown and try again later. */
  | { kind: "failed"; reason: string };

/** The ETag the server wrote into the page, if any. */
export function pageEtagOf(root: ParentNode): string | undefined {
  return root.querySelector("[data-page-etag]")?.getAttribute("data-page-etag") || undefined;
}

export async function rereadPage(url: string, etag: string | undefined): Promise<Reread> {
  const headers: Record<string, string> = { Accept: "text/html" };
  if (etag) headers["If-None-Match"] = etag;
  let response: Response;
  try {
    // no-store: the browser's cache must not answer for the server, nor turn a 304 into the 200 it holds.
    response = await fetch(url, { headers, cache: "no-store", credentials: "same-origin" });
  } catch {
    return { kind: "failed", reason: "no answer" };
  }
  if (response.status === 304) return { kind: "unchanged" };
  if (response.redirected || !response.ok || !response.headers.get("Content-Type")?.startsWith("text/html")) {
    return { kind: "failed", reason: `HTTP ${response.status}` };
  }
  try {
    const document = new DOMParser().parseFromString(await response.text(), "text/html");
    return { kind: "changed", document, etag: response.headers.get("ETag") ?? pageEtagOf(document) };
  } catch {
    return { kind: "failed", reason: "the answer was cut short" };
  }
}

/**
 * Replaces the element with this id by its version in `next`, keeping what a person was doing in it: the focused
 * link (matched by where it leads) and how far each scrolling table was scrolled sideways. False when `next` lacks it.
 */
export function swapRegion(id: string, next: Document): boolean {
  const current = document.getElementById(id);
  const fresh = next.getElementById(id);
  if (!current || !fresh) return false;
  const focused = document.activeElement;
  const focusHref = focused instanceof HTMLAnchorElement && current.contains(focused) ? focused.getAttribute("href") : null;
  const scrolls = [...current.querySelectorAll<HTMLElement>(".table-wrap")].map((wrap) => wrap.scrollLeft);
  const replacement = document.importNode(fresh, true);
  current.replaceWith(replacement);
  replacement.querySelectorAll<HTMLElement>(".table-wrap").forEach((wrap, i) => {
    wrap.scrollLeft = scrolls[i] ?? 0;
  });
  if (focusHref) replacement.querySelector<HTMLElement>(`a[href="${CSS.escape(focusHref)}"]`)?.focus({ preventScroll: true });
  return true;
}

export interface Poller {
  /** Checks now, started or not; if a check is under way, once more right after it (it may have begun too early). */
  now(): void;
  /** Checks every interval from now on. */
  start(): void;
  stop(): void;
}

/**
 * Runs `check` every `intervalMs` while started, one at a time, and not while the tab is hidden (it checks as soon as
 * the tab shows again).
 */
export function poller(intervalMs: number, check: () => Promise<void>): Poller {
  let running = false;
  let busy = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void run(false), intervalMs);
  };
  async function run(forced: boolean): Promise<void> {
    if (busy) {
      again ||= forced;
      return;
    }
    if (!forced && (!running || document.hidden)) return;
    busy = true;
    try {
      await check();
    } catch {
      // A failed check is retried on schedule; the page keeps what it shows.
    } finally {
      busy = false;
      if (again) {
        again = false;
        void run(true);
      } else schedule();
    }
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && running) void run(false);
  });
  return {
    now: () => void run(true),
    start: () => {
      if (running) return;
      running = true;
      schedule();
    },
    stop: () => {
      running = false;
      clearTimeout(timer);
    },
  };
}

export interface KeepCurrentOptions {
  /** The id of the element swapped in from each newer version of the page. */
  region: string;
  /** What the page shows, as the messages name it: "the desk", "the peaks". */
  subject: string;
  /** What may be stale after a failed check: "the figures below". */
  shown: string;
  intervalMs: number;
  /** Called after a newer version was swapped in, with the time; what it returns is announced. */
  onSwapped?: (at: string) => string | undefined;
}

/**
 * Keeps a page current by re-reading it every `intervalMs` with If-None-Match and swapping its region in when it
 * changed; says when it last checked (`[data-poll-checked]`), announces failures once and recoveries
 * (`[data-poll-status]`), and states the interval (`[data-poll-note]`).
 */
export function keepPageCurrent(options: KeepCurrentOptions, clock: (ms: number) => string): Poller {
  const checked = document.querySelector<HTMLElement>("[data-poll-checked]");
  const status = document.querySelector<HTMLElement>("[data-poll-status]");
  const note = document.querySelector<HTMLElement>("[data-poll-note]");
  const pageUrl = `${location.pathname}${location.search}`;
  const seconds = options.intervalMs / 1000;
  let etag = pageEtagOf(document);
  let failing = false;

  if (note) note.textContent = `Updates every ${seconds} s while this page is open.`;
  const page = poller(options.intervalMs, async () => {
    const result = await rereadPage(pageUrl, etag);
    const at = clock(Date.now());
    if (result.kind === "failed") {
      // Said once, in the status region, not at every failed try.
      if (!failing && status) status.textContent = `Could not update ${options.subject} at ${at}; trying again every ${seconds} s.`;
      if (checked) checked.textContent = `Last update failed at ${at} (${result.reason}); ${options.shown} may be out of date.`;
      failing = true;
      return;
    }
    if (failing && status) status.textContent = `Updating ${options.subject} again (${at}).`;
    failing = false;
    if (result.kind === "changed" && swapRegion(options.region, result.document)) {
      etag = result.etag;
      const announcement = options.onSwapped?.(at);
      if (announcement && status) status.textContent = announcement;
    }
    if (checked) checked.textContent = `Last checked at ${at}.`;
  });
  page.start();
  return page;
}
