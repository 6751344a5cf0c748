// The feed page's list: new entries go on top, the oldest drop off past the limit, and nothing moves the reader's
// focus (an entry holding it stays until the focus leaves, so a keyboard never lands back at the top of the page).

export interface PlanFeedListElements {
  list: HTMLOListElement;
  /** The line that says how many plans are listed. */
  count: HTMLElement | null;
  /** "No plan computed since this page opened", removed with the first entry. */
  empty: HTMLElement | null;
}

export class PlanFeedList {
  constructor(
    private readonly elements: PlanFeedListElements,
    private readonly max: number,
  ) {
    elements.list.addEventListener("focusout", () => setTimeout(() => this.trim()));
  }

  /** Puts an entry, rendered and escaped by the entry component, above the others. */
  prepend(html: string): void {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const entry = template.content.firstElementChild;
    if (!(entry instanceof HTMLLIElement)) return;
    const { list, empty } = this.elements;
    list.prepend(entry);
    list.hidden = false;
    empty?.remove();
    this.trim();
  }

  private trim(): void {
    const { list } = this.elements;
    const focused = document.activeElement;
    let extra = list.children.length - this.max;
    for (let entry = list.lastElementChild; entry && extra > 0; ) {
      const previous = entry.previousElementSibling;
      if (!(focused && entry.contains(focused))) {
        entry.remove();
        extra--;
      }
      entry = previous;
    }
    this.showCount();
  }

  private showCount(): void {
    const { list, count } = this.elements;
    if (!count) return;
    const shown = Math.min(list.children.length, this.max);
    const plans = `${shown} ${shown === 1 ? "plan" : "plans"}`;
    count.textContent = `${plans} listed (at most ${this.max}, newest first; older ones drop off the end).`;
  }
}
