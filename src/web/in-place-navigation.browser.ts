// Moves between views of one page (another sort, page or selection) without a page load. The server renders the
// next view exactly as it does for a plain link; the elements marked `data-region` are swapped for their new
// versions (matched by id), or the whole element marked `data-content-key` when the data around the regions differs,
// and the URL and history follow, so a reload, a shared link and back/forward show the same view. Without this
// module the same links and GET forms simply load pages.

export interface InPlaceOptions {
  /** Runs on the document at start and on each region swapped in, e.g. to turn header links into buttons. */
  enhance?: (root: ParentNode) => void;
}

const REGION = "[data-region]";
const CONTENT_KEY = "[data-content-key]";

export function navigateInPlace({ enhance = () => {} }: InPlaceOptions = {}): void {
  enhance(document);
  let latest = 0;

  async function go(href: string, history: "push" | "none"): Promise<void> {
    const ticket = ++latest;
    const regions = [...document.querySelectorAll<HTMLElement>(REGION)];
    for (const region of regions) region.setAttribute("aria-busy", "true");
    const focusKey = focusKeyOf(document.activeElement);
    const next = await fetchDocument(href);
    if (ticket !== latest) return;
    const swaps = next && swapsFor(regions, next);
    if (!swaps) {
      // Another kind of page (an error, another dashboard): load it as the link would have.
      location.assign(href);
      return;
    }
    if (history === "push") window.history.pushState(null, "", href);
    // Read before the swap moves the new regions out of `next`.
    const announcement = announcementOf(next);
    for (const [current, fresh] of swaps) {
      const replacement = document.adoptNode(fresh);
      current.replaceWith(replacement);
      enhance(replacement);
    }
    document.title = next.title;
    const announcer = document.querySelector("[data-announcer]");
    if (announcer && announcement) announcer.textContent = announcement;
    restoreFocus(focusKey);
    const target = new URL(href).hash.slice(1);
    if (target) document.getElementById(target)?.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const control = (event.target as Element).closest<HTMLElement>("a[href], button[data-href]");
    if (!control?.closest(REGION) || control.hasAttribute("download")) return;
    const href = new URL(control instanceof HTMLAnchorElement ? control.href : control.dataset.href!, location.href);
    if (!samePage(href)) return;
    event.preventDefault();
    void go(href.href, "push");
  });

  document.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    if (!form.closest(REGION) || form.method !== "get") return;
    const href = new URL(form.action);
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string" && value !== "") query.append(name, value);
    href.search = query.toString();
    if (!samePage(href)) return;
    event.preventDefault();
    void go(href.href, "push");
  });

  // A choice in a select applies at once, as its form's button would.
  document.addEventListener("change", (event) => {
    const select = event.target as Element;
    if (select instanceof HTMLSelectElement && select.closest(REGION)) select.form?.requestSubmit();
  });

  window.addEventListener("popstate", () => void go(location.href, "none"));
}

/**
 * Which elements to replace by which: the regions, or, when the content around them depends on data the next view
 * reads differently (another window, a newer data version: its `data-content-key` differs), that whole content
 * with the regions in it. Undefined when the next document lacks one of them.
 */
function swapsFor(regions: HTMLElement[], next: Document): Array<[HTMLElement, HTMLElement]> | undefined {
  const content = document.querySelector<HTMLElement>(CONTENT_KEY);
  const freshContent = content && next.getElementById(content.id);
  const whole = content && freshContent?.dataset.contentKey !== content.dataset.contentKey;
  const pairs: Array<[HTMLElement, HTMLElement | null | undefined]> = whole ? [[content, freshContent]] : [];
  for (const region of regions) if (!(whole && content.contains(region))) pairs.push([region, next.getElementById(region.id)]);
  return pairs.every((pair): pair is [HTMLElement, HTMLElement] => pair[1] instanceof HTMLElement) ? pairs : undefined;
}

/** Same document, other query: what this module may swap in. */
function samePage(url: URL): boolean {
  return url.origin === location.origin && url.pathname === location.pathname;
}

async function fetchDocument(href: string): Promise<Document | undefined> {
  try {
    const response = await fetch(href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (!response.headers.get("Content-Type")?.startsWith("text/html")) return undefined;
    return new DOMParser().parseFromString(await response.text(), "text/html");
  } catch {
    return undefined;
  }
}

/** What names a control across a swap: its focus key, else where it leads. */
function focusKeyOf(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement) || !element.closest(REGION)) return undefined;
  if (element.dataset.focusKey) return `[data-focus-key="${CSS.escape(element.dataset.focusKey)}"]`;
  const href = element.getAttribute("href");
  return href ? `a[href="${CSS.escape(href)}"]` : undefined;
}

/** Focus stays on the control a person used, or on the swapped region's heading when that control is gone. */
function restoreFocus(selector: string | undefined): void {
  if (!selector) return;
  const control =
    document.querySelector<HTMLElement>(`${REGION} ${selector}`) ?? document.querySelector<HTMLElement>("[data-focus-fallback]");
  control?.focus({ preventScroll: true });
}

/** What a screen reader hears after a swap: the new view's announcement, read out by a live region outside the swap. */
function announcementOf(next: Document): string | undefined {
  return next.querySelector("[data-announcement]")?.textContent?.replace(/\s+/g, " ").trim();
}
