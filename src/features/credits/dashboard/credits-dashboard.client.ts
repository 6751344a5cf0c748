// Enhances the Credit Usage dashboard; the server-rendered page already works without it. With it, a sort, a page of
// the table or a selected message comes in without a reload (the URL and history still follow), and the sortable
// headers are buttons, as a control that reorders a table should be.
import { navigateInPlace } from "../../../web/in-place-navigation.browser";

/** A header's link becomes a button that goes where the link went: the next step of the column's sort cycle. */
function sortLinksToButtons(root: ParentNode): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>("th a.sort-link")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.dataset.href = link.getAttribute("href")!;
    if (link.dataset.focusKey) button.dataset.focusKey = link.dataset.focusKey;
    button.append(...link.childNodes);
    link.replaceWith(button);
  }
}

navigateInPlace({ enhance: sortLinksToButtons });
